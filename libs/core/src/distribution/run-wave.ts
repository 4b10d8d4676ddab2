import { hostname } from 'node:os';
import type { Lane, Platform } from '../schemas/common';
import type { DeliverySession } from '../schemas/session';
import type { DispatchArtifact, DispatchReceipt } from '../lane/dispatch-contract';
import type { LanePlugin } from '../lane/contract';
import { akcError, isAkcError } from '../errors/akc-error';
import { emitAudit, openDelivery, type ControlPlaneIO } from '../control-plane/io';
import { assertPromotionAllowed } from '../control-plane/lifecycle';
import type { DeliveryStore } from '../store/delivery-store';
import { buildLaneContext, laneVersions, type DeliverySnapshot } from '../packaging/lane-context';
import { packagingRow } from '../packaging/types';
import { createDurableLedger } from './ledger';
import { resolveLaneOptions } from '../lane/lane-options';
import { createInviteIssuer } from './invite-issuer';
import { finishWave, recordJob } from './record-wave';
import type { JobOutcome, WaveOptions, WaveResult } from './types';

/**
 * Run one distribution wave (all platforms of one lane): dispatch-time preflight, then each
 * lane's dispatch with a durable ledger, recording every job as soon as it ends. Only
 * distribution-ready packaging outputs are distributed. The delivery lock is held only for
 * state changes, never across provider calls.
 */
export async function runWave(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  opts: WaveOptions,
): Promise<WaveResult> {
  const store = openDelivery(io, projectDir, deliveryId);
  const snap = beginWave(store, opts);
  const secrets = store.read('secrets');
  const jobs: Record<string, JobOutcome> = {};
  const links: Array<{ email: string; url: string }> = [];
  for (const platform of snap.request.platforms) {
    const outcome = await runJob(
      io,
      store,
      snap,
      platform,
      opts,
      createInviteIssuer(deliveryId, secrets, io.env, io.now),
    );
    jobs[outcome.job.job] = outcome.job;
    links.push(...outcome.links);
    recordJob(store, outcome.job, opts, io.now);
  }
  const phase = finishWave(store, opts, jobs);
  const ok = Object.values(jobs).every((j) => j.ok);
  emitAudit(io, ok ? 'delivery.distribution.completed' : 'delivery.distribution.failed', {
    delivery_id: deliveryId,
    lanes: [opts.lane],
    ok,
    execute: opts.execute,
  });
  return {
    ok,
    lane: opts.lane,
    execute: opts.execute,
    jobs,
    operator_links: links,
    session_phase: phase,
  };
}

function beginWave(store: DeliveryStore, opts: WaveOptions): DeliverySnapshot {
  return store.transact((tx) => {
    const session = tx.get('session');
    assertWaveAllowed(session, opts.lane);
    if (opts.resendTo && !session.per_recipient[opts.resendTo])
      throw akcError('ENOTMEMBER', { email: opts.resendTo });
    session.pipeline.distribution = {
      ...session.pipeline.distribution,
      status: 'in_progress',
      started_at_unix_ms: tx.now(),
      completed_at_unix_ms: null,
      error: null,
      outputs: {
        ...(session.pipeline.distribution.outputs ?? {}),
        runner: { pid: process.pid, host: hostname(), lane: opts.lane },
      },
    };
    if (session.session_phase === 'packaging') session.session_phase = 'distributing';
    tx.put('session', session);
    return { request: tx.get('request'), session, recipients: tx.get('recipients'), paths: store.paths };
  });
}

/** Beta needs a completed package stage; store adds the promotion guards. */
function assertWaveAllowed(session: DeliverySession, lane: Lane): void {
  if (lane === 'store') return assertPromotionAllowed(session, 'store');
  if (session.release_mode === 'store')
    throw akcError('EPROMOTE', {
      reason: 'release_mode store has no beta lane',
      hint: 'Promote with --lane store.',
    });
  if (session.session_phase === 'blocked')
    throw akcError('EBLOCKED', { reason: session.blocked_reason ?? 'preflight issues' });
  if (session.pipeline.package.status !== 'completed') {
    throw akcError('EPROMOTE', {
      reason: `packaging has not completed (package stage: ${session.pipeline.package.status})`,
      hint: 'Package first: `akc deliver package --delivery-id ID`.',
    });
  }
}

