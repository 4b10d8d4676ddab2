import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Platform } from '../schemas/common';
import type { DeliverySession } from '../schemas/session';
import type { LanePlugin, PreflightProblem } from '../lane/contract';
import type { LaneRegistry } from '../lane/registry';
import type { LaneConfig } from '../lane/load-lanes';
import { resolveLaneOptions } from '../lane/lane-options';
import { isProcessAlive } from '../store/lock';
import { akcError, isAkcError } from '../errors/akc-error';
import { deriveProviderVersions } from '../versioning';
import { AUDIT_MAX_ISSUES, emitAudit, openDelivery, type ControlPlaneIO } from '../control-plane/io';
import type { DeliveryStore } from '../store/delivery-store';
import { allocateProjectBuildNumbers } from './build-numbers';
import { isPackagingPreflightEnforced } from './enforcement';
import { buildLaneContext, laneVersions, packagingDir, type DeliverySnapshot } from './lane-context';
import { recordPackagingBlocked, recordPackagingOutcome } from './record-packaging';
import type { PackagingMode, PackagingResult, PackagingRow } from './types';

export interface RunPackagingOptions {
  mode: PackagingMode;
  registry: LaneRegistry;
  laneConfig: LaneConfig;
  signal?: AbortSignal;
}

interface LanePlan {
  platform: Platform;
  lane: LanePlugin | null;
  options: Record<string, unknown>;
  problems: PreflightProblem[];
  warnings: string[];
}

/**
 * Package every platform of a delivery through its build lane (spec 6, seed "Packaging"):
 * preflight all lanes and report every problem at once; then execute, plan, or fall back to a
 * plan per lane. The delivery lock is held only for the short state changes, never while a build
 * tool runs, so reports and status keep working during a long build.
 */
export async function runPackaging(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  opts: RunPackagingOptions,
): Promise<PackagingResult> {
  const store = openDelivery(io, projectDir, deliveryId);
  const snap = beginPackaging(store);
  const { request } = snap;
  const enforced = isPackagingPreflightEnforced(io.env, request.release_mode);
  const signal = opts.signal ?? new AbortController().signal;
  const natural = laneVersions(deriveProviderVersions(request.delivery_version));
  const plans: LanePlan[] = [];
  for (const platform of request.platforms)
    plans.push(await preflightLane(io, snap, opts, platform, natural, signal));
  const issues = plans.flatMap((p) =>
    p.problems.map((q) => ({ platform: p.platform, id: q.id, reason: q.reason, fix: q.fix })),
  );
  if (issues.length > 0 && opts.mode !== 'plan' && (enforced || opts.mode === 'execute')) {
    const blocked = recordPackagingBlocked(store, { mode: opts.mode, enforced, issues, plans });
    emitAudit(io, 'delivery.packaging_preflight.blocked', {
      delivery_id: deliveryId,
      issue_count: issues.length,
      issues: issues.slice(0, AUDIT_MAX_ISSUES),
    });
    return blocked;
  }
  const executes = plans.some((p) => p.lane && p.problems.length === 0 && opts.mode !== 'plan');
  const versions = executes
    ? allocateProjectBuildNumbers(
        projectDir,
        request.delivery_version,
        `${request.tenant_id}/${request.repo_id}`,
      )
    : deriveProviderVersions(request.delivery_version);
  const rows: PackagingRow[] = [];
  const origins = new Map(opts.registry.list().map((l) => [l.plugin.id, l.source.origin]));
  for (const plan of plans) {
    const row = await packageLane(io, snap, plan, opts.mode, laneVersions(versions), signal);
    rows.push({ ...row, lane_origin: origins.get(row.lane_id) ?? null });
  }
  return recordPackagingOutcome(store, snap, {
    mode: opts.mode,
    enforced,
    rows,
    versions,
    issues,
    now: io.now,
  });
}

/** Under the lock: refuse blocked or already-distributing deliveries and concurrent runs; mark build in progress. */
function beginPackaging(store: DeliveryStore): DeliverySnapshot {
  return store.transact((tx) => {
    const session = tx.get('session');
    assertCanPackage(session);
    const now = tx.now();
    session.pipeline.build = {
      status: 'in_progress',
      started_at_unix_ms: now,
      completed_at_unix_ms: null,
      error: null,
      run_id: null,
      outputs: { runner: { pid: process.pid, host: hostname() } },
    };
    session.pipeline.package = { ...session.pipeline.package, status: 'pending', error: null };
    session.session_phase = 'building';
    tx.put('session', session);
    return { request: tx.get('request'), session, recipients: tx.get('recipients'), paths: store.paths };
  });
}

