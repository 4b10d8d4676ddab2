/**
 * Shapes of the compile handoff (spec §5.2, §5.4 and the seed additions). Everything here is
 * plain JSON: refs, fingerprints and non-secret summaries, never full artifacts.
 */
import type { JsonObject } from './lossless-json';

/** A project-relative artifact path and its fingerprint F (spec §5.3). */
export interface ArtifactRef {
  path: string;
  fingerprint: string;
}

/** The intent compile derived, from the run manifest's three intent fingerprints. */
export interface DerivedIntentRef {
  intent_id: string;
  stable_intent_sha256: string;
  semantic_fingerprint: string;
  goal_text_fingerprint: string;
}

/** One `web_app` target of the delivery plan; `domain` only when the plan has a non-empty one. */
export interface WebTargetHint {
  target_id: string | null;
  name: string | null;
  domain?: string;
}

/** Non-secret web hosting hints (spec §5.4); `suggested_base_urls` are absolute https URLs. */
export interface WebDistributionHints {
  web_targets: WebTargetHint[];
  suggested_base_urls: string[];
}

/** The newest local provision session (written by `akc provision`, only read here). */
export interface ProvisionSummaryRef {
  provision_id: string;
  /** e.g. `.akc/provision/p1/session.json`. */
  session_rel_path: string;
  fingerprint: string;
  /** The session's own `status`, when it is a string. */
  status?: string;
  /** The timestamp that made it the newest (its own field, else the file mtime). */
  updated_at_ms: number;
}

/**
 * Why a handoff could not bind compile outputs. `run_manifest_missing` and
 * `run_manifest_run_id_mismatch` are the spec's; `delivery_plan_missing` is new (the original
 * just left `delivery_plan_loaded` false).
 */
export type HandoffErrorCode =
  'run_manifest_missing' | 'run_manifest_run_id_mismatch' | 'delivery_plan_missing';

/**
 * The full result of `loadCompileHandoff`. `manifest_rel_path` is set whenever a run id is
 * known, also when the manifest is missing (the original named it `manifest_path` there and
 * so lost it in the slim copy, spec §3.9).
 */
export interface CompileHandoff {
  compile_run_id: string | null;
  manifest_present: boolean;
  manifest_rel_path: string | null;
  /** Only for `run_manifest_run_id_mismatch`: the id the manifest holds. */
  manifest_run_id?: string;
  delivery_plan_rel_path: string | null;
  delivery_plan_loaded: boolean;
  derived_intent_ref: DerivedIntentRef | null;
  delivery_plan_ref: ArtifactRef | null;
  promotion_readiness: JsonObject | null;
  web_distribution_hints: WebDistributionHints;
  runtime_bundle_rel_path: string | null;
  infra_plan_ref: ArtifactRef | null;
  iac_manifest_ref: ArtifactRef | null;
  provision_summary_ref: ProvisionSummaryRef | null;
  provisioning_readiness: JsonObject | null;
  error?: HandoffErrorCode;
}

/**
 * The slim copy stored as `compile_outputs_ref` on request.json and session.json (spec §3.9
 * plus the seed additions, plus `web_distribution_hints` so they reach dispatch, fixing §16.24).
 */
export interface CompileOutputsRef {
  compile_run_id: string | null;
  manifest_present: boolean;
  manifest_rel_path: string | null;
  delivery_plan_rel_path: string | null;
  delivery_plan_loaded: boolean;
  delivery_plan_ref: ArtifactRef | null;
  promotion_readiness: JsonObject | null;
  runtime_bundle_rel_path: string | null;
  infra_plan_ref: ArtifactRef | null;
  iac_manifest_ref: ArtifactRef | null;
  provision_summary_ref: ProvisionSummaryRef | null;
  provisioning_readiness: JsonObject | null;
  web_distribution_hints: WebDistributionHints;
  error?: HandoffErrorCode;
}
