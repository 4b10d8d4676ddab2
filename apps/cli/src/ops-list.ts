import { resolve } from 'node:path';
import { akcError, type ReleaseMode, type SessionPhase } from '@akc/core';
import {
  SESSION_PHASES,
  SqliteOperationsIndex,
  effectiveLimit,
  queryRows,
  scanProjectDeliveries,
  scanTenantDeliveries,
  type DeliveryListQuery,
  type DeliveryRow,
  type ScopeResolution,
  type SkippedDelivery,
} from '@akc/ops-index';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `--since` / `--until`: unix ms, an ISO date (UTC; for `--until` the whole day is included) or
 * an ISO date-time with a zone. Anything else is EFILTER, never a silent guess.
 */
export function parseTimeBound(flag: '--since' | '--until', value: string): number {
  const v = value.trim();
  if (/^\d{1,15}$/.test(v)) return Number(v);
  const isDate = DATE_ONLY.test(v);
  const ms = isDate || ISO_DATE_TIME.test(v) ? Date.parse(isDate ? `${v}T00:00:00Z` : v) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw akcError('EFILTER', {
      flag,
      value,
      reason: 'not unix milliseconds, an ISO date or an ISO date-time with a zone',
    });
  }
  return isDate && flag === '--until' ? ms + DAY_MS - 1 : ms;
}

export interface ListFlags {
  phase?: string;
  mode?: string;
  since?: string;
  until?: string;
  limit: number;
  allRepos: boolean;
}

/** The stable `akc deliver list --json` shape. */
export interface ListResult {
  /** `index`: the tenant's operations.sqlite; `files`: a scan of this project's .akc/delivery. */
  source: 'index' | 'files';
  source_path: string;
  /** Why the project is not scoped (the reason files were scanned), or null. */
  not_scoped_reason: string | null;
  tenant_id: string;
  /** null with --all-repos. */
  repo_id: string | null;
  query: {
    phase: string | null;
    release_mode: string | null;
    since_ms: number | null;
    until_ms: number | null;
    limit: number;
  };
  count: number;
  deliveries: DeliveryRow[];
  /** Delivery folders the file scan could not read (always empty for the index). */
  skipped: SkippedDelivery[];
}

function buildQuery(flags: ListFlags, tenantId: string, repoId: string | null): DeliveryListQuery {
  if (flags.phase !== undefined && !(SESSION_PHASES as readonly string[]).includes(flags.phase)) {
    throw akcError('EFILTER', {
      flag: '--phase',
      value: flags.phase,
      reason: 'unknown session phase',
      hint: `Use one of: ${SESSION_PHASES.join(', ')}.`,
    });
  }
  const q: DeliveryListQuery = { tenantId, limit: effectiveLimit(flags.limit) };
  if (repoId !== null) q.repoId = repoId;
  if (flags.phase !== undefined) q.phase = flags.phase as SessionPhase;
  if (flags.mode !== undefined) q.releaseMode = flags.mode as ReleaseMode;
  if (flags.since !== undefined) q.sinceMs = parseTimeBound('--since', flags.since);
  if (flags.until !== undefined) q.untilMs = parseTimeBound('--until', flags.until);
  if (q.sinceMs !== undefined && q.untilMs !== undefined && q.sinceMs > q.untilMs) {
    throw akcError('EFILTER', {
      flag: '--since',
      value: flags.since,
      reason: `it is after --until (${flags.until})`,
      hint: 'Swap the two bounds.',
    });
  }
  return q;
}

/**
 * `akc deliver list`: the tenant index when the project is scoped, else a scan of this
 * project's own delivery files with the same filters and row shape.
 */
