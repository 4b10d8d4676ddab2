import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRedactor, type Env } from '@akc/core';
import type { OpsScope } from './scope';

/** One control-audit record (spec 12.3). */
export interface AuditRecord {
  ts_ms: number;
  /** `$USER`, or "unknown". */
  actor: string;
  action: string;
  tenant_id: string;
  details: Record<string, unknown>;
  /** A correlation id of the caller, when it has one. */
  request_id?: string;
}

/** The signature of `ControlPlaneIO.audit` in @akc/core. */
export type AuditHook = (action: string, details: Record<string, unknown>) => void;

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeysDeep((value as Record<string, unknown>)[k]);
  return out;
}

/**
 * One line of `control_audit.jsonl`: compact JSON with keys sorted at every level, redacted,
 * ending in a newline. A line never contains a raw newline (JSON escapes them).
 */
export function formatAuditLine(record: AuditRecord, redact: (text: string) => string = (t) => t): string {
  return `${redact(JSON.stringify(sortKeysDeep(record)))}\n`;
}

/**
 * Append one line with a single `write(2)` on an `O_APPEND` descriptor: the kernel places each
 * write at the end of the file atomically, so lines of concurrent writers never interleave.
 * @throws when the write is short (a full disk); nothing is retried, which could split a line.
 */
export function appendAuditLine(file: string, line: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const buf = Buffer.from(line, 'utf8');
  const fd = openSync(file, 'a', 0o640);
  try {
    const n = writeSync(fd, buf, 0, buf.length);
    if (n !== buf.length) throw new Error(`short write to ${file} (${n} of ${buf.length} bytes)`);
  } finally {
    closeSync(fd);
  }
}

/** Options of {@link createControlAudit}. */
export interface ControlAuditOptions {
  /** The environment: `USER` is the actor, and secret-looking values are redacted from every line. */
  env: Env;
  /** @default Date.now */
  now?: () => number;
  requestId?: string;
  /** Called instead of throwing when a line cannot be written. */
  onError?: (error: Error) => void;
}

/**
 * The audit hook for `ControlPlaneIO.audit`: appends a record to the tenant's
 * `control_audit.jsonl` for every control action. Never throws when `onError` is given.
 * @example
 * const io = { ...io, audit: createControlAudit(scope, { env: process.env }) };
 */
export function createControlAudit(scope: OpsScope, opts: ControlAuditOptions): AuditHook {
  const redact = createRedactor(opts.env);
  const actor = opts.env.USER?.trim() || 'unknown';
  const now = opts.now ?? Date.now;
  return (action, details) => {
    const record: AuditRecord = { ts_ms: now(), actor, action, tenant_id: scope.tenantId, details };
    if (opts.requestId) record.request_id = opts.requestId;
    try {
      appendAuditLine(scope.auditPath, formatAuditLine(record, redact));
    } catch (e) {
      if (!opts.onError) throw e;
      opts.onError(e as Error);
    }
  };
}
