import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashFile, type PackageContext, type PackageResult } from '@akc/core';
import { renderCommand, type IosBuildPlan } from './build-plan';
import type { IosLaneOptions } from './options';

/** The display lines of a plan: each command, or the copy of a prebuilt file. */
export function planLines(plan: IosBuildPlan): string[] {
  if (plan.method === 'prebuilt')
    return [`copy ${plan.prebuilt?.path ?? '<missing prebuilt .ipa>'} ${plan.artifact.path}`];
  return plan.steps.map((s) => renderCommand(s.argv));
}

/**
 * Plan mode: write `<workDir>/plan.json` (exact argv, cwd, added env, expected artifact, the
 * preflight problems) and run nothing. The result is `plan_only` and never distribution-ready.
 */
export async function writePlan(
  ctx: PackageContext<IosLaneOptions>,
  plan: IosBuildPlan,
  laneVersion: string,
): Promise<PackageResult> {
  const path = join(ctx.workDir, 'plan.json');
  writeFileSync(`${path}.partial`, `${JSON.stringify(planDocument(ctx, plan, laneVersion), null, 2)}\n`);
  renameSync(`${path}.partial`, path);
  const { sha256, bytes } = await hashFile(path);
  const lines = planLines(plan);
  return {
    execution_mode: 'plan',
    artifact_authority: 'plan_only',
    distribution_ready: false,
    artifacts: [{ kind: 'plan', path, bytes, sha256 }],
    outputs: {
      method: plan.method,
      method_reason: plan.method_reason,
      command: lines.join(' && '),
      versions: plan.versions,
      tool_duration_ms: 0,
      plan_path: path,
    },
    plan: lines,
  };
}

/** The plan.json body: enough to run the build by hand, and to see why it was not run. */
function planDocument(ctx: PackageContext<IosLaneOptions>, plan: IosBuildPlan, laneVersion: string): object {
  return {
    kind: 'akc.packaging_plan',
    version: 1,
    lane: 'ios',
    lane_version: laneVersion,
    created_at: new Date(ctx.now()).toISOString(),
    method: plan.method,
    method_reason: plan.method_reason,
    method_available: plan.method_available,
    steps: plan.steps.map((s) => ({
      tool: s.tool,
      argv: s.argv,
      cwd: s.cwd,
      env_added: s.env,
      inherits_env: true,
    })),
    prebuilt: plan.prebuilt,
    expected_artifact: plan.artifact,
    export_dir: plan.export_dir,
    versions: plan.versions,
    preflight_problems: ctx.preflight.problems,
    note: 'plan only: nothing was built; this output is never distributed',
  };
}
