/**
 * `loadCompileHandoff(projectDir, runId)`: bind a finished compile run's outputs (spec §5.2,
 * §5.4 and the seed additions). Reads only; every path comes from the run manifest or a
 * default under `.akc/`, and must stay inside the project (§16.13).
 *
 * Missing things are results (`error` on the handoff; see `handoffFailure`); malformed things
 * are errors naming the file (§16.27: never an exception trace):
 * - no run id → the spec's empty shape, no `error`;
 * - `.akc/run/<rid>.manifest.json` missing → `error: "run_manifest_missing"`;
 * - its run id differs → `error: "run_manifest_run_id_mismatch"`;
 * - the delivery plan missing → `error: "delivery_plan_missing"` (the rest still bound);
 * - infra plan, IaC manifest, provision session and readiness: optional, null when absent.
 *
 * Provisioning readiness is read from the infra plan's top-level `provisioning_readiness`
 * object, else from the delivery plan's top-level `provisioning_readiness` object.
 * Infra paths come from the `infrastructure_synthesis` pass metadata (`infra_plan_path`,
 * `iac_manifest_path`), else `.akc/infra/<rid>.infra_plan.json` / `.iac_manifest.json`.
 */
import { isPathSafeId } from '../ingest/project-config';
import type { AkcError } from '../errors/akc-error';
import { compileError, handoffError } from './compile-errors';
import type { ArtifactRef, CompileHandoff, DerivedIntentRef } from './handoff-types';
import { optionalObject, optionalTrimmed } from './json-fields';
import type { JsonObject } from './lossless-json';
import { copyWithoutSecrets } from './non-secret-copy';
import { resolveProjectPath, type ProjectPath } from './project-path';
import { latestProvisionSummary } from './provision-summary';
import { readJsonArtifact, type JsonArtifact } from './read-json-artifact';
import { readRunManifest, type RunManifestView } from './run-manifest';
import { emptyWebHints, extractWebDistributionHints } from './web-hints';

/**
 * Load the handoff. Called after compile succeeded and its run id was found (or not: a null
 * or blank id gives the "no run id" shape). `projectDir` is the directory compile ran in.
 * @throws AkcError (handoff code) naming the file for an unsafe run id, a path escaping the
 *   project, or a manifest, plan, infra plan or IaC manifest that is unreadable or malformed.
 */
export function loadCompileHandoff(projectDir: string, runId: string | null | undefined): CompileHandoff {
  const rid = typeof runId === 'string' ? runId.trim() : '';
  if (rid === '') return unbound(null);
  if (!isPathSafeId(rid))
    throw handoffError(rid, 'not a valid compile run id (use 1-128 of A-Z a-z 0-9 _ . -)');
  const manifestPath = resolveProjectPath(projectDir, `.akc/run/${rid}.manifest.json`, 'the run manifest');
  const artifact = readJsonArtifact(manifestPath.abs, manifestPath.rel);
  const base = { ...unbound(rid), manifest_rel_path: manifestPath.rel };
  if (!artifact) return { ...base, error: 'run_manifest_missing' };
  const manifest = readRunManifest(artifact.doc, manifestPath.rel);
  if (manifest.runId !== rid) {
    return {
      ...base,
      manifest_present: true,
      manifest_run_id: manifest.runId,
      error: 'run_manifest_run_id_mismatch',
    };
  }
  return bindOutputs(projectDir, rid, manifestPath.rel, manifest);
}

/**
 * The error that should fail the compile stage for this handoff, or null when it is bound.
 * Called by the CLI right after `loadCompileHandoff`.
 */
export function handoffFailure(h: CompileHandoff): AkcError | null {
  const manifest = h.manifest_rel_path ?? '.akc/run';
  if (h.compile_run_id === null) {
    return compileError(
      'compile finished but its run id was not found (no run_id on its last stdout line, in the scoped ' +
        'manifest.json, or in a .akc/run/*.manifest.json written during this compile)',
    );
  }
  if (h.error === 'run_manifest_missing') return handoffError(manifest, 'run manifest not found');
  if (h.error === 'run_manifest_run_id_mismatch') {
    return handoffError(
      manifest,
      `the manifest holds run_id '${h.manifest_run_id ?? '?'}', expected '${h.compile_run_id}'`,
    );
  }
  if (h.error === 'delivery_plan_missing') {
    return handoffError(h.delivery_plan_rel_path ?? '.akc/deployment', 'delivery plan not found');
  }
  return null;
}

