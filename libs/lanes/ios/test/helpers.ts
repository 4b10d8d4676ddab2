import { defineBuildLaneTestKit } from '@akc/core/testing';
import { parseIosOptions } from '../src/options';

/** Sandboxes named akc-ios-…, a zip shaped like the lane's artifact, and contexts with parsed lanes.ios. */
export const { createSandbox, makeZip, makeContext } = defineBuildLaneTestKit({
  platform: 'ios',
  parseOptions: parseIosOptions,
  zipEntry: { name: 'Payload/App.app/Info.plist', content: 'fake ipa' },
});
