/** `dispatch` of the android:store lane: a resumable, idempotent Google Play release. */
import { akcError, type DispatchContext, type DispatchReceipt } from '@akc/core';
import { isEditGone } from './classify';
import { recordCommit, validateAndCommit } from './commit';
import { connectPlay } from './connect';
import { resolveJob, type PlayJob } from './job';
import { LANE_ID } from './lane-id';
import { KEY } from './ledger-keys';
import { mapPlayError } from './map-error';
import { dryRunReceipt, failedReceipt, releaseReceipt } from './receipts';
import { PlayCallError } from './retry';
import { ensureEdit, ensureTrack, ensureUpload, forgetEdit, type StepRuntime } from './steps';

/** How often a vanished edit (expired, superseded) restarts the release in a fresh edit. */
const MAX_EDIT_ROUNDS = 3;

/**
 * Release the packaged bundle on a Play track. Dry run: the planned calls, no network. Execute:
 * edit -> upload (once) -> track -> validate -> commit, each step recorded in the ledger so a re-run
 * continues where the last one stopped; after a commit a re-run returns the recorded receipt.
 */
export async function dispatchPlay(ctx: DispatchContext): Promise<DispatchReceipt> {
  let job: PlayJob;
  try {
    if (ctx.lane !== 'store' || ctx.platform !== 'android')
      throw akcError('ELANE', {
        lane: LANE_ID,
        reason: `cannot dispatch ${ctx.platform}:${ctx.lane}`,
        hint: 'This lane releases android builds on the store lane only.',
      });
    job = resolveJob(ctx, ctx.storeSubmit);
  } catch (e) {
    return failedReceipt(mapPlayError(e, { packageName: '?' }), {}, ctx.recipients);
  }
  if (!ctx.execute) return dryRunReceipt(job, ctx.recipients);
  return recordedReceipt(ctx, job) ?? (await execute(ctx, job));
}

/** The real release; every failure becomes a failed receipt with its fix (and `last_error` in the ledger). */
async function execute(ctx: DispatchContext, job: PlayJob): Promise<DispatchReceipt> {
  let serviceAccount: string | undefined;
  try {
    const api = await connectPlay(ctx, job, (email) => (serviceAccount = email));
    ctx.ledger.set(KEY.packageName, job.packageName);
    return await release({ api, job, ledger: ctx.ledger, log: ctx.log, nowMs: ctx.now }, ctx);
  } catch (e) {
    const versionCode = ctx.ledger.get<number>(KEY.uploadedVersionCode) ?? job.expectedVersionCode;
    const mapped = mapPlayError(e, { packageName: job.packageName, versionCode, serviceAccount });
    ctx.ledger.set(KEY.lastError, {
      kind: mapped.kind,
      message: mapped.error.message,
      at_unix_ms: ctx.now(),
    });
    const refs = {
      package_name: job.packageName,
      track: job.options.track,
      version_code: versionCode,
      edit_id: ctx.ledger.get(KEY.editId) ?? null,
    };
    return failedReceipt(mapped, refs, ctx.recipients);
  }
}

/** Run the steps; when the edit vanishes mid-way, start again in a new edit (the upload goes with it). */
async function release(rt: StepRuntime, ctx: DispatchContext): Promise<DispatchReceipt> {
  for (let round = 1; ; round++) {
    try {
      const editId = await ensureEdit(rt);
      const versionCode = await ensureUpload(rt, editId);
      await ensureTrack(rt, editId, versionCode);
      const outcome = await validateAndCommit(rt, editId);
      const receipt = releaseReceipt(rt.job, versionCode, outcome, ctx.recipients);
      recordCommit(rt, outcome, receipt);
      rt.ledger.set(KEY.lastError, null);
      rt.log(`committed edit ${editId}: ${receipt.status}`);
      return receipt;
    } catch (e) {
      if (!(e instanceof PlayCallError && isEditGone(e.facts) && round < MAX_EDIT_ROUNDS)) throw e;
      rt.log(`${e.call}: ${e.facts.message} Starting over in a new edit.`);
      forgetEdit(rt.ledger);
    }
  }
}

/** After a commit of this same artifact, a re-run changes nothing and returns what was recorded. */
function recordedReceipt(ctx: DispatchContext, job: PlayJob): DispatchReceipt | undefined {
  const committed = ctx.ledger.get<{ sha256?: string; edit_id?: string; receipt?: DispatchReceipt } | null>(
    KEY.committed,
  );
  if (!committed?.receipt) return undefined;
  if (committed.sha256 !== job.artifact.sha256) {
    ctx.log(`the ledger holds a commit of another artifact (sha256 ${committed.sha256}); releasing this one`);
    return undefined;
  }
  ctx.log(`already committed in edit ${committed.edit_id}; nothing to do`);
  return committed.receipt;
}
