import type { DeliveryMetrics, Platform, ReleaseMode, SessionPhase } from '@akc/core';

/** Every session phase (core's list, so `list --phase` always knows them all). */
export { SESSION_PHASES } from '@akc/core';

/** Recipients of a delivery by their current status (each recipient counts once). */
export interface RecipientStatusCounts {
  invited: number;
  installed: number;
  active: number;
}

/**
 * One row of `delivery_sessions` (spec 12.2), with `platforms_json` and `metrics_json` decoded.
 * Rows are keyed by (tenant_id, repo_id, delivery_id); tenant and repo come from the project's
 * place under `outputs_root`, not from the session.
 */
export interface DeliveryRow {
  tenant_id: string;
  repo_id: string;
  delivery_id: string;
  /** `session.updated_at_unix_ms`: the last change of the delivery. */
  updated_at_ms: number;
  /** `session.created_at_unix_ms` (schema v2; null in rows written before it). */
  created_at_ms: number | null;
  session_phase: SessionPhase;
  release_mode: ReleaseMode | null;
  compile_run_id: string | null;
  /** `<tenant>/<repo>/.akc/delivery/<id>/session.json`, relative to `outputs_root`. */
  session_rel_path: string;
  events_rel_path: string;
  recipient_count: number;
  /** Schema v2. */
  recipients: RecipientStatusCounts;
  /** `human_readiness_gate.status` (schema v2). */
  gate_status: string | null;
  platforms: Platform[];
  /** The six funnel metrics of spec 11, as `computeDeliveryMetrics` returns them. */
  metrics: DeliveryMetrics | null;
}

/** Filters of {@link OperationsIndex.list}; every one is optional except the tenant. */
export interface DeliveryListQuery {
  tenantId: string;
  /** Only this repo; omit for every repo of the tenant. */
  repoId?: string;
  phase?: SessionPhase;
  releaseMode?: ReleaseMode;
  /** Only rows with `updated_at_ms >= sinceMs`. */
  sinceMs?: number;
  /** Only rows with `updated_at_ms <= untilMs`. */
  untilMs?: number;
  /**
   * At most this many rows, newest first.
   * @default 50 (clamped to 1..500)
   */
  limit?: number;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;

/**
 * The tenant operations index: a disposable, rebuildable view of the delivery files (the files
 * stay the source of truth). Methods are async so a networked store (PostgreSQL) fits the same
 * contract; the SQLite implementation completes synchronously.
 */
export interface OperationsIndex {
  /**
   * Insert or update one row. A row older than the stored one (`updated_at_ms` lower) is not
   * written, so two processes syncing out of order never move a row back in time.
   * @returns true when the row was written.
   */
  upsert(row: DeliveryRow): Promise<boolean>;
  get(tenantId: string, repoId: string, deliveryId: string): Promise<DeliveryRow | null>;
  /** Matching rows, newest `updated_at_ms` first (ties by delivery id). */
  list(query: DeliveryListQuery): Promise<DeliveryRow[]>;
  /** Remove every row of one repo; returns how many were removed. */
  deleteRepo(tenantId: string, repoId: string): Promise<number>;
  /** Replace every row of a tenant with `rows` in one transaction (reindex). */
  replaceAll(tenantId: string, rows: readonly DeliveryRow[]): Promise<{ removed: number; inserted: number }>;
  close(): Promise<void>;
}
