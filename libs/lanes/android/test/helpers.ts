import { defineBuildLaneTestKit } from '@akc/core/testing';
import { parseAndroidOptions } from '../src/options';

/** Sandboxes named akc-android-…, a zip shaped like the lane's artifact, and contexts with parsed lanes.android. */
export const { createSandbox, makeZip, makeContext } = defineBuildLaneTestKit({
  platform: 'android',
  parseOptions: parseAndroidOptions,
  zipEntry: { name: 'base/manifest/AndroidManifest.xml', content: 'fake bundle' },
});
