import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineLane, type LaneContext, type PreflightReport } from '@akc/core';
import { dispatchIosStore } from './store-dispatch';
import { parseIosStoreOptions } from './store-options';
import { pollIosStore } from './store-poll';
import { preflightIosStore } from './store-preflight';

// package.json is two folders up from both src/store and dist/store.
const VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * The `ios:store` distribution lane: App Store release through the App Store Connect API. It
 * finds (or uploads) the processed build, creates or reuses the version, attaches the build, sets
 * the release type and phased release, then submits for review (`storeSubmit: 'auto'`, default)
 * or stops staged for a person (`'manual'`). Poll follows review to `live`.
 *
 * @example
 * import { iosStoreLane } from '@akc/lane-ios';
 * const receipt = await iosStoreLane.dispatch!(ctx); // ctx: a DispatchContext, lane 'store'
 */
export const iosStoreLane = defineLane({
  apiVersion: 1,
  id: 'ios:store',
  kind: 'distribution',
  platform: 'ios',
  lane: 'store',
  version: VERSION,
  description: 'App Store (App Store Connect API): version, build, phased release and review submission',
  parseOptions: (raw) => parseIosStoreOptions(raw),
  preflight: (ctx: LaneContext): Promise<PreflightReport> => Promise.resolve(preflightIosStore(ctx)),
  dispatch: (ctx) => dispatchIosStore(ctx),
  poll: (ctx) => pollIosStore(ctx),
});

export { parseIosStoreOptions, type IosStoreOptions } from './store-options';
export { STORE_STATES } from './store-poll';
export { IOS_STORE_LEDGER_KEYS } from './store-dispatch';
