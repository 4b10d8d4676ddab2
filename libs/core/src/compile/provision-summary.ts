/**
 * The latest local provision session (seed additions): `.akc/provision/<provision_id>/session.json`,
 * written by a separate `akc provision` and only read here.
 *
 * Choice of "latest": the session's own timestamp, the first finite number among
 * `updated_at_ms`, `updated_at_unix_ms`, `created_at_ms`, `created_at_unix_ms`, else an ISO
 * `updated_at`/`created_at` string, else the file's mtime; ties go to the greater provision id.
 * A session naming a different `compile_run_id` is about another compile and is skipped (as in
 * the original); sessions without one are considered. Because this is another tool's evidence
 * (possibly being written right now), an entry that is malformed, not a regular file, has an
 * unsafe id or resolves outside the project is skipped rather than failing the delivery.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isPathSafeId } from '../ingest/project-config';
import { isInside } from '../store/paths';
import type { ProvisionSummaryRef } from './handoff-types';
import { isJsonObject } from './json-fields';
import { parseLosslessJson, toPlainJson, type JsonObject } from './lossless-json';
import { pythonFingerprint } from './python-json';

const MAX_SESSION_BYTES = 8 * 1024 * 1024;
const NUMERIC_STAMPS = ['updated_at_ms', 'updated_at_unix_ms', 'created_at_ms', 'created_at_unix_ms'];
const ISO_STAMPS = ['updated_at', 'created_at'];

/**
 * Find the newest provision session for `runId` under `projectDir`; null when there is none.
 * Never throws for a missing or unreadable `.akc/provision` folder.
 */
export function latestProvisionSummary(projectDir: string, runId: string): ProvisionSummaryRef | null {
  const root = path.resolve(projectDir);
  const dir = path.join(root, '.akc', 'provision');
  let best: ProvisionSummaryRef | null = null;
  for (const id of listDir(dir)) {
    const ref = readSession(root, id, runId);
    if (!ref) continue;
    if (
      !best ||
      ref.updated_at_ms > best.updated_at_ms ||
      (ref.updated_at_ms === best.updated_at_ms && id > best.provision_id)
    ) {
      best = ref;
    }
  }
  return best;
}

function readSession(root: string, id: string, runId: string): ProvisionSummaryRef | null {
  if (!isPathSafeId(id)) return null;
  const file = path.join(root, '.akc', 'provision', id, 'session.json');
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_SESSION_BYTES) return null;
    if (!isInside(fs.realpathSync(root), fs.realpathSync(file))) return null;
    const lossless = parseLosslessJson(fs.readFileSync(file, 'utf8'));
    const doc = toPlainJson(lossless);
    if (!isJsonObject(doc)) return null;
    const forRun = doc['compile_run_id'];
    if (typeof forRun === 'string' && forRun.trim() !== '' && forRun.trim() !== runId) return null;
    const ref: ProvisionSummaryRef = {
      provision_id: id,
      session_rel_path: `.akc/provision/${id}/session.json`,
      fingerprint: pythonFingerprint(lossless),
      updated_at_ms: stampOf(doc) ?? stat.mtimeMs,
    };
    if (typeof doc['status'] === 'string') ref.status = doc['status'];
    return ref;
  } catch {
    return null;
  }
}

function stampOf(doc: JsonObject): number | null {
  for (const k of NUMERIC_STAMPS) {
    const v = doc[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  for (const k of ISO_STAMPS) {
    const v = doc[k];
    const ms = typeof v === 'string' ? Date.parse(v) : NaN;
    if (Number.isFinite(ms)) return ms;
  }
  return null;
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}
