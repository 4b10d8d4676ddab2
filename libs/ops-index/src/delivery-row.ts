import {
  computeDeliveryMetrics,
  pythonFloatRepr,
  type DeliveryMetrics,
  type DeliveryRequest,
  type DeliverySession,
} from '@akc/core';
import type { DeliveryRow, RecipientStatusCounts } from './types';

/**
 * The index row of one delivery from its request and session (spec 12.2): metrics from
 * `computeDeliveryMetrics`, paths relative to `outputs_root`, tenant and repo from the layout.
 */
export function buildDeliveryRow(
  where: { tenantId: string; repoId: string },
  request: DeliveryRequest,
  session: DeliverySession,
): DeliveryRow {
  const id = session.delivery_id;
  const dir = `${where.tenantId}/${where.repoId}/.akc/delivery/${id}`;
  const counts: RecipientStatusCounts = { invited: 0, installed: 0, active: 0 };
  for (const email of request.recipients) {
    const status = session.per_recipient[email]?.status;
    if (status === 'invited' || status === 'installed' || status === 'active') counts[status] += 1;
  }
  return {
    tenant_id: where.tenantId,
    repo_id: where.repoId,
    delivery_id: id,
    updated_at_ms: session.updated_at_unix_ms,
    created_at_ms: session.created_at_unix_ms,
    session_phase: session.session_phase,
    release_mode: session.release_mode,
    compile_run_id: session.compile_run_id?.trim() || null,
    session_rel_path: `${dir}/session.json`,
    events_rel_path: `${dir}/events.json`,
    recipient_count: request.recipients.length,
    recipients: counts,
    gate_status: session.human_readiness_gate.status,
    platforms: [...session.platforms],
    metrics: computeDeliveryMetrics(request, session),
  };
}

/** `platforms_json`: Python's `json.dumps(platforms)` (default separators `, ` and `: `). */
export function encodePlatforms(platforms: readonly string[]): string {
  return `[${platforms.map((p) => JSON.stringify(p)).join(', ')}]`;
}

const RATE_KEYS = new Set<keyof DeliveryMetrics>([
  'invite_acceptance_rate',
  'install_rate',
  'activation_rate',
]);

/**
 * `metrics_json`: Python's `json.dumps(metrics, sort_keys=True)`. Rates are Python floats (`1.0`,
 * `0.5`), durations integers, so the text matches what the original wrote byte for byte.
 */
export function encodeMetrics(metrics: DeliveryMetrics): string {
  const keys = (Object.keys(metrics) as Array<keyof DeliveryMetrics>).sort();
  const parts = keys.map((k) => {
    const v = metrics[k];
    const text = v === null ? 'null' : RATE_KEYS.has(k) ? pythonFloatRepr(v) : String(Math.trunc(v));
    return `${JSON.stringify(k)}: ${text}`;
  });
  return `{${parts.join(', ')}}`;
}

/** Parse a JSON column, or null when it is empty or not JSON (a row from another writer). */
export function decodeJson<T>(text: string | null): T | null {
  if (text === null || text === '') return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
