import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, type DeliveryListQuery, type DeliveryRow } from './types';

/** The effective limit of a query: default 50, clamped to 1..500. */
export function effectiveLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(limit)));
}

/** True when `row` passes every filter of `q` (the same semantics as the SQL of the index). */
export function matchesQuery(row: DeliveryRow, q: DeliveryListQuery): boolean {
  return (
    row.tenant_id === q.tenantId &&
    (q.repoId === undefined || row.repo_id === q.repoId) &&
    (q.phase === undefined || row.session_phase === q.phase) &&
    (q.releaseMode === undefined || row.release_mode === q.releaseMode) &&
    (q.sinceMs === undefined || row.updated_at_ms >= q.sinceMs) &&
    (q.untilMs === undefined || row.updated_at_ms <= q.untilMs)
  );
}

/** Newest first, ties by delivery id: the order of {@link OperationsIndex.list}. */
export function compareNewestFirst(a: DeliveryRow, b: DeliveryRow): number {
  if (a.updated_at_ms !== b.updated_at_ms) return b.updated_at_ms - a.updated_at_ms;
  return a.delivery_id < b.delivery_id ? -1 : a.delivery_id > b.delivery_id ? 1 : 0;
}

/** Filter, order and limit rows in memory (the file-scan fallback of `akc deliver list`). */
export function queryRows(rows: readonly DeliveryRow[], q: DeliveryListQuery): DeliveryRow[] {
  return rows
    .filter((r) => matchesQuery(r, q))
    .sort(compareNewestFirst)
    .slice(0, effectiveLimit(q.limit));
}
