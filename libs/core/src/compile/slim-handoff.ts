/**
 * The slim copy of a handoff stored as `compile_outputs_ref` on request.json and session.json.
 */
import type { CompileHandoff, CompileOutputsRef } from './handoff-types';

/**
 * Build `compile_outputs_ref` from a handoff (spec §3.9 plus the seed additions): booleans are
 * forced to true/false, `error` appears only when the handoff has one, the full plan and the
 * derived intent are not copied, and, unlike the original, `web_distribution_hints` are, so
 * dispatch can use them (§16.24). The result shares no objects with `h` and is plain JSON.
 * Called after `loadCompileHandoff`, before the request and session are written.
 */
export function slimHandoff(h: CompileHandoff): CompileOutputsRef {
  const ref: CompileOutputsRef = {
    compile_run_id: h.compile_run_id ?? null,
    manifest_present: h.manifest_present === true,
    manifest_rel_path: h.manifest_rel_path ?? null,
    delivery_plan_rel_path: h.delivery_plan_rel_path ?? null,
    delivery_plan_loaded: h.delivery_plan_loaded === true,
    delivery_plan_ref: h.delivery_plan_ref ?? null,
    promotion_readiness: h.promotion_readiness ?? null,
    runtime_bundle_rel_path: h.runtime_bundle_rel_path ?? null,
    infra_plan_ref: h.infra_plan_ref ?? null,
    iac_manifest_ref: h.iac_manifest_ref ?? null,
    provision_summary_ref: h.provision_summary_ref ?? null,
    provisioning_readiness: h.provisioning_readiness ?? null,
    web_distribution_hints: h.web_distribution_hints,
  };
  if (h.error) ref.error = h.error;
  return JSON.parse(JSON.stringify(ref)) as CompileOutputsRef;
}
