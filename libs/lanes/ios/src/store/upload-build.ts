// Mirrors the file of the same name in @akc/lane-testflight (lane packages share no internals); keep the two in step.
import { akcError, type DispatchLedger } from '@akc/core';
import type { AppStoreConnectClient, BuildUpload } from '@akc/provider-app-store-connect';
import { isDuplicate } from './asc-errors';

/** The build a lane uploads: which app, which numbers, which file. */
export interface UploadTarget {
  readonly lane: string;
  readonly appId: string;
  readonly version: string;
  readonly buildNumber: string;
  /** The .ipa on disk (streamed part by part, never read whole). */
  readonly ipaPath: string | undefined;
  readonly log: (line: string) => void;
}

function duplicateBuildNumber(t: UploadTarget): Error {
  return akcError('ELANE', {
    lane: t.lane,
    reason: `build number ${t.buildNumber} already exists for this app (version ${t.version})`,
    hint: 'Bump the version: akc allocates a higher build number on rebuild (`akc deliver package` after a version bump).',
  });
}

async function streamUpload(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  t: UploadTarget,
): Promise<void> {
  let lastPct = -1;
  const { buildUpload } = await asc.buildUploads.upload({
    appId: t.appId,
    filePath: t.ipaPath ?? '',
    version: t.version,
    buildNumber: t.buildNumber,
    onProgress: (sent, total) => {
      const pct = Math.floor((sent / total) * 100);
      if (pct >= lastPct + 25 || sent === total) t.log(`uploaded ${pct}% of ${total} bytes`);
      lastPct = pct;
    },
  });
  ledger.set('upload_id', buildUpload.id);
}

/** Finds the reservation an earlier, interrupted run of ours left behind. */
async function earlierUpload(asc: AppStoreConnectClient, t: UploadTarget): Promise<BuildUpload | undefined> {
  const { data } = await asc.http.getAll<BuildUpload>(`/v1/apps/${t.appId}/buildUploads`, {
    filter: { cfBundleVersion: t.buildNumber, cfBundleShortVersionString: t.version, platform: 'IOS' },
  });
  return data.find((u) => u.attributes.state.state !== 'FAILED');
}

/**
 * Our earlier run reserved the build number and then stopped: adopt a committed upload, or delete
 * an unfinished reservation and upload once more. Returns false when it is not ours after all.
 */
async function recover(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  t: UploadTarget,
): Promise<boolean> {
  const found = await earlierUpload(asc, t);
  if (!found) return false;
  if (found.attributes.state.state !== 'AWAITING_UPLOAD') {
    t.log(`adopting upload ${found.id} of an earlier run (${found.attributes.state.state})`);
    ledger.set('upload_id', found.id);
    return true;
  }
  t.log(`removing the unfinished upload ${found.id} of an interrupted run, then uploading again`);
  await asc.http.delete(`/v1/buildUploads/${found.id}`);
  await streamUpload(asc, ledger, t);
  return true;
}

/**
 * Uploads the .ipa through the Build Uploads API unless the ledger already has the upload or the
 * build. `upload_started` is recorded first, so a duplicate build number after a crash is
 * recognised as our own reservation; any other duplicate is a clear "bump the version" error.
 */
export async function ensureUploaded(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  t: UploadTarget,
): Promise<void> {
  if (ledger.get('upload_id') || ledger.get('build_id')) return;
  if (!t.ipaPath) {
    throw akcError('ELANE', {
      lane: t.lane,
      reason: 'the packaged artifact has no .ipa to upload',
      hint: 'Package the iOS build first (`akc deliver package`), with a real build, not plan mode.',
    });
  }
  const ours = ledger.get<boolean>('upload_started') === true;
  ledger.set('upload_started', true);
  try {
    await streamUpload(asc, ledger, t);
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    if (!ours || !(await recover(asc, ledger, t))) throw duplicateBuildNumber(t);
  }
}
