import type { DeliveryRequest } from '../schemas/request';
import type { DeliverySession } from '../schemas/session';
import type { EventRow, EvidenceRecord } from '../schemas/sidecars';
import { computeDeliveryMetrics, type DeliveryMetrics } from '../metrics/compute-metrics';
import { GENESIS_HASH, rowHash } from '../store/json-log';
import { LOGS, describeErrors, type LogName } from '../store/documents';
import { openDelivery, type ControlPlaneIO } from './io';

export interface StatusResult {
  delivery_id: string;
  request: DeliveryRequest;
  session: DeliverySession;
  metrics: DeliveryMetrics;
}

/** `akc deliver status`: request, session and live metrics. Secrets live elsewhere and never appear. */
export function getStatus(io: ControlPlaneIO, projectDir: string, deliveryId: string): StatusResult {
  const store = openDelivery(io, projectDir, deliveryId);
  const request = store.read('request');
  const session = store.read('session');
  return { delivery_id: deliveryId, request, session, metrics: computeDeliveryMetrics(request, session) };
}

export interface EventsQuery {
  /** Keep events whose type equals this or starts with it followed by a dot. */
  type?: string;
  /** Only events with seq greater than this. */
  afterSeq?: number;
  /** At most this many (the last ones when combined with `tail`). */
  limit?: number;
  tail?: boolean;
}

/** `akc deliver events`: the event log in order, optionally filtered. */
export function getEvents(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  q: EventsQuery = {},
): { delivery_id: string; events: EventRow[] } {
  const store = openDelivery(io, projectDir, deliveryId);
  let events = store.readLog('events');
  if (q.type) events = events.filter((e) => e.event_type === q.type || e.event_type.startsWith(`${q.type}.`));
  if (q.afterSeq !== undefined) events = events.filter((e) => e.seq > (q.afterSeq as number));
  if (q.limit !== undefined) events = q.tail ? events.slice(-q.limit) : events.slice(0, q.limit);
  return { delivery_id: deliveryId, events };
}

export interface LogVerification {
  rows: number;
  last_seq: number;
  ok: boolean;
  problems: string[];
}

export interface VerifyResult {
  delivery_id: string;
  ok: boolean;
  events: LogVerification;
  evidence: LogVerification;
  documents: Record<string, 'ok' | string>;
}

function verifyChain(rows: ReadonlyArray<EventRow | EvidenceRecord>, name: LogName): LogVerification {
  const problems: string[] = [];
  let prev = GENESIS_HASH;
  rows.forEach((row, i) => {
    const at = `${name} row ${i + 1}`;
    if (!LOGS[name].validate(row)) problems.push(`${at}: ${describeErrors(LOGS[name].validate)}`);
    if (row.seq !== i + 1) problems.push(`${at}: seq ${row.seq}, expected ${i + 1}`);
    if (row.prev_hash !== prev) problems.push(`${at}: prev_hash does not match the row before`);
    if (rowHash(row as unknown as Parameters<typeof rowHash>[0]) !== row.hash)
      problems.push(`${at}: hash does not match its content`);
    prev = row.hash;
  });
  return {
    rows: rows.length,
    last_seq: rows[rows.length - 1]?.seq ?? 0,
    ok: problems.length === 0,
    problems: problems.slice(0, 50),
  };
}

/**
 * `akc deliver verify`: proves the event and evidence logs are intact (gap-free sequence,
 * unbroken hash chain, every row valid) and every document passes its schema.
 */
export function verifyDelivery(io: ControlPlaneIO, projectDir: string, deliveryId: string): VerifyResult {
  const store = openDelivery(io, projectDir, deliveryId);
  const documents: Record<string, string> = {};
  for (const name of ['request', 'session', 'recipients', 'providerState', 'secrets'] as const) {
    try {
      store.read(name);
      documents[name] = 'ok';
    } catch (e) {
      documents[name] = (e as Error).message;
    }
  }
  const events = verifyChain(store.readLog('events'), 'events');
  const evidence = verifyChain(store.readLog('evidence'), 'evidence');
  const ok = events.ok && evidence.ok && Object.values(documents).every((d) => d === 'ok');
  return { delivery_id: deliveryId, ok, events, evidence, documents };
}
