import { akcError, type ArtifactFile, type DispatchContext, type DispatchReceipt } from '@akc/core';
import { AppDistributionApi } from './api';
import { createTokenSource } from './client';
import { resolveCredentialSource, resolveTarget, type FirebaseTarget } from './config';
import { distributeRelease, type DistributeProgress } from './distribute-step';
import { toAkcError } from './errors';
import type { ReleaseRecord } from './ledger-state';
import { ensureNotes } from './notes-step';
import { parseFirebaseOptions, type FirebaseLaneOptions } from './options';
import { plannedCalls } from './plan';
import { buildReceipt } from './receipt';
import { ensureRelease, type StepEnv } from './release-step';
import { pickArtifact, resumableRelease, selectWork, type Work } from './work';

interface Setup {
  readonly target: FirebaseTarget;
  readonly options: FirebaseLaneOptions;
  readonly artifact: ArtifactFile;
}

function setUp(ctx: DispatchContext): Setup {
  const parsed = parseFirebaseOptions(ctx.options);
  if (!parsed.ok) {
    throw akcError('ELANE', {
      lane: ctx.laneId,
      reason: parsed.errors.join('; '),
      hint: 'Fix lanes["android:beta"] in .akc/config.json.',
    });
  }
  return { target: resolveTarget(ctx), options: parsed.value, artifact: pickArtifact(ctx) };
}

function dryRun(ctx: DispatchContext, s: Setup): DispatchReceipt {
  const release = resumableRelease(ctx.ledger, s.target, s.artifact);
  const work = selectWork(ctx, s.target, release?.name);
  const planned = plannedCalls({ ctx, ...s, work, release });
  return buildReceipt({ ctx, target: s.target, work, release, planned });
}

function stepEnv(ctx: DispatchContext, s: Setup): StepEnv {
  const tokens = createTokenSource(ctx.laneId, resolveCredentialSource(ctx));
  const api = new AppDistributionApi(s.target, tokens, {
    log: ctx.log,
    signal: ctx.signal,
    retry: s.options.retry,
    now: ctx.now,
  });
  return { ctx, api, ...s };
}

async function execute(ctx: DispatchContext, s: Setup): Promise<DispatchReceipt> {
  const progress: DistributeProgress = { outcomes: new Map() };
  let release: ReleaseRecord | undefined = resumableRelease(ctx.ledger, s.target, s.artifact);
  let work: Work = selectWork(ctx, s.target, release?.name);
  try {
    const env = stepEnv(ctx, s);
    release = await ensureRelease(env);
    work = selectWork(ctx, s.target, release.name);
    await ensureNotes(env, release);
    if (work.already.length > 0)
      ctx.log(`${work.already.length} recipient(s) already invited; not inviting again`);
    await distributeRelease(env, release, work.pending, work.groups, progress);
    return buildReceipt({ ctx, target: s.target, work, progress, release });
  } catch (e) {
    const error = toAkcError(e, {
      lane: ctx.laneId,
      appId: s.target.appId,
      projectNumber: s.target.projectNumber,
    });
    ctx.log(`failed: ${error.message}`);
    return buildReceipt({ ctx, target: s.target, work, progress, release, error });
  }
}

/**
 * Firebase App Distribution dispatch: upload (streamed) -> poll the long-running operation ->
 * release notes -> distribute to the recipients' e-mails and the configured groups. A dry run
 * makes no network call and returns the exact calls; an executed run resumes from the ledger.
 */
export async function dispatchFirebase(ctx: DispatchContext): Promise<DispatchReceipt> {
  let setup: Setup;
  try {
    setup = setUp(ctx);
  } catch (e) {
    const error = toAkcError(e, { lane: ctx.laneId, appId: '', projectNumber: '' });
    return buildReceipt({ ctx, error });
  }
  return ctx.execute ? execute(ctx, setup) : dryRun(ctx, setup);
}
