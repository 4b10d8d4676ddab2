import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { akcError, runStep, toolTimeoutMs } from '@akc/core';
import type { BuildOutcome, ExecuteContext } from './build-outcome';
import type { IosBuildPlan } from './build-plan';

const ARCHIVE_HINT =
  'Run the archive command from the plan by hand in the project folder. Signing failures usually mean the ' +
  "scheme's team or provisioning profile is not set up on this Mac (Xcode > Signing & Capabilities).";
const EXPORT_HINT =
  'Check ExportOptions.plist (method, teamID, signingStyle) matches a distribution certificate and profile ' +
  'installed on this Mac, then retry.';

/** `xcodebuild archive` then `xcodebuild -exportArchive`; moves the exported .ipa to the planned path. */
export async function executeXcodebuild(ctx: ExecuteContext, plan: IosBuildPlan): Promise<BuildOutcome> {
  const [archive, exportStep] = plan.steps;
  if (!archive || !exportStep || !plan.export_dir) {
    throw akcError('EPACKAGING', { platform: 'ios', reason: 'the xcodebuild plan is incomplete' });
  }
  const archivePath = archive.argv[archive.argv.indexOf('-archivePath') + 1] ?? '';
  // Stale results from an earlier run must never be mistaken for this build's output.
  rmSync(plan.export_dir, { recursive: true, force: true });
  if (archivePath) rmSync(archivePath, { recursive: true, force: true });
  const timeout = toolTimeoutMs(ctx.options);
  const first = await runStep(ctx, archive, ARCHIVE_HINT, timeout);
  const second = await runStep(ctx, exportStep, EXPORT_HINT, timeout);
  const ipa = findIpa(plan.export_dir);
  renameSync(ipa, plan.artifact.path);
  return {
    path: plan.artifact.path,
    toolDurationMs: first.durationMs + second.durationMs,
    outputs: { archive_path: archivePath, exported_ipa: ipa },
  };
}

function findIpa(dir: string): string {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // reported below
  }
  const ipa = names.filter((n) => n.toLowerCase().endsWith('.ipa')).sort()[0];
  if (ipa) return join(dir, ipa);
  throw akcError('EPACKAGING', {
    platform: 'ios',
    reason: `xcodebuild -exportArchive succeeded but ${dir} holds no .ipa`,
    hint: 'Check the ExportOptions.plist method exports an .ipa (app-store-connect, ad-hoc, release-testing).',
  });
}
