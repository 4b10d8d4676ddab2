import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertSafeDeliveryId, loadProjectConfig } from '@akc/core';

/** Where a scoped project's tenant keeps its operations index and control audit. */
export interface OpsScope {
  tenantId: string;
  repoId: string;
  /** Absolute `outputs_root`. */
  outputsRoot: string;
  /** Absolute project dir (`<outputs_root>/<tenant>/<repo>`). */
  projectDir: string;
  /** `<outputs_root>/<tenant>`: every repo of the tenant lives below it. */
  tenantDir: string;
  /** `<outputs_root>/<tenant>/.akc/control`. */
  controlDir: string;
  /** `<controlDir>/operations.sqlite`. */
  dbPath: string;
  /** `<controlDir>/control_audit.jsonl`. */
  auditPath: string;
  /** The project config file that scoped the project. */
  configPath: string;
}

/** The outcome of the scoping rule: scoped, or why not (index and audit are then no-ops). */
export type ScopeResolution =
  { scoped: true; scope: OpsScope } | { scoped: false; reason: string; tenantId: string; repoId: string };

/**
 * True when `id` is one safe path segment (1-128 of `A-Z a-z 0-9 _ . -`, no `..`, not only dots).
 * @example isSafeSegment('web-app') // true
 * @example isSafeSegment('..')      // false
 */
export function isSafeSegment(id: string): boolean {
  try {
    assertSafeDeliveryId(id);
  } catch {
    return false;
  }
  return !id.includes('..');
}

/**
 * The scoping rule of spec 12.1: `<project>/.akc/project.json` (or the flat `.yaml` subset core
 * reads) has a non-empty `outputs_root`, and the project dir is `<outputs_root>/<tenant>/<repo>`
 * (tenant and repo default to `local`). Anything else is "not scoped", with the reason.
 *
 * Unlike the original, a malformed config is not deferred to the first index write: it throws
 * here, before a command changes anything.
 * @throws AkcError EPROJECTCONFIG when the project config exists but is malformed.
 * @example
 * const r = resolveOpsScope('/srv/out/acme/web');
 * if (r.scoped) console.log(r.scope.dbPath); // /srv/out/acme/.akc/control/operations.sqlite
 */
export function resolveOpsScope(projectDir: string): ScopeResolution {
  const cfg = loadProjectConfig(projectDir);
  const ids = { tenantId: cfg.tenant_id, repoId: cfg.repo_id };
  if (!cfg.path) return { scoped: false, reason: 'no .akc/project.json in the project', ...ids };
  if (!cfg.outputs_root) return { scoped: false, reason: `${cfg.path} has no outputs_root`, ...ids };
  // loadProjectConfig already refused unsafe ids; this keeps the rule local and explicit.
  if (!isSafeSegment(cfg.tenant_id) || !isSafeSegment(cfg.repo_id))
    return { scoped: false, reason: 'tenant_id or repo_id is not a safe path segment', ...ids };
  const expected = join(cfg.outputs_root, cfg.tenant_id, cfg.repo_id);
  const actual = resolve(projectDir);
  if (!samePath(expected, actual)) {
    return {
      scoped: false,
      reason: `the project dir ${actual} is not <outputs_root>/<tenant>/<repo> (${expected})`,
      ...ids,
    };
  }
  const tenantDir = join(cfg.outputs_root, cfg.tenant_id);
  const controlDir = join(tenantDir, '.akc', 'control');
  return {
    scoped: true,
    scope: {
      ...ids,
      outputsRoot: cfg.outputs_root,
      projectDir: actual,
      tenantDir,
      controlDir,
      dbPath: join(controlDir, 'operations.sqlite'),
      auditPath: join(controlDir, 'control_audit.jsonl'),
      configPath: cfg.path,
    },
  };
}

/** Equal as resolved paths, or as real paths when both exist (a symlinked /tmp, for one). */
function samePath(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  if (!existsSync(a) || !existsSync(b)) return false;
  return realpathSync(a) === realpathSync(b);
}
