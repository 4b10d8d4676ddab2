import type { DispatchContext } from '@akc/core';
import {
  ensureUploaded,
  iosNumbers,
  ipaPath,
  waitForValidBuild,
  type AppStoreConnectClient,
} from '@akc/provider-app-store-connect';
import { fail } from './asc-config';
import type { IosStoreOptions } from './store-options';

/**
 * The processed build for the artifact's version and build number (`build_id`): the one the beta
 * lane (or anyone) already uploaded when App Store Connect has it, else this lane uploads the .ipa
 * itself (`build_source: 'uploaded'`, `upload_id`). Either way it waits (bounded) for VALID.
 */
export async function ensureStoreBuild(
  asc: AppStoreConnectClient,
  ctx: DispatchContext,
  appId: string,
  o: IosStoreOptions,
): Promise<string> {
  const { ledger } = ctx;
  const n = iosNumbers(ctx);
  if (!ledger.get('build_id') && !ledger.get('upload_id')) {
    const found = await asc.builds.list({
      appId,
      buildNumber: n.buildNumber,
      version: n.version,
      platform: 'IOS',
    });
    const build = found.data.find((b) => b.attributes.version === n.buildNumber);
    if (build) {
      ledger.set('build_id', build.id);
      ledger.set('build_source', 'found');
    } else {
      ledger.set('build_source', 'uploaded');
      await ensureUploaded(asc, ledger, {
        appId,
        ...n,
        ipaPath: ipaPath(ctx),
        log: ctx.log,
        fail: fail(ctx.laneId),
      });
    }
  }
  return waitForValidBuild(asc, ledger, {
    maxWaitMs: o.max_wait_ms,
    intervalMs: o.poll_interval_ms,
    label: n.label,
    fail: fail(ctx.laneId),
    now: ctx.now,
    signal: ctx.signal,
    log: ctx.log,
  });
}
