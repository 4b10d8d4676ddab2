/**
 * @akc/lane-web: the built-in web build lane.
 *
 * @example
 * import { webLane } from '@akc/lane-web';
 * const result = await webLane.package!({ ...ctx, mode: 'execute', workDir, preflight });
 */
import { webLane } from './web-lane';

export { webLane };
export default webLane;
export { parseWebOptions, WEB_OPTION_KEYS, type WebLaneOptions } from './options';
export { OUTPUT_DIR_CANDIDATES } from './output-dir';
export type { DeployMethod, DeployRecord } from './hosting';
export { WEB_LANE_VERSION } from './version';
export { webBetaLane } from './dispatch/web-beta-lane';
export { webStoreLane } from './dispatch/web-store-lane';
export {
  parseWebDistributionOptions,
  webDistributionOptionKeys,
  type WebDistributionOptions,
} from './dispatch/options';
export type { InviteRecord, InvitedByEmail, InvitedByOperator, InviteFailed } from './dispatch/invite-record';
export type { PublishRecord } from './dispatch/publish';
