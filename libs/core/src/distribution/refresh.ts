import type { Lane, Platform } from '../schemas/common';
import type { PollResult } from '../lane/dispatch-contract';
import { EVENT } from '../events/event-types';
import { recomputeRecipient, recomputeRollup, transitionEventType } from '../activation/recompute';
import { openDelivery, type ControlPlaneIO } from '../control-plane/io';
import { buildLaneContext, laneVersions } from '../packaging/lane-context';
import { packagingRow } from '../packaging/types';
import type { LaneRegistry } from '../lane/registry';
import type { LaneConfig } from '../lane/load-lanes';
import type { DeliveryStore } from '../store/delivery-store';
import { createDurableLedger } from './ledger';
import { resolveLaneOptions } from '../lane/lane-options';
import { createInviteIssuer } from './invite-issuer';

export interface RefreshResult {
  polled: Array<{
    job: string;
    ok: boolean;
    store_state: string | null;
    installs: number;
    error: string | null;
  }>;
  events: number;
}

const POLLED = new Set(['completed', 'submitted', 'staged', 'partial']);

/**
 * `akc deliver status --refresh`: ask each dispatched lane's provider for review and install
 * state and record it as provider evidence (store live, installs), with one event per change.
 */
export async function refreshProviderState(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  opts: { registry: LaneRegistry; laneConfig: LaneConfig; signal?: AbortSignal },
): Promise<RefreshResult> {
  const store = openDelivery(io, projectDir, deliveryId);
  const snap = {
    request: store.read('request'),
    session: store.read('session'),
    recipients: store.read('recipients'),
    paths: store.paths,
  };
  const ps = store.read('providerState');
  const result: RefreshResult = { polled: [], events: 0 };
  for (const [job, row] of Object.entries(ps.lanes)) {
    if (!POLLED.has(row.status)) continue;
    const [platform, lane] = job.split(':') as [Platform, Lane];
    let plugin;
    try {
      plugin = opts.registry.get(job);
    } catch {
      continue;
    }
    if (!plugin.poll) continue;
    const pkg = packagingRow(snap.session, platform);
    const versions = laneVersions(
      (snap.session.pipeline.package.outputs?.provider_versions ?? {}) as Parameters<typeof laneVersions>[0],
    );
    const resolved = resolveLaneOptions(plugin, opts.laneConfig, job);
    if (!resolved.ok) {
      const error = resolved.problems.map((p) => p.reason).join('; ');
      result.polled.push({ job, ok: false, store_state: null, installs: 0, error });
      continue;
    }
    const ctx = buildLaneContext(
      io,
      snap,
      plugin,
      platform,
      resolved.options,
      versions,
      opts.signal ?? new AbortController().signal,
    );
    try {
      const r = await plugin.poll({
        ...ctx,
        lane,
        artifact: {
          platform,
          files: pkg?.artifacts ?? [],
          hostingUrl: pkg?.deploy?.hosting_url ?? null,
          versions: { ...versions },
        },
        recipients: ctx.delivery.recipients.filter((x) => x.platforms.includes(platform)),
        ledger: createDurableLedger(store, platform, lane),
        invites: createInviteIssuer(deliveryId, store.read('secrets'), io.env, io.now),
      });
      result.events += recordPoll(store, job, platform, lane, r);
      result.polled.push({
        job,
        ok: true,
        store_state: r.store_state ?? null,
        installs: r.installs?.length ?? 0,
        error: null,
      });
    } catch (e) {
      result.polled.push({ job, ok: false, store_state: null, installs: 0, error: (e as Error).message });
    }
  }
  return result;
}

function recordPoll(
  store: DeliveryStore,
  job: string,
  platform: Platform,
  lane: Lane,
  r: PollResult,
): number {
  return store.transact((tx) => {
    const session = tx.get('session');
    const at = tx.now();
    let events = 0;
    if (lane === 'store' && platform !== 'web' && r.store_state) {
      const sub = session.store_release[platform];
      const next =
        r.store_state === 'live'
          ? 'live'
          : r.store_state === 'in_review' || r.store_state === 'approved'
            ? 'in_review'
            : r.store_state === 'rejected'
              ? 'failed'
              : sub.status;
      if (next === 'live' && sub.status !== 'live') {
        tx.appendEvent(EVENT.storeLive, { job, platform, external_refs: r.external_refs ?? {} });
        session.milestones.store_live_at_unix_ms ??= at;
        events++;
      }
      session.store_release[platform] = { ...sub, status: next };
      const subs = [session.store_release.ios, session.store_release.android].filter(
        (s) => s.status !== 'not_applicable',
      );
      if (subs.length > 0 && subs.every((s) => s.status === 'live')) session.store_release.status = 'live';
    }
    const recipients = tx.get('recipients');
    for (const install of r.installs ?? []) {
      const st = session.per_recipient[install.email]?.platforms[platform];
      if (!st || st.provider_install_at_unix_ms !== null) continue;
      st.provider_install_at_unix_ms = install.at_unix_ms;
      tx.appendEvent(EVENT.providerInstallDetected, {
        recipient: install.email,
        platform,
        kind: 'provider_install',
        job,
      });
      events++;
      const scope = recipients.recipients[install.email]?.platforms ?? session.platforms;
      const t = recomputeRecipient(session, install.email, scope, at);
      if (t) {
        const row = recipients.recipients[install.email];
        if (row) row.status = t.to;
        const type = transitionEventType(t.to);
        if (type) tx.appendEvent(type, { recipient: install.email, from: t.from, to: t.to });
        events++;
      }
    }
    // Store live can satisfy provider proof for store-mode recipients: recompute everyone on this platform.
    for (const email of Object.keys(session.per_recipient)) {
      const scope = recipients.recipients[email]?.platforms ?? session.platforms;
      const t = recomputeRecipient(session, email, scope, at);
      if (!t) continue;
      const row = recipients.recipients[email];
      if (row) row.status = t.to;
      const type = transitionEventType(t.to);
      if (type) tx.appendEvent(type, { recipient: email, from: t.from, to: t.to });
      events++;
    }
    recomputeRollup(session);
    recipients.updated_at_unix_ms = at;
    tx.put('recipients', recipients);
    tx.put('session', session);
    return events;
  });
}
