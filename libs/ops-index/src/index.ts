/**
 * @akc/ops-index: the tenant operations index (spec 12.2) and the control audit (spec 12.3).
 *
 * @example
 * import { resolveOpsScope, SqliteOperationsIndex, readDeliveryRow } from '@akc/ops-index';
 * const r = resolveOpsScope('/srv/out/acme/web');            // throws EPROJECTCONFIG if malformed
 * if (r.scoped) {
 *   const index = SqliteOperationsIndex.open(r.scope.dbPath);
 *   await index.upsert(readDeliveryRow(r.scope.projectDir, r.scope, deliveryId));
 *   console.log(await index.list({ tenantId: r.scope.tenantId, phase: 'distributing', limit: 20 }));
 *   await index.close();
 * }
 */
export {
  SESSION_PHASES,
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
  type DeliveryRow,
  type DeliveryListQuery,
  type OperationsIndex,
  type RecipientStatusCounts,
} from './types';
export { resolveOpsScope, isSafeSegment, type OpsScope, type ScopeResolution } from './scope';
export { buildDeliveryRow, encodeMetrics, encodePlatforms } from './delivery-row';
export { effectiveLimit, matchesQuery, compareNewestFirst, queryRows } from './query';
export { SqliteOperationsIndex, type SqliteIndexOptions } from './sqlite-index';
export { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations';
export {
  appendAuditLine,
  createControlAudit,
  formatAuditLine,
  type AuditHook,
  type AuditRecord,
  type ControlAuditOptions,
} from './audit';
export {
  readDeliveryRow,
  scanProjectDeliveries,
  scanTenantDeliveries,
  type ScanResult,
  type SkippedDelivery,
} from './scan-files';
