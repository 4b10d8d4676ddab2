import type { DispatchLedger } from '../lane/dispatch-contract';
import type { DeliveryStore } from '../store/delivery-store';
import type { Lane, Platform } from '../schemas/common';
import type { ProviderLaneRow } from '../schemas/sidecars';

/** An empty provider_state row for a job that preflight did not create one for. */
export function emptyLaneRow(platform: Platform, lane: Lane): ProviderLaneRow {
  return {
    platform,
    lane,
    status: 'not_started',
    adapter_kind: null,
    external_refs: {},
    details: {},
    ledger: {},
    last_error: null,
    last_updated_at_unix_ms: null,
  };
}

/**
 * The durable ledger of one job, kept in provider_state.json under `lanes[platform:lane].ledger`.
 * Every write is its own locked, atomic transaction, so it is on disk before the lane makes its
 * next provider call: a crash loses at most the call in flight, never what was already done.
 */
export function createDurableLedger(store: DeliveryStore, platform: Platform, lane: Lane): DispatchLedger {
  const key = `${platform}:${lane}`;
  let cache: Record<string, unknown> = structuredClone(store.read('providerState').lanes[key]?.ledger ?? {});
  const write = (mutate: (ledger: Record<string, unknown>) => void) => {
    store.transact((tx) => {
      const ps = tx.get('providerState');
      const row = ps.lanes[key] ?? emptyLaneRow(platform, lane);
      const ledger = structuredClone(row.ledger);
      mutate(ledger);
      ps.lanes[key] = { ...row, ledger, last_updated_at_unix_ms: tx.now() };
      ps.updated_at_unix_ms = tx.now();
      tx.put('providerState', ps);
      cache = ledger;
    });
  };
  const recipients = () => (cache.recipients ?? {}) as Record<string, unknown>;
  return {
    get: <T>(k: string) => structuredClone(cache[k]) as T | undefined,
    set: (k, v) => write((l) => void (l[k] = structuredClone(v))),
    getRecipient: <T>(email: string) => structuredClone(recipients()[email]) as T | undefined,
    setRecipient: (email, v) =>
      write((l) => {
        const r = (l.recipients ??= {}) as Record<string, unknown>;
        r[email] = structuredClone(v);
      }),
  };
}