function laneApplies(mode: string, lane: Lane): boolean {
  return mode === 'both' || mode === lane;
}

async function runJob(
  io: ControlPlaneIO,
  store: DeliveryStore,
  snap: DeliverySnapshot,
  platform: Platform,
  opts: WaveOptions,
  invites: ReturnType<typeof createInviteIssuer>,
): Promise<{ job: JobOutcome; links: Array<{ email: string; url: string }> }> {
  const started = io.now();
  const id = `${platform}:${opts.lane}`;
  const base: JobOutcome = {
    job: id,
    platform,
    lane: opts.lane,
    lane_id: id,
    status: 'failed',
    ok: false,
    submitted: false,
    recipients: {},
    external_refs: {},
    error: null,
    duration_ms: 0,
  };
  const done = (j: Partial<JobOutcome>) => ({
    job: { ...base, ...j, duration_ms: io.now() - started },
    links: [],
  });
  if (!laneApplies(snap.request.release_mode, opts.lane))
    return done({ status: 'skipped', ok: true, error: null });
  const row = packagingRow(snap.session, platform);
  if (!row?.distribution_ready) {
    return done({
      error:
        'packaging produced no distributable artifact for this platform (plan-only packaging is never distributed)',
    });
  }
  let lane: LanePlugin;
  try {
    lane = opts.registry.get(id);
  } catch (e) {
    return done({ error: (e as Error).message });
  }
  if (!lane.dispatch) return done({ error: `lane ${id} (${lane.version}) cannot dispatch yet` });
  const resolved = resolveLaneOptions(lane, opts.laneConfig, id);
  if (!resolved.ok) {
    return done({
      status: 'blocked',
      problems: resolved.problems,
      error: resolved.problems.map((p) => p.reason).join('; '),
    });
  }
  const options = resolved.options;
  const versions = laneVersions(
    (snap.session.pipeline.package.outputs?.provider_versions ?? {}) as Parameters<typeof laneVersions>[0],
  );
  const ctx = buildLaneContext(
    io,
    snap,
    lane,
    platform,
    options,
    versions,
    opts.signal ?? new AbortController().signal,
  );
  if (lane.preflight) {
    const report = await lane.preflight(ctx);
    if (report.problems.length > 0)
      return done({
        status: 'blocked',
        problems: [...report.problems],
        error: report.problems.map((p) => p.reason).join('; '),
      });
  }
  const recipients = ctx.delivery.recipients.filter(
    (r) => r.platforms.includes(platform) && (!opts.resendTo || r.email === opts.resendTo),
  );
  const artifact: DispatchArtifact = {
    platform,
    files: row.artifacts,
    hostingUrl: row.deploy?.hosting_url ?? null,
    versions: { ...versions },
  };
  let receipt: DispatchReceipt;
  try {
    receipt = await lane.dispatch({
      ...ctx,
      lane: opts.lane,
      artifact,
      recipients,
      execute: opts.execute,
      storeSubmit: opts.storeSubmit,
      ledger: createDurableLedger(store, platform, opts.lane),
      invites,
      resend: Boolean(opts.resendTo),
    });
  } catch (e) {
    return done({ error: isAkcError(e) ? e.message : `the lane crashed: ${(e as Error).message}` });
  }
  const { operator_links: links, ...kept } = receipt;
  const job = {
    ...base,
    ...kept,
    status: receipt.status,
    ok: receipt.ok,
    submitted: receipt.submitted === true,
    error: receipt.error ?? null,
    duration_ms: io.now() - started,
  };
  return { job, links: [...(links ?? [])] };
}
