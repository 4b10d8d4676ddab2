import { akcError, type ArtifactFile, type DispatchContext } from '@akc/core';
import type { AppDistributionApi, UploadOperation } from './api';
import type { FirebaseTarget } from './config';
import { ApiError } from './http';
import {
  KEYS,
  clearUpload,
  ledgerString,
  recordRelease,
  recordedRelease,
  type ReleaseRecord,
} from './ledger-state';
import type { FirebaseLaneOptions } from './options';
import { sleep } from './retry';

/** What the upload, notes and distribute steps share. */
export interface StepEnv {
  readonly ctx: DispatchContext;
  readonly api: AppDistributionApi;
  readonly target: FirebaseTarget;
  readonly options: FirebaseLaneOptions;
  readonly artifact: ArtifactFile;
}

const AAB_OK = new Set(['INTEGRATED', 'AAB_STATE_UNAVAILABLE']);
const MAX_POLL_INTERVAL_MS = 10_000;

/** A ledger written for another app or another binary is not resumed: start the upload afresh. */
function resetIfStale({ ctx, target, artifact }: StepEnv): void {
  const { ledger } = ctx;
  const app = ledgerString(ledger, KEYS.app);
  const sha = ledgerString(ledger, KEYS.uploadSha256);
  if ((app && app !== target.appName) || (sha && sha !== artifact.sha256)) {
    ctx.log(`ledger was for ${app !== target.appName ? 'another app' : 'another binary'}; uploading afresh`);
    clearUpload(ledger);
  }
  ledger.set(KEYS.app, target.appName);
}

async function checkAabIntegration({ ctx, api, artifact }: StepEnv): Promise<void> {
  if (artifact.kind !== 'aab') return;
  const state = (await api.aabInfo()).integrationState ?? 'AAB_STATE_UNAVAILABLE';
  if (AAB_OK.has(state)) return;
  throw akcError('ELANE', {
    lane: ctx.laneId,
    reason: `Firebase cannot distribute AABs for this app yet (integrationState ${state})`,
    hint: 'Link the Firebase project to Google Play (Firebase console > Project settings > Integrations > Google Play) and publish the app there at least once, or package an APK (lanes.android.artifact = "apk").',
  });
}

async function startUpload(env: StepEnv): Promise<string> {
  const { ctx, api, artifact } = env;
  await checkAabIntegration(env);
  ctx.log(`uploading ${artifact.path} (${artifact.bytes} bytes, streamed)`);
  const { name } = await api.upload(artifact.path);
  if (!name) throw new ApiError('upload', 200, 'the response named no operation', undefined, undefined);
  ctx.ledger.set(KEYS.uploadSha256, artifact.sha256);
  ctx.ledger.set(KEYS.uploadOperation, name);
  ctx.ledger.set(KEYS.uploadStartedAt, ctx.now());
  return name;
}

function finished(env: StepEnv, op: UploadOperation): ReleaseRecord {
  const { ctx } = env;
  const release = op.response?.release;
  if (op.error || !release?.name) {
    clearUpload(ctx.ledger);
    throw akcError('ELANE', {
      lane: ctx.laneId,
      reason: `Firebase could not process the binary: ${op.error?.message ?? 'the operation finished without a release'}`,
      hint: 'Check that the file is a signed APK/AAB of the app registered under this Firebase app id, then package and run the wave again.',
    });
  }
  const record: ReleaseRecord = {
    name: release.name,
    displayVersion: release.displayVersion,
    buildVersion: release.buildVersion,
    result: op.response?.result,
  };
  recordRelease(ctx.ledger, record);
  ctx.log(`upload processed: ${record.result ?? 'done'} -> ${record.name}`);
  return record;
}

function stillProcessing(env: StepEnv, name: string): Error {
  const ms = env.options.max_wait_ms;
  const waited = ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
  return akcError('ELANE', {
    lane: env.ctx.laneId,
    reason: `Firebase is still processing the upload after ${waited} (operation ${name})`,
    hint: 'Still processing; run the wave again to resume: the operation is kept in the ledger and the binary is not uploaded again. Raise lanes["android:beta"].max_wait_ms to wait longer in one run.',
  });
}

/** Poll the operation with growing intervals until done or `max_wait_ms` ran out. */
async function waitForOperation(env: StepEnv, name: string): Promise<ReleaseRecord> {
  const { ctx, api, options } = env;
  const deadline = ctx.now() + options.max_wait_ms;
  let interval = options.poll_interval_ms;
  const cap = Math.max(options.poll_interval_ms, MAX_POLL_INTERVAL_MS);
  for (;;) {
    const op = await api.getOperation(name);
    if (op.done) return finished(env, op);
    const left = deadline - ctx.now();
    if (left <= 0) throw stillProcessing(env, name);
    await sleep(Math.min(interval, left), ctx.signal);
    interval = Math.min(interval * 1.5, cap);
  }
}

/**
 * The release for this artifact: from the ledger, by resuming the recorded operation, or by uploading.
 * RELEASE_UNMODIFIED (the same binary was uploaded before) reuses that existing release.
 */
export async function ensureRelease(env: StepEnv): Promise<ReleaseRecord> {
  const { ctx } = env;
  resetIfStale(env);
  const known = recordedRelease(ctx.ledger);
  if (known) {
    ctx.log(`release ${known.name} already uploaded; not uploading again`);
    return known;
  }
  const recorded = ledgerString(ctx.ledger, KEYS.uploadOperation);
  if (!recorded) return waitForOperation(env, await startUpload(env));
  ctx.log(`resuming upload operation ${recorded} (not uploading again)`);
  try {
    return await waitForOperation(env, recorded);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    ctx.log('the recorded upload operation no longer exists; uploading again');
    clearUpload(ctx.ledger);
    return waitForOperation(env, await startUpload(env));
  }
}
