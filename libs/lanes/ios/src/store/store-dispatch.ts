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
  iosNumbers,
  refsFromState,
} from '@akc/provider-app-store-connect';
import { createAscClient, fail, resolveBundleId, resolveKeyRef, toLaneError } from './asc-config';
import { ensureStoreBuild } from './store-build';
import { parseIosStoreOptions, type IosStoreOptions } from './store-options';
import { planIosStore } from './store-plan';
import { ensureSubmitted } from './store-submit';
import { ensureBuildAttached, ensurePhasedRelease, ensureVersion, ensureWhatsNew } from './store-version';

/** Ledger keys of the store lane, surfaced as `external_refs`. */
export const IOS_STORE_LEDGER_KEYS = [
  'app_id',
  'build_source',
  'upload_id',
  'build_id',
  'build_state',
  'export_compliance',
  'version_id',
  'version_created',
  'build_attached',
  'whats_new_set',
  'phased_release_id',
  'review_submission_id',
  'review_item_id',
  'submitted',
  'submitted_at_unix_ms',
] as const;

function storeRecipients(ctx: DispatchContext, detail: string): Record<string, RecipientDispatch> {
  return Object.fromEntries(ctx.recipients.map((r) => [r.email, { state: 'skipped' as const, detail }]));
}

function failedReceipt(ctx: DispatchContext, e: AkcError): DispatchReceipt {
  const resumable = e.params['resumable'] === true;
  return {
    status: 'failed',
    ok: false,
    submitted: false,
    recipients: storeRecipients(ctx, 'App Store: nothing submitted yet'),
    external_refs: {
      ...refsFromState(ctx.ledger, IOS_STORE_LEDGER_KEYS),
      ...(resumable ? { resumable: true } : {}),
    },
    error: describeWithFix(e),
    error_code: e.code,
  };
}

function doneReceipt(ctx: DispatchContext, submitted: boolean): DispatchReceipt {
  const detail = submitted
    ? 'App Store: public once approved and released'
    : 'App Store: staged for a person to submit';
  return {
    status: submitted ? 'submitted' : 'staged',
    ok: true,
    submitted,
    recipients: storeRecipients(ctx, detail),
    external_refs: refsFromState(ctx.ledger, IOS_STORE_LEDGER_KEYS),
  };
}

async function execute(ctx: DispatchContext, o: IosStoreOptions): Promise<DispatchReceipt> {
  const lane = ctx.laneId;
  const key = resolveKeyRef(ctx);
  const bundleId = resolveBundleId(ctx, o.bundle_id);
  const asc = await createAscClient(ctx, key, o.retry);
  const appId = await ensureAppId(asc, ctx.ledger, bundleId, fail(lane));
  const buildId = await ensureStoreBuild(asc, ctx, appId, o);
  await ensureExportCompliance(asc, ctx.ledger, buildId, o.uses_non_exempt_encryption, ctx.log);
  const versionId = await ensureVersion(asc, ctx.ledger, appId, iosNumbers(ctx).version, o, lane);
  await ensureBuildAttached(asc, ctx.ledger, versionId, buildId);
  await ensureWhatsNew(asc, ctx.ledger, versionId, o.whats_new, ctx.log);
  await ensurePhasedRelease(asc, ctx.ledger, versionId, o.phased_release);
  if (ctx.storeSubmit === 'manual') {
    ctx.log('storeSubmit manual: build and version are staged; submit for review in App Store Connect');
    return doneReceipt(ctx, false);
  }
  await ensureSubmitted(asc, ctx.ledger, appId, versionId, ctx.now, lane);
  return doneReceipt(ctx, true);
}

/**
 * App Store dispatch: dry run (planned calls) or execute (build found or uploaded, version, build
 * attachment, phased release, then the review submission unless `storeSubmit: 'manual'`). A run
 * after the submission makes no request at all.
 */
export async function dispatchIosStore(ctx: DispatchContext): Promise<DispatchReceipt> {
  const parsed = parseIosStoreOptions(ctx.options);
  if (!parsed.ok) {
    const reason = parsed.errors.join('; ');
    return failedReceipt(
      ctx,
      akcError('ELANE', { lane: ctx.laneId, reason, hint: 'Fix the lane options in .akc/config.json.' }),
    );
  }
  if (!ctx.execute) return planIosStore(ctx, parsed.value);
  if (ctx.ledger.get('submitted') === true) return doneReceipt(ctx, true);
  try {
    return await execute(ctx, parsed.value);
  } catch (e) {
    return failedReceipt(ctx, toLaneError(ctx.laneId, e));
  }
}
