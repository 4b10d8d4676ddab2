import type { AppStoreConnectClient } from '../client';
import type { BuildUpload } from '../types';
import { isDuplicate } from './asc-errors';
import { workflowError, type FailureFactory, type WorkflowState } from './failure';

/** The build a lane uploads: which app, which numbers, which file. */
export interface UploadTarget {
  readonly appId: string;
  readonly version: string;
  readonly buildNumber: string;
  /** The .ipa on disk (streamed part by part, never read whole). */
  readonly ipaPath: string | undefined;
  readonly log: (line: string) => void;
  /** Builds the error thrown for a failure (default: AscWorkflowError). */
  readonly fail?: FailureFactory;
}

function duplicateBuildNumber(t: UploadTarget): Error {
  return (t.fail ?? workflowError)({
    reason: `build number ${t.buildNumber} already exists for this app (version ${t.version})`,
    hint: 'Bump the version: akc allocates a higher build number on rebuild (`akc deliver package` after a version bump).',
  });
}

async function streamUpload(
  asc: AppStoreConnectClient,
  store: WorkflowState,
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
  store.set('upload_id', buildUpload.id);
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
async function recover(asc: AppStoreConnectClient, store: WorkflowState, t: UploadTarget): Promise<boolean> {
  const found = await earlierUpload(asc, t);
  if (!found) return false;
  if (found.attributes.state.state !== 'AWAITING_UPLOAD') {
    t.log(`adopting upload ${found.id} of an earlier run (${found.attributes.state.state})`);
    store.set('upload_id', found.id);
    return true;
  }
  t.log(`removing the unfinished upload ${found.id} of an interrupted run, then uploading again`);
  await asc.http.delete(`/v1/buildUploads/${found.id}`);
  await streamUpload(asc, store, t);
  return true;
}

/**
 * Uploads the .ipa through the Build Uploads API unless the store already has the upload or the
 * build. `upload_started` is recorded first, so a duplicate build number after a crash is
 * recognised as our own reservation; any other duplicate is a clear "bump the version" error.
 */
export async function ensureUploaded(
  asc: AppStoreConnectClient,
  store: WorkflowState,
  t: UploadTarget,
): Promise<void> {
  if (store.get('upload_id') || store.get('build_id')) return;
  if (!t.ipaPath) {
    throw (t.fail ?? workflowError)({
      reason: 'the packaged artifact has no .ipa to upload',
      hint: 'Package the iOS build first (`akc deliver package`), with a real build, not plan mode.',
    });
  }
  const ours = store.get<boolean>('upload_started') === true;
  store.set('upload_started', true);
  try {
    await streamUpload(asc, store, t);
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    if (!ours || !(await recover(asc, store, t))) throw duplicateBuildNumber(t);
  }
}
