/**
 * The parts of a run manifest (`.akc/run/<rid>.manifest.json`, compile's `RunManifest`) that
 * delivery reads, validated: `run_id`, the intent fingerprints, pass records and the runtime
 * bundle path. Unknown fields are ignored.
 */
import { handoffError } from './compile-errors';
import {
  isJsonObject,
  nested,
  optionalArray,
  optionalObject,
  optionalString,
  optionalTrimmed,
  type FieldScope,
} from './json-fields';
import type { JsonObject } from './lossless-json';

/** The validated view of a run manifest. */
export interface RunManifestView {
  /** Top-level `run_id`, else `metadata.run_id` (trimmed). */
  runId: string;
  stableIntentSha256: string | null;
  intentSemanticFingerprint: string | null;
  intentGoalTextFingerprint: string | null;
  /** Metadata of the first pass record called `name` ({} when there is none). */
  passMetadata(name: string): { meta: JsonObject; at: FieldScope };
  /** Pass `runtime_bundle` metadata `runtime_bundle_path`, else `runtime_bundle.path`, trimmed; else null. */
  runtimeBundlePath: string | null;
}

/**
 * Validate a parsed manifest. Called by `loadCompileHandoff` right after reading it.
 * @throws AkcError (handoff code) naming `file` and the field for a missing run id or a field
 *   of the wrong type.
 */
export function readRunManifest(doc: JsonObject, file: string): RunManifestView {
  const top: FieldScope = { file, prefix: '' };
  const metadata = optionalObject(doc, 'metadata', top);
  const runId =
    optionalTrimmed(doc, 'run_id', top) ??
    (metadata ? optionalTrimmed(metadata, 'run_id', nested(top, 'metadata')) : null);
  if (!runId) throw handoffError(file, 'no run_id (top-level or metadata.run_id)');
  const passes = readPasses(doc, top);
  const passMetadata = (name: string) => passes.get(name) ?? { meta: {}, at: nested(top, 'passes') };
  const rb = optionalObject(doc, 'runtime_bundle', top);
  const rbPass = passMetadata('runtime_bundle');
  const runtimeBundlePath =
    optionalTrimmed(rbPass.meta, 'runtime_bundle_path', rbPass.at) ??
    (rb ? optionalTrimmed(rb, 'path', nested(top, 'runtime_bundle')) : null);
  return {
    runId,
    stableIntentSha256: optionalTrimmed(doc, 'stable_intent_sha256', top),
    intentSemanticFingerprint: optionalTrimmed(doc, 'intent_semantic_fingerprint', top),
    intentGoalTextFingerprint: optionalTrimmed(doc, 'intent_goal_text_fingerprint', top),
    passMetadata,
    runtimeBundlePath,
  };
}

function readPasses(doc: JsonObject, top: FieldScope): Map<string, { meta: JsonObject; at: FieldScope }> {
  const out = new Map<string, { meta: JsonObject; at: FieldScope }>();
  optionalArray(doc, 'passes', top).forEach((rec, i) => {
    const at = nested(nested(top, 'passes'), i);
    if (!isJsonObject(rec)) throw handoffError(top.file, `${at.prefix.slice(0, -1)} must be an object`);
    const name = optionalString(rec, 'name', at);
    const meta = optionalObject(rec, 'metadata', at) ?? {};
    // The first record of a name wins, as in the original's lookup.
    if (name !== null && !out.has(name)) out.set(name, { meta, at: nested(at, 'metadata') });
  });
  return out;
}