function unbound(rid: string | null): CompileHandoff {
  return {
    compile_run_id: rid,
    manifest_present: false,
    manifest_rel_path: null,
    delivery_plan_rel_path: null,
    delivery_plan_loaded: false,
    derived_intent_ref: null,
    delivery_plan_ref: null,
    promotion_readiness: null,
    web_distribution_hints: emptyWebHints(),
    runtime_bundle_rel_path: null,
    infra_plan_ref: null,
    iac_manifest_ref: null,
    provision_summary_ref: null,
    provisioning_readiness: null,
  };
}

function bindOutputs(
  projectDir: string,
  rid: string,
  manifestRel: string,
  m: RunManifestView,
): CompileHandoff {
  const named = (pass: string, key: string, fallback: string) =>
    manifestNamedPath(projectDir, m, manifestRel, [pass, key], fallback);
  const planPath = named('delivery_plan', 'delivery_plan_path', `.akc/deployment/${rid}.delivery_plan.json`);
  const plan = readJsonArtifact(planPath.abs, planPath.rel);
  if (plan) assertPlanRunId(plan.doc, planPath.rel, rid);
  const infra = optionalArtifact(
    named('infrastructure_synthesis', 'infra_plan_path', `.akc/infra/${rid}.infra_plan.json`),
  );
  const iac = optionalArtifact(
    named('infrastructure_synthesis', 'iac_manifest_path', `.akc/infra/${rid}.iac_manifest.json`),
  );
  const h: CompileHandoff = {
    ...unbound(rid),
    manifest_present: true,
    manifest_rel_path: manifestRel,
    delivery_plan_rel_path: planPath.rel,
    derived_intent_ref: derivedIntent(rid, m),
    ...(plan ? planFields(plan, planPath.rel) : {}),
    runtime_bundle_rel_path: runtimeBundlePath(projectDir, m, manifestRel),
    infra_plan_ref: infra?.ref ?? null,
    iac_manifest_ref: iac?.ref ?? null,
    provision_summary_ref: latestProvisionSummary(projectDir, rid),
    provisioning_readiness:
      (infra && readiness(infra.artifact.doc, 'provisioning_readiness', infra.ref.path)) ??
      (plan ? readiness(plan.doc, 'provisioning_readiness', planPath.rel) : null),
  };
  if (!plan) h.error = 'delivery_plan_missing';
  return h;
}

/** The handoff fields that come from a loaded delivery plan. */
function planFields(plan: JsonArtifact, rel: string): Partial<CompileHandoff> {
  return {
    delivery_plan_loaded: true,
    delivery_plan_ref: { path: rel, fingerprint: plan.fingerprint },
    promotion_readiness: readiness(plan.doc, 'promotion_readiness', rel),
    web_distribution_hints: extractWebDistributionHints(plan.doc, rel),
  };
}

/** A path named by pass metadata `[pass, key]` of the manifest, else `fallback`; checked to stay inside. */
function manifestNamedPath(
  projectDir: string,
  m: RunManifestView,
  manifestRel: string,
  [pass, key]: [string, string],
  fallback: string,
): ProjectPath {
  const { meta, at } = m.passMetadata(pass);
  const named = optionalTrimmed(meta, key, at);
  return resolveProjectPath(
    projectDir,
    named ?? fallback,
    named ? `${at.prefix}${key} in ${manifestRel}` : 'the default path',
  );
}

function optionalArtifact(p: ProjectPath): { ref: ArtifactRef; artifact: JsonArtifact } | null {
  const artifact = readJsonArtifact(p.abs, p.rel);
  return artifact ? { artifact, ref: { path: p.rel, fingerprint: artifact.fingerprint } } : null;
}

function runtimeBundlePath(projectDir: string, m: RunManifestView, manifestRel: string): string | null {
  if (m.runtimeBundlePath === null) return null;
  return resolveProjectPath(projectDir, m.runtimeBundlePath, `the runtime bundle path in ${manifestRel}`).rel;
}

function derivedIntent(rid: string, m: RunManifestView): DerivedIntentRef | null {
  const { stableIntentSha256: s, intentSemanticFingerprint: sem, intentGoalTextFingerprint: goal } = m;
  if (!s || !sem || !goal) return null;
  return { intent_id: rid, stable_intent_sha256: s, semantic_fingerprint: sem, goal_text_fingerprint: goal };
}

function readiness(doc: JsonObject, key: string, file: string): JsonObject | null {
  const obj = optionalObject(doc, key, { file, prefix: '' });
  return obj ? copyWithoutSecrets(obj) : null;
}

/** A plan written for another run is stale: binding it would deliver the wrong build. */
function assertPlanRunId(plan: JsonObject, file: string, rid: string): void {
  const planRid = optionalTrimmed(plan, 'run_id', { file, prefix: '' });
  if (planRid !== null && planRid !== rid) {
    throw handoffError(file, `written for run '${planRid}', not for compile run '${rid}'`);
  }
}
