/**
 * @akc/lane-ios: the iOS build lane. Produces an .ipa through EAS, xcodebuild, or a prebuilt file.
 *
 * @example
 * import iosLane from '@akc/lane-ios';
 * const parsed = iosLane.parseOptions!({ method: 'eas', eas_local: true });
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineLane } from '@akc/core';
import { parseIosOptions, type IosLaneOptions } from './options';
import { packageIos } from './package';
import { preflightIos } from './preflight';

// Read from package.json (one folder up from both src/ and dist/) so the two can never disagree.
const VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** The `ios` build lane. */
export const iosLane = defineLane<IosLaneOptions>({
  apiVersion: 1,
  id: 'ios',
  kind: 'build',
  platform: 'ios',
  version: VERSION,
  description: 'Builds the iOS .ipa with EAS, xcodebuild, or takes a prebuilt one.',
  parseOptions: parseIosOptions,
  preflight: preflightIos,
  package: (ctx) => packageIos(ctx, VERSION),
});

export default iosLane;
export { parseIosOptions, type IosLaneOptions, type IosMethod } from './options';
export { chooseIosMethod, type MethodChoice, type IosBuildMethod } from './choose-method';
export { createIosPlan, type IosBuildPlan, type ToolStep, type IosVersions } from './build-plan';
export { IOS_PREBUILT_ENV } from './prebuilt-source';
export {
  iosStoreLane,
  parseIosStoreOptions,
  type IosStoreOptions,
  STORE_STATES,
  IOS_STORE_LEDGER_KEYS,
} from './store/store-lane';
