import type { AppStoreConnectClient } from '../client';
import { workflowError, type FailureFactory, type WorkflowState } from './failure';

/** How long one run waits for Apple's processing, and how often it looks. */
export interface WaitSettings {
  readonly maxWaitMs: number;
  readonly intervalMs: number;
  readonly label: string;
  /** Builds the error thrown for a failure (default: AscWorkflowError). */
  readonly fail?: FailureFactory;
  readonly now: () => number;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** Sleeps `ms`, rejecting early when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One look: upload done? build there? processed? Records `build_id` and `build_state` as they appear. */
async function checkOnce(
  asc: AppStoreConnectClient,
  store: WorkflowState,
  fail: FailureFactory,
): Promise<string> {
  let buildId = store.get<string>('build_id');
  if (!buildId) {
    const uploadId = store.get<string>('upload_id') ?? '';
    const { upload, buildId: id } = await asc.buildUploads.get(uploadId);
    const state = upload.attributes.state;
    if (state.state === 'FAILED') {
      const why = state.errors.map((d) => `${d.code}: ${d.description}`).join('; ') || 'no details';
      store.set('upload_failed', why);
      throw fail({
        reason: `App Store Connect could not process the upload (${why})`,
        hint: 'Fix the binary (signing, Info.plist, SDK), rebuild to get a new build number, then run again.',
      });
    }
    if (state.state !== 'COMPLETE' || !id) return `UPLOAD_${state.state}`;
    buildId = id;
    store.set('build_id', id);
  }
  const build = (await asc.builds.get(buildId)).data;
  store.set('build_state', build.attributes.processingState);
  return build.attributes.processingState;
}

/**
 * Waits (bounded by `maxWaitMs`, polling with a growing interval) until the uploaded build is VALID.
 * On timeout it fails (resumable) "still processing; run again to resume" and leaves the store as is,
 * so the next run waits for the same upload instead of uploading again.
 */
export async function waitForValidBuild(
  asc: AppStoreConnectClient,
  store: WorkflowState,
  w: WaitSettings,
): Promise<string> {
  const known = store.get<string>('build_id');
  if (known && store.get('build_state') === 'VALID') return known;
  const fail = w.fail ?? workflowError;
  const started = w.now();
  let interval = w.intervalMs;
  for (;;) {
    const state = await checkOnce(asc, store, fail);
    if (state === 'VALID') return store.get<string>('build_id') ?? '';
    if (state === 'FAILED' || state === 'INVALID') {
      throw fail({
        reason: `build ${w.label} ended processing as ${state}`,
        hint: 'Apple e-mails the reason to the account holder; fix it, rebuild with a new build number and run again.',
      });
    }
    const waited = w.now() - started;
    if (waited + interval > w.maxWaitMs) {
      throw fail({
        reason: `build ${w.label} is still processing (${state}) after ${Math.round(waited / 1000)} s; run again to resume`,
        hint: 'Nothing is uploaded twice: the next run resumes waiting for the same upload (ledger upload_id/build_id). Raise max_wait_ms to wait longer in one run.',
        resumable: true,
      });
    }
    w.log(`build ${w.label}: ${state}; checking again in ${Math.round(interval / 1000)} s`);
    await sleep(interval, w.signal);
    interval = Math.min(interval * 1.5, w.intervalMs * 4);
  }
}