function assertCanPackage(session: DeliverySession): void {
  if (session.session_phase === 'blocked')
    throw akcError('EBLOCKED', { reason: session.blocked_reason ?? 'preflight issues' });
  if (
    session.session_phase === 'distributing' ||
    session.session_phase === 'releasing' ||
    session.session_phase === 'completed'
  ) {
    throw akcError('EPACKAGING', {
      platform: 'delivery',
      reason: `the delivery is already ${session.session_phase}`,
      hint: 'Packaging runs before distribution; start a new delivery for a new build.',
    });
  }
  if (session.pipeline.compile.status === 'failed') {
    throw akcError('EPACKAGING', {
      platform: 'delivery',
      reason: 'compile failed for this delivery',
      hint: 'Fix the compile and start a new delivery.',
    });
  }
  const runner = (session.pipeline.build.outputs?.runner ?? null) as { pid?: number; host?: string } | null;
  const running =
    session.pipeline.build.status === 'in_progress' || session.pipeline.package.status === 'in_progress';
  if (running && runner?.pid && runner.host === hostname() && isProcessAlive(runner.pid)) {
    throw akcError('ELOCKED', { id: session.delivery_id, holder: `packaging run pid ${runner.pid}` });
  }
}

async function preflightLane(
  io: ControlPlaneIO,
  snap: DeliverySnapshot,
  opts: RunPackagingOptions,
  platform: Platform,
  versions: ReturnType<typeof laneVersions>,
  signal: AbortSignal,
): Promise<LanePlan> {
  let lane: LanePlugin;
  try {
    lane = opts.registry.get(platform);
  } catch (e) {
    return {
      platform,
      lane: null,
      options: {},
      problems: [
        {
          id: 'lane',
          reason: (e as Error).message,
          fix: 'Fix or remove the lane package (see `akc deliver lanes`).',
        },
      ],
      warnings: [],
    };
  }
  const resolved = resolveLaneOptions(lane, opts.laneConfig, platform);
  if (!resolved.ok) return { platform, lane, options: {}, problems: resolved.problems, warnings: [] };
  const options = resolved.options;
  if (!lane.preflight) return { platform, lane, options, problems: [], warnings: [] };
  try {
    const report = await lane.preflight(
      buildLaneContext(io, snap, lane, platform, options, versions, signal),
    );
    return {
      platform,
      lane,
      options,
      problems: [...report.problems],
      warnings: [...(report.warnings ?? [])],
    };
  } catch (e) {
    return {
      platform,
      lane,
      options,
      problems: [
        {
          id: 'preflight',
          reason: `preflight crashed: ${(e as Error).message}`,
          fix: 'Report this to the lane author.',
        },
      ],
      warnings: [],
    };
  }
}

async function packageLane(
  io: ControlPlaneIO,
  snap: DeliverySnapshot,
  plan: LanePlan,
  mode: PackagingMode,
  versions: ReturnType<typeof laneVersions>,
  signal: AbortSignal,
): Promise<PackagingRow> {
  const started = io.now();
  const base: PackagingRow = {
    platform: plan.platform,
    ok: false,
    lane_id: plan.lane?.id ?? plan.platform,
    lane_version: plan.lane?.version ?? null,
    lane_origin: null,
    execution_mode: null,
    artifact_authority: null,
    distribution_ready: false,
    artifacts: [],
    outputs: {},
    deploy: null,
    plan: null,
    problems: plan.problems,
    warnings: plan.warnings,
    fallback_reason: null,
    error: null,
    duration_ms: 0,
  };
  if (!plan.lane?.package)
    return { ...base, error: plan.problems[0]?.reason ?? 'the lane has no package step' };
  const laneMode = mode === 'plan' || plan.problems.length > 0 ? 'plan' : 'execute';
  const fallback =
    mode !== 'plan' && laneMode === 'plan'
      ? `prerequisites missing: ${plan.problems.map((p) => p.reason).join('; ')}`
      : null;
  const workDir = packagingDir(snap.paths, plan.platform);
  mkdirSync(workDir, { recursive: true });
  const ctx = buildLaneContext(io, snap, plan.lane, plan.platform, plan.options, versions, signal);
  try {
    const r = await plan.lane.package({
      ...ctx,
      mode: laneMode,
      workDir,
      preflight: { problems: plan.problems, warnings: plan.warnings },
    });
    const ready = laneMode === 'execute' && r.distribution_ready && r.execution_mode === 'execute';
    return {
      ...base,
      ok: true,
      execution_mode: r.execution_mode,
      artifact_authority: r.artifact_authority,
      distribution_ready: ready,
      artifacts: [...r.artifacts],
      outputs: { ...r.outputs },
      deploy: r.deploy ? { ...r.deploy } : null,
      plan: r.plan ? [...r.plan] : null,
      fallback_reason: fallback,
      duration_ms: io.now() - started,
    };
  } catch (e) {
    const msg = isAkcError(e) ? e.message : `the lane crashed: ${(e as Error).message}`;
    return { ...base, execution_mode: laneMode, error: msg, duration_ms: io.now() - started };
  }
}
