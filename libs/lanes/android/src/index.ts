/**
 * @akc/lane-android: the Android build lane. Produces an .aab (or .apk) through Gradle, EAS, or a
 * prebuilt file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineLane } from '@akc/core';
import { parseAndroidOptions, type AndroidLaneOptions } from './options';
import { packageAndroid } from './package';
import { preflightAndroid } from './preflight';

// Read from package.json (one folder up from both src/ and dist/) so the two can never disagree.
const VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** The `android` build lane. */
export const androidLane = defineLane<AndroidLaneOptions>({
  apiVersion: 1,
  id: 'android',
  kind: 'build',
  platform: 'android',
  version: VERSION,
  description: 'Builds the Android .aab/.apk with Gradle or EAS, or takes a prebuilt one.',
  parseOptions: parseAndroidOptions,
  preflight: preflightAndroid,
  package: (ctx) => packageAndroid(ctx, VERSION),
});

export default androidLane;
export {
  parseAndroidOptions,
  type AndroidLaneOptions,
  type AndroidMethod,
  type AndroidArtifact,
} from './options';
export { chooseAndroidMethod, type MethodChoice, type AndroidBuildMethod } from './choose-method';
export { createAndroidPlan, type AndroidBuildPlan, type ToolStep, type AndroidVersions } from './build-plan';
export { ANDROID_AAB_ENV, ANDROID_APK_ENV } from './prebuilt-source';
