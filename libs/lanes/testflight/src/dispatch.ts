import {
  akcError,
  type AkcError,
  type DispatchContext,
  type DispatchReceipt,
  type RecipientDispatch,
} from '@akc/core';
import {
  describeWithFix,
  ensureAppId,
  ensureExportCompliance,
  ensureUploaded,
  iosNumbers,
  ipaPath,
  refsFromState,
  waitForValidBuild,
} from '@akc/provider-app-store-connect';
import {
  createAscClient,
  fail,
  resolveBundleId,
  resolveGroupRef,
  resolveKeyRef,
  toLaneError,
} from './asc-config';
import { ensureBetaReview, ensureBuildInGroup, ensureGroup } from './beta-group';
import { parseTestflightOptions, type TestflightOptions } from './options';
import { planTestflight } from './plan';
import { inviteRecipients } from './recipients';

/** Ledger keys surfaced as `external_refs`. */
export const TESTFLIGHT_LEDGER_KEYS = [
  'app_id',
  'upload_id',
  'build_id',
  'build_state',
  'export_compliance',
  'group_id',
  'group_external',
  'build_in_group',
  'beta_review_submission_id',
] as const;

function failedReceipt(ctx: DispatchContext, e: AkcError): DispatchReceipt {
  const recipients: Record<string, RecipientDispatch> = {};
  for (const r of ctx.recipients)
    recipients[r.email] = { state: 'skipped', detail: 'not attempted: the wave stopped before invitations' };
  const resumable = e.params['resumable'] === true;
  return {
    status: 'failed',
    ok: false,
    recipients,
    external_refs: {
      ...refsFromState(ctx.ledger, TESTFLIGHT_LEDGER_KEYS),
      ...(resumable ? { resumable: true } : {}),
    },
    error: describeWithFix(e),
    error_code: e.code,
  };
}

function summarise(
  ctx: DispatchContext,
  recipients: Record<string, RecipientDispatch>,
  refs: Record<string, unknown>,
): DispatchReceipt {
  const ios = ctx.recipients
    .filter((r) => r.platforms.includes('ios'))
    .map((r) => recipients[r.email]?.state);
  const good = ios.filter((s) => s === 'invited' || s === 'already_invited').length;
  const status = good === ios.length ? 'completed' : good > 0 ? 'partial' : 'failed';
  const failures = Object.entries(recipients).filter(
    ([, r]) => r.state === 'failed' || (r.state === 'skipped' && r.detail?.startsWith('not attempted')),
  );
  return {
    status,
    ok: status === 'completed',
    recipients,
    external_refs: refs,
    ...(failures.length > 0
      ? {
          error: failures.map(([email, r]) => `${email}: ${r.detail ?? r.state}`).join('; '),
          error_code: 'ELANE',
        }
      : {}),
  };
}

async function execute(ctx: DispatchContext, o: TestflightOptions): Promise<DispatchReceipt> {
  const lane = ctx.laneId;
  const key = resolveKeyRef(ctx);
  const bundleId = resolveBundleId(ctx, o.bundle_id);
  const groupRef = resolveGroupRef(ctx);
  const asc = await createAscClient(ctx, key, o.retry);
  const appId = await ensureAppId(asc, ctx.ledger, bundleId, fail(lane));
  const n = iosNumbers(ctx);
  await ensureUploaded(asc, ctx.ledger, {
    appId,
    ...n,
    ipaPath: ipaPath(ctx),
    log: ctx.log,
    fail: fail(lane),
  });
  const wait = {
    maxWaitMs: o.max_wait_ms,
    intervalMs: o.poll_interval_ms,
    label: n.label,
    fail: fail(lane),
    now: ctx.now,
    signal: ctx.signal,
    log: ctx.log,
  };
  const buildId = await waitForValidBuild(asc, ctx.ledger, wait);
  const compliance = await ensureExportCompliance(
    asc,
    ctx.ledger,
    buildId,
    o.uses_non_exempt_encryption,
    ctx.log,
  );
  const group = await ensureGroup(asc, ctx.ledger, appId, groupRef, o.create_group, lane);
  await ensureBuildInGroup(asc, ctx.ledger, buildId, group);
  await ensureBetaReview(asc, ctx.ledger, buildId, group);
  const recipients = await inviteRecipients(asc, ctx, appId, group);
  return summarise(ctx, recipients, {
    ...refsFromState(ctx.ledger, TESTFLIGHT_LEDGER_KEYS),
    bundle_id: bundleId,
    export_compliance: compliance,
  });
}

/**
 * TestFlight dispatch: dry run (planned calls, no network) or execute (upload, wait, group,
 * beta review, per-recipient invitations), resumable from the job's ledger.
 */
export async function dispatchTestflight(ctx: DispatchContext): Promise<DispatchReceipt> {
  const parsed = parseTestflightOptions(ctx.options);
  if (!parsed.ok) {
    const e = akcError('ELANE', {
      lane: ctx.laneId,
      reason: parsed.errors.join('; '),
      hint: 'Fix the lane options in .akc/config.json.',
    });
    return failedReceipt(ctx, e);
  }
  if (!ctx.execute) return planTestflight(ctx, parsed.value);
  try {
    return await execute(ctx, parsed.value);
  } catch (e) {
    return failedReceipt(ctx, toLaneError(ctx.laneId, e));
  }
}
