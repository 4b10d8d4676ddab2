import { isAkcError, type ControlPlaneIO, type Env } from '@akc/core';
import {
  SqliteOperationsIndex,
  createControlAudit,
  readDeliveryRow,
  resolveOpsScope,
  type AuditHook,
  type OperationsIndex,
  type ScopeResolution,
} from '@akc/ops-index';

/** Options of {@link OpsSync.open}. */
export interface OpsSyncOptions {
  env: Env;
  /** Where the one-line warning goes (default: stderr). */
  warn?: (line: string) => void;
}

/**
 * The CLI's link to the tenant operations index and control audit for one project.
 *
 * Resolving the scope is the up-front config check: a malformed `.akc/project.json` throws
 * EPROJECTCONFIG from {@link OpsSync.open}, before the command changes anything. After that,
 * nothing here throws: an index or audit write that fails prints one warning per process
 * (details only under AKC_DEBUG=1), because the delivery files, not the index, are the record.
 */
export class OpsSync {
  /** The control-audit hook for `ControlPlaneIO.audit`; undefined when the project is not scoped. */
  readonly audit: AuditHook | undefined;
  private readonly touched = new Set<string>();
  private index: OperationsIndex | null = null;
  private warned = false;

  private constructor(
    readonly resolution: ScopeResolution,
    private readonly opts: OpsSyncOptions,
  ) {
    this.audit = resolution.scoped
      ? createControlAudit(resolution.scope, {
          env: opts.env,
          ...(opts.env.AKC_REQUEST_ID ? { requestId: opts.env.AKC_REQUEST_ID } : {}),
          onError: (e) => this.warnOnce('control audit', e),
        })
      : undefined;
  }

  /** @throws AkcError EPROJECTCONFIG for a malformed project config. */
  static open(projectDir: string, opts: OpsSyncOptions): OpsSync {
    return new OpsSync(resolveOpsScope(projectDir), opts);
  }

  /** Remember a delivery this command read or changed; {@link flush} syncs it once. */
  touch(deliveryId: string): void {
    this.touched.add(deliveryId);
  }

  /**
   * Upsert one delivery's row now (re-reading its request and session). A no-op when the
   * project is not scoped or the delivery does not exist.
   * @returns true when the row was written.
   */
  async syncDelivery(deliveryId: string): Promise<boolean> {
    const r = this.resolution;
    if (!r.scoped) return false;
    let row;
    try {
      row = readDeliveryRow(r.scope.projectDir, r.scope, deliveryId);
    } catch (e) {
      // A refused id or a delivery that was never created has no row; anything else is worth a warning.
      if (isAkcError(e) && (e.code === 'ENOTFOUND' || e.code === 'EDELIVERYID')) return false;
      this.warnOnce('operations index', e);
      return false;
    }
    try {
      this.index ??= SqliteOperationsIndex.open(r.scope.dbPath);
      return await this.index.upsert(row);
    } catch (e) {
      this.warnOnce('operations index', e);
      return false;
    }
  }

  /** Sync every touched delivery, then close the index. Never throws. */
  async flush(): Promise<void> {
    // Take the set first: a delivery touched while a sync awaits is kept for the next flush.
    const ids = [...this.touched];
    this.touched.clear();
    for (const id of ids) await this.syncDelivery(id);
    await this.close();
  }

  async close(): Promise<void> {
    const index = this.index;
    this.index = null;
    try {
      await index?.close();
    } catch (e) {
      this.warnOnce('operations index', e);
    }
  }

  private warnOnce(what: string, e: unknown): void {
    const debug = this.opts.env.AKC_DEBUG === '1';
    if (this.warned && !debug) return;
    this.warned = true;
    const detail = debug ? `: ${(e as Error)?.stack ?? String(e)}` : ' (AKC_DEBUG=1 shows why)';
    const line = `akc: warning: the ${what} was not updated${detail}; \`akc deliver reindex\` rebuilds the index from the delivery files\n`;
    (this.opts.warn ?? ((l: string) => process.stderr.write(l)))(line);
  }
}

/**
 * For long-running hosts such as `akc deliver serve`: one {@link OpsSync} for the process.
 * Call `syncDelivery(id)` after each recorded change, pass `audit` in the ControlPlaneIO, and
 * `close()` on shutdown.
 * @throws AkcError EPROJECTCONFIG for a malformed project config (call it before listening).
 */
export function openOpsSync(projectDir: string, env: Env = process.env): OpsSync {
  return OpsSync.open(projectDir, { env });
}

/** One-shot: sync one delivery's row and close. Never throws; false when nothing was written. */
export async function syncDelivery(
  projectDir: string,
  deliveryId: string,
  env: Env = process.env,
): Promise<boolean> {
  let ops: OpsSync;
  try {
    ops = OpsSync.open(projectDir, { env });
  } catch {
    return false;
  }
  try {
    return await ops.syncDelivery(deliveryId);
  } finally {
    await ops.close();
  }
}

/** `io` with the audit hook of `ops` attached (when the project is scoped). */
export function withAudit(io: ControlPlaneIO, ops: OpsSync): ControlPlaneIO {
  return ops.audit ? { ...io, audit: ops.audit } : io;
}