export async function listDeliveries(
  projectDir: string,
  scope: ScopeResolution,
  flags: ListFlags,
): Promise<ListResult> {
  const tenantId = scope.scoped ? scope.scope.tenantId : scope.tenantId;
  const repoId = scope.scoped ? scope.scope.repoId : scope.repoId;
  if (flags.allRepos && !scope.scoped)
    throw akcError('ENOTSCOPED', { what: '--all-repos', reason: scope.reason });
  const q = buildQuery(flags, tenantId, flags.allRepos ? null : repoId);
  const query = {
    phase: q.phase ?? null,
    release_mode: q.releaseMode ?? null,
    since_ms: q.sinceMs ?? null,
    until_ms: q.untilMs ?? null,
    limit: effectiveLimit(q.limit),
  };
  const base = { tenant_id: tenantId, repo_id: q.repoId ?? null, query };
  if (!scope.scoped) {
    const scan = scanProjectDeliveries(projectDir, { tenantId, repoId });
    const rows = queryRows(scan.rows, q);
    return {
      source: 'files',
      source_path: resolve(projectDir, '.akc', 'delivery'),
      not_scoped_reason: scope.reason,
      ...base,
      count: rows.length,
      deliveries: rows,
      skipped: scan.skipped,
    };
  }
  const index = openIndex(scope.scope.dbPath);
  try {
    const rows = await index.list(q);
    return {
      source: 'index',
      source_path: scope.scope.dbPath,
      not_scoped_reason: null,
      ...base,
      count: rows.length,
      deliveries: rows,
      skipped: [],
    };
  } finally {
    await index.close();
  }
}

/** The stable `akc deliver reindex --json` shape. */
export interface ReindexResult {
  tenant_id: string;
  db_path: string;
  repos: string[];
  indexed: number;
  /** Rows the index held before (all replaced in the same transaction). */
  replaced: number;
  skipped: SkippedDelivery[];
}

/** `akc deliver reindex`: rebuild the tenant's rows from every repo's files, in one transaction. */
export async function reindexTenant(scope: ScopeResolution): Promise<ReindexResult> {
  if (!scope.scoped) throw akcError('ENOTSCOPED', { what: 'akc deliver reindex', reason: scope.reason });
  const s = scope.scope;
  const scan = scanTenantDeliveries(s);
  const index = openIndex(s.dbPath);
  try {
    const { removed, inserted } = await index.replaceAll(s.tenantId, scan.rows);
    return {
      tenant_id: s.tenantId,
      db_path: s.dbPath,
      repos: scan.repos,
      indexed: inserted,
      replaced: removed,
      skipped: scan.skipped,
    };
  } finally {
    await index.close();
  }
}

function openIndex(file: string): SqliteOperationsIndex {
  try {
    return SqliteOperationsIndex.open(file);
  } catch (e) {
    if ((e as { code?: string }).code === 'EOPSINDEX') throw e;
    throw akcError('EOPSINDEX', { path: file, reason: (e as Error).message }, e);
  }
}

const pad = (s: string, n: number) => s.padEnd(n);

function updated(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

/** The compact human table of `akc deliver list`, with a line naming the source. */
export function formatList(r: ListResult): string {
  const withRepo = r.repo_id === null;
  const head = ['ID', ...(withRepo ? ['REPO'] : []), 'PHASE', 'MODE', 'RECIPIENTS', 'ACTIVE', 'UPDATED'];
  const rows = r.deliveries.map((d) => [
    d.delivery_id,
    ...(withRepo ? [d.repo_id] : []),
    d.session_phase,
    d.release_mode ?? '-',
    String(d.recipient_count),
    `${d.recipients.active}/${d.recipient_count}`,
    updated(d.updated_at_ms),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const source =
    r.source === 'index'
      ? `source: operations index ${r.source_path} (tenant ${r.tenant_id}${r.repo_id ? `, repo ${r.repo_id}` : ', all repos'})`
      : `source: delivery files in ${r.source_path} (project not scoped: ${r.not_scoped_reason})`;
  const out = rows.length > 0 ? [line(head), ...rows.map(line)] : ['no deliveries match'];
  out.push(`${r.count} shown; ${source}`);
  const q = r.query;
  const unfiltered = [q.phase, q.release_mode, q.since_ms, q.until_ms].every((v) => v === null);
  if (r.source === 'index' && r.count === 0 && unfiltered)
    out.push('the index is empty: `akc deliver reindex` builds it from the delivery files');
  for (const s of r.skipped) out.push(`skipped ${s.delivery_id}: ${s.reason}`);
  return out.join('\n');
}

export function formatReindex(r: ReindexResult): string {
  const lines = [
    `reindexed ${r.indexed} deliver${r.indexed === 1 ? 'y' : 'ies'} from ${r.repos.length} repo(s) of tenant ${r.tenant_id} into ${r.db_path} (replacing ${r.replaced} row(s))`,
  ];
  if (r.skipped.length > 0) lines.push(`skipped ${r.skipped.length}:`);
  for (const s of r.skipped) lines.push(`  ${s.repo_id}/${s.delivery_id}: ${s.reason}`);
  return lines.join('\n');
}
