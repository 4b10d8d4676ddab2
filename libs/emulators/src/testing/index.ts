/**
 * @akc/emulators/testing: test worlds built on the emulators, for lane test suites.
 *
 * @example
 * import { startWorld } from '@akc/emulators/testing';
 * const world = await startWorld(lane);
 */
export {
  BUILD_NUMBER,
  BUNDLE_ID,
  FAST,
  pollContext,
  recipients,
  startWorld,
  strangerKeyPem,
  type AscWorld,
  type ContextInput,
} from './asc-world';
