/**
 * Find the run id of a compile that just finished (spec §5.1 and §16.15: the original looked
 * only at a top-level `run_id` that compile no longer writes, so it never found one).
 *
 * Precedence (first hit wins; every candidate must be a path-safe id):
 * 1. `stdout`: compile's last non-blank stdout line, if it is a JSON object with a string
 *    `run_id` or `metadata.run_id` (top-level first).
 * 2. `scoped_manifest`: with `.akc/project.json|yaml` giving an `outputs_root`, the file
 *    `<outputs_root>/<tenant>/<repo>/manifest.json`, top-level `run_id` else `metadata.run_id`.
 * 3. `run_manifest`: the newest `<project>/.akc/run/*.manifest.json` (regular files only,
 *    ties broken by name), its `run_id` else `metadata.run_id`, else the file name stem.
 * Files in 2 and 3 count only if modified at or after `startedAtMs - mtimeSlackMs`, so a
 * manifest left by an earlier run is never taken for this one. The slack absorbs coarse
 * filesystem clocks (the kernel's file timestamps can trail `Date.now()` by a tick; FAT
 * rounds to 2 s). An unreadable or malformed file is skipped here; `loadCompileHandoff`
 * reports a malformed run manifest as an error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isPathSafeId, loadProjectConfig } from '../ingest/project-config';

/** Default tolerance between `startedAtMs` and the mtime of files compile wrote. */
export const DEFAULT_MTIME_SLACK_MS = 2000;
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** Inputs of `findRunId`. */
export interface FindRunIdOptions {
  projectDir: string;
  /** Compile's stdout, or just its last line (only the last non-blank line is looked at). */
  compileStdout?: string | null;
  /** Wall-clock time (ms) just before compile was started. */
  startedAtMs: number;
  /** @default DEFAULT_MTIME_SLACK_MS */
  mtimeSlackMs?: number;
}

/** Where a run id was found; `path` is absolute for the two manifest sources. */
export interface RunIdDiscovery {
  runId: string;
  source: 'stdout' | 'scoped_manifest' | 'run_manifest';
  path?: string;
}

/**
 * Called after compile exited 0, from the same project dir. Reads the project config (a
 * malformed one throws EPROJECTCONFIG, as everywhere else) and at most a few small files.
 * @returns the run id and its source, or null when none of the three sources has one.
 */
export function findRunId(opts: FindRunIdOptions): RunIdDiscovery | null {
  const fromStdout = runIdFromStdout(opts.compileStdout);
  if (fromStdout) return { runId: fromStdout, source: 'stdout' };
  const notBefore = opts.startedAtMs - (opts.mtimeSlackMs ?? DEFAULT_MTIME_SLACK_MS);
  const scoped = scopedManifestPath(opts.projectDir);
  if (scoped && modifiedSince(scoped, notBefore)) {
    const id = runIdOfDoc(readJsonQuietly(scoped));
    if (id) return { runId: id, source: 'scoped_manifest', path: scoped };
  }
  return newestRunManifest(opts.projectDir, notBefore);
}

/** The run id in a JSON object printed as the last non-blank line, else null. */
export function runIdFromStdout(stdout: string | null | undefined): string | null {
  const last = (stdout ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop();
  if (!last?.startsWith('{')) return null;
  try {
    return runIdOfDoc(JSON.parse(last) as unknown);
  } catch {
    return null;
  }
}

/** `run_id`, else `metadata.run_id`, when it is a path-safe id (trimmed); else null. */
export function runIdOfDoc(doc: unknown): string | null {
  if (!isRecord(doc)) return null;
  const meta = doc['metadata'];
  for (const v of [doc['run_id'], isRecord(meta) ? meta['run_id'] : undefined]) {
    if (typeof v === 'string' && isPathSafeId(v.trim())) return v.trim();
  }
  return null;
}

function scopedManifestPath(projectDir: string): string | null {
  const cfg = loadProjectConfig(projectDir);
  if (!cfg.outputs_root) return null;
  return path.join(cfg.outputs_root, cfg.tenant_id, cfg.repo_id, 'manifest.json');
}

function newestRunManifest(projectDir: string, notBefore: number): RunIdDiscovery | null {
  const dir = path.join(projectDir, '.akc', 'run');
  let best: { name: string; mtime: number } | null = null;
  for (const name of listDir(dir)) {
    if (!name.endsWith('.manifest.json')) continue;
    const stat = lstatQuietly(path.join(dir, name));
    if (!stat?.isFile() || stat.mtimeMs < notBefore) continue;
    if (!best || stat.mtimeMs > best.mtime || (stat.mtimeMs === best.mtime && name > best.name)) {
      best = { name, mtime: stat.mtimeMs };
    }
  }
  if (!best) return null;
  const file = path.join(dir, best.name);
  const stem = best.name.slice(0, -'.manifest.json'.length);
  const runId = runIdOfDoc(readJsonQuietly(file)) ?? (isPathSafeId(stem) ? stem : null);
  return runId ? { runId, source: 'run_manifest', path: file } : null;
}

function modifiedSince(file: string, notBefore: number): boolean {
  const stat = lstatQuietly(file);
  return stat !== null && stat.isFile() && stat.mtimeMs >= notBefore;
}

function readJsonQuietly(file: string): unknown {
  try {
    if (fs.statSync(file).size > MAX_MANIFEST_BYTES) return null;
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function lstatQuietly(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
