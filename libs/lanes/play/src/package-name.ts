/** Resolve the Play package name from local facts only (no network). */
import { akcError, loadOperatorPrereqs, probeRepo, type LaneContext } from '@akc/core';
import { LANE_ID } from './lane-id';
import type { PlayOptions } from './options';

/** Where the package name came from (recorded, so a wrong guess is easy to spot). */
export type PackageNameSource = 'env' | 'options' | 'operator_prereqs' | 'repo_probe';

/**
 * Env `AKC_DELIVERY_PLAY_PACKAGE_NAME`, else `options.package_name`, else operator prereq
 * `android.play_package`, else the application id the repo declares (app.json / build.gradle).
 */
export function resolvePackageName(
  ctx: LaneContext,
  options: PlayOptions,
): { name: string; source: PackageNameSource } {
  const env = ctx.env.AKC_DELIVERY_PLAY_PACKAGE_NAME?.trim();
  if (env) return { name: env, source: 'env' };
  if (options.package_name) return { name: options.package_name, source: 'options' };
  const android = loadOperatorPrereqs(ctx.projectDir).prereqs.android;
  const fromPrereqs =
    typeof android === 'object' && android !== null
      ? (android as Record<string, unknown>).play_package
      : undefined;
  if (typeof fromPrereqs === 'string' && fromPrereqs.trim())
    return { name: fromPrereqs.trim(), source: 'operator_prereqs' };
  const probed = probeRepo(ctx.projectDir).android_application_id;
  if (probed) return { name: probed, source: 'repo_probe' };
  throw akcError('ELANE', {
    lane: LANE_ID,
    reason: 'no Play package name is known',
    hint: `Set AKC_DELIVERY_PLAY_PACKAGE_NAME, lanes["${LANE_ID}"].package_name in .akc/config.json, or android.play_package in .akc/delivery/operator_prereqs.json.`,
  });
}
