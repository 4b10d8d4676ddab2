import type { Env, LaneContext } from '@akc/core';

/** Variables the lane adds to the build's environment (the rest is inherited from akc's own). */
export const BUILD_ENV_NAMES = ['AKC_DELIVERY_ID', 'AKC_WEB_BUILD_ID'] as const;

/** Variables the lane adds to the deploy command's environment. */
export const DEPLOY_ENV_NAMES = [
  'AKC_WEB_BUNDLE_DIR',
  'AKC_WEB_ARCHIVE',
  'AKC_DELIVERY_ID',
  'AKC_WEB_BUILD_ID',
] as const;

/** The build's environment: the context's env plus the delivery id and web build id. */
export function buildEnv(ctx: LaneContext<unknown>): Env {
  return { ...ctx.env, AKC_DELIVERY_ID: ctx.delivery.id, AKC_WEB_BUILD_ID: ctx.versions.web_build_id };
}

/** The deploy command's environment: the build's plus where the bundle folder and archive are. */
export function deployEnv(ctx: LaneContext<unknown>, bundle: { dir: string; archive: string }): Env {
  return { ...buildEnv(ctx), AKC_WEB_BUNDLE_DIR: bundle.dir, AKC_WEB_ARCHIVE: bundle.archive };
}

/**
 * The fixed mtime for archive entries: `SOURCE_DATE_EPOCH` (whole seconds) when set and valid,
 * else 0. See https://reproducible-builds.org/specs/source-date-epoch/.
 */
export function sourceDateEpoch(env: Env): number {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (!raw || !/^\d{1,11}$/.test(raw)) return 0;
  const n = Number(raw);
  return n <= 0o77777777777 ? n : 0;
}

/** A web build id made safe for a file name (`1.4.0+10400001` stays as it is). */
export function archiveFileName(webBuildId: string): string {
  return `web-bundle-${webBuildId.replace(/[^A-Za-z0-9._+-]/g, '_')}.tar`;
}
