import { LANE_API_VERSION, defineLane } from '@akc/core';
import { parseWebOptions, type WebLaneOptions } from './options';
import { packageWeb } from './package-web';
import { preflightWeb } from './preflight';
import { WEB_LANE_VERSION } from './version';

/**
 * The built-in web build lane: runs the project's build (`lanes.web.build_command`, else
 * `npm run build`), archives the output folder as a reproducible ustar file with its size and
 * sha256, and records the deploy result and hosting URL.
 *
 * @example
 * const report = await webLane.preflight!(ctx);
 * const result = await webLane.package!({ ...ctx, mode: 'execute', workDir, preflight: report });
 */
export const webLane = defineLane<WebLaneOptions>({
  apiVersion: LANE_API_VERSION,
  id: 'web',
  kind: 'build',
  platform: 'web',
  version: WEB_LANE_VERSION,
  description: 'Runs the web build, archives its output reproducibly and records the deploy and hosting URL.',
  parseOptions: parseWebOptions,
  preflight: preflightWeb,
  package: packageWeb,
});
