import type { LaneStatus, StoreStatus } from '../schemas/session';
import { EVENT } from '../events/event-types';
import { recomputeRecipient, recomputeRollup, transitionEventType } from '../activation/recompute';
import type { DeliveryStore } from '../store/delivery-store';
import { emptyLaneRow } from './ledger';
import type { JobOutcome, WaveOptions } from './types';

const LANE_STATUS: Record<JobOutcome['status'], LaneStatus> = {
  completed: 'completed',
  submitted: 'completed',
  staged: 'completed',
  partial: 'failed',
  failed: 'failed',
  dry_run: 'dry_run',
  blocked: 'blocked',
  skipped: 'not_applicable',
};

/**
 * Record one job the moment it ends: lane state in the session, the provider_state row, each
 * invited recipient (status transitions with their events), and the job's events. A dry run
 * records what it would do and writes no sent/submitted event.
 */
export function recordJob(store: DeliveryStore, job: JobOutcome, opts: WaveOptions, now: () => number): void {
  if (job.status === 'skipped') return;
  store.transact((tx) => {
    const session = tx.get('session');
    const ch = session.per_platform[job.platform]?.channels[job.lane];
    const at = tx.now();
    const summary = {
      status: job.status,
      ok: job.ok,
      submitted: job.submitted,
      error: job.error,
      at_unix_ms: at,
      lane_id: job.lane_id,
      external_refs: job.external_refs,
    };
    if (ch) {
      ch.status = LANE_STATUS[job.status];
      ch.details = {
        ...ch.details,
        last_dispatch: { ...summary, recipients: job.recipients, planned_calls: job.planned_calls ?? null },
      };
      if (job.problems) ch.details.dispatch_preflight = job.problems;
    }
    const invitedNow = opts.execute
      ? Object.entries(job.recipients).filter(([, r]) => r.state === 'invited')
      : [];
    const recipients = tx.get('recipients');
    for (const [email] of invitedNow) {
      const st = session.per_recipient[email]?.platforms[job.platform];
      if (st) st.invited_at_unix_ms ??= at;
      const row = recipients.recipients[email];
      if (row) row.last_invite_sent_at_unix_ms = at;
      const scope = row?.platforms ?? session.platforms;
      const t = recomputeRecipient(session, email, scope, at);
      if (t) {
        if (row) row.status = t.to;
        const type = transitionEventType(t.to);
        if (type) tx.appendEvent(type, { recipient: email, from: t.from, to: t.to });
      }
    }
    if (invitedNow.length > 0) {
      recipients.updated_at_unix_ms = at;
      tx.put('recipients', recipients);
      recomputeRollup(session);
    }
    if (job.lane === 'store' && job.platform !== 'web' && opts.execute) {
      const sub = session.store_release[job.platform];
      const next: StoreStatus =
        job.status === 'submitted'
          ? 'submitted'
          : job.status === 'staged'
            ? 'in_progress'
            : job.ok
              ? sub.status
              : 'failed';
      session.store_release[job.platform] = {
        ...sub,
        status: next,
        external_ref:
          String(job.external_refs.version_id ?? job.external_refs.edit_id ?? sub.external_ref ?? '') || null,
        notes: job.status === 'staged' ? 'staged for a person to submit (--store-submit manual)' : sub.notes,
      };
    }
    const counts = invitedNow.length;
    if (opts.execute && job.ok && counts > 0 && (job.lane === 'beta' || job.platform === 'web'))
      session.milestones.first_invite_sent_at_unix_ms ??= at;
    tx.put('session', session);
    writeProviderRow(tx, job, at);
    if (!opts.execute) {
      tx.appendEvent(EVENT.distributionPlanned, {
        job: job.job,
        status: job.status,
        planned_calls: job.planned_calls?.length ?? 0,
        error: job.error,
      });
    } else if (job.ok && counts > 0 && (job.lane === 'beta' || job.platform === 'web')) {
      tx.appendEvent(EVENT.inviteSent, {
        job: job.job,
        lane: job.lane,
        platform: job.platform,
        recipients: invitedNow.map(([e]) => e),
        resend: Boolean(opts.resendTo),
      });
    }
    if (opts.execute && job.submitted)
      tx.appendEvent(EVENT.storeSubmitted, {
        job: job.job,
        platform: job.platform,
        external_refs: job.external_refs,
      });
    if (!job.ok && opts.execute)
      tx.appendEvent(EVENT.failed, {
        phase: 'distribution',
        job: job.job,
        status: job.status,
        error: job.error,
      });
  });
  void now;
}

function writeProviderRow(
  tx: Parameters<Parameters<DeliveryStore['transact']>[0]>[0],
  job: JobOutcome,
  at: number,
): void {
  const ps = tx.get('providerState');
  const row = ps.lanes[job.job] ?? emptyLaneRow(job.platform, job.lane);
  ps.lanes[job.job] = {
    ...row,
    status: job.status,
    adapter_kind: job.lane_id,
    external_refs: { ...row.external_refs, ...job.external_refs },
    details: {
      ...row.details,
      last_dispatch: {
        status: job.status,
        ok: job.ok,
        submitted: job.submitted,
        recipients: job.recipients,
        at_unix_ms: at,
      },
    },
    last_error: job.error,
    last_updated_at_unix_ms: at,
  };
  ps.updated_at_unix_ms = at;
  tx.put('providerState', ps);
}

/** Close the wave: the distribution stage, the phase, and in `both` mode the gate's precondition. */
export function finishWave(
  store: DeliveryStore,
  opts: WaveOptions,
  jobs: Record<string, JobOutcome>,
): string {
  return store.transact((tx) => {
    const session = tx.get('session');
    const real = Object.values(jobs).filter((j) => j.status !== 'skipped');
    const ok = real.every((j) => j.ok);
    const at = tx.now();
    const outputs = (session.pipeline.distribution.outputs ?? {}) as Record<string, unknown>;
    const waves = { ...((outputs.waves ?? {}) as Record<string, unknown>) };
    waves[opts.lane] = {
      ok,
      execute: opts.execute,
      at_unix_ms: at,
      jobs: Object.fromEntries(real.map((j) => [j.job, { status: j.status, ok: j.ok, error: j.error }])),
    };
    const { runner: _r, ...rest } = outputs;
    session.pipeline.distribution = {
      ...session.pipeline.distribution,
      // A dry run only plans: the stage stays pending until a real wave runs.
      status: !opts.execute ? 'pending' : ok ? 'completed' : 'failed',
      completed_at_unix_ms: opts.execute ? at : null,
      error: !opts.execute
        ? ok
          ? null
          : 'the planned wave would be blocked: see the lanes'
        : ok
          ? null
          : 'one or more distribution lanes failed',
      outputs: { ...rest, waves },
    };
    if (opts.lane === 'beta' && session.distribution_plan && !opts.resendTo) {
      // Only a real, fully successful beta wave opens the gate; a dry run or a partial wave never does.
      session.distribution_plan.beta_distribution_completed_at_unix_ms = at;
      session.distribution_plan.beta_distribution_ok = ok && opts.execute;
      if (session.distribution_plan.current_phase === 'beta_delivery')
        session.distribution_plan.current_phase = 'human_readiness_gate';
    }
    if (opts.lane === 'store' && ok && opts.execute) session.store_release.status = 'submitted';
    if (opts.lane === 'store' && ok && opts.execute) session.session_phase = 'releasing';
    else if (session.session_phase === 'packaging') session.session_phase = 'distributing';
    tx.put('session', session);
    return session.session_phase;
  });
}
