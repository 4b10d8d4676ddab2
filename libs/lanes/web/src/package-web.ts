import { mkdir } from 'node:fs/promises';
import { akcError, type PackageContext, type PackageResult } from '@akc/core';
import { executeWebBuild } from './execute-build';
import { parseWebOptions, type WebLaneOptions } from './options';
import { writeWebPlan } from './write-plan';

/**
 * The web lane's `package` step. `plan` writes plan.json and runs nothing (invalid options are
 * recorded, not fatal, so the plan is always inspectable); `execute` builds, archives and deploys,
 * and fails closed on invalid options or preflight problems.
 */
export async function packageWeb(ctx: PackageContext<WebLaneOptions>): Promise<PackageResult> {
  const parsed = parseWebOptions(ctx.options);
  await mkdir(ctx.workDir, { recursive: true });
  if (ctx.mode === 'plan') return writeWebPlan(ctx, parsed.ok ? parsed.value : {});
  if (!parsed.ok) {
    throw akcError('EPACKAGING', {
      platform: 'web',
      reason: `invalid lanes.web options: ${parsed.errors.join('; ')}`,
      hint: 'Fix lanes.web in .akc/config.json (keys: build_command, output_dir, deploy_command, hosting_url).',
    });
  }
  return executeWebBuild(ctx, parsed.value);
}
