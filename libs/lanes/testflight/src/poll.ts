import type { PollContext, PollResult } from '@akc/core';
import { isAscError, type AppStoreConnectClient, type BetaTester } from '@akc/provider-app-store-connect';
import { createAscClient, resolveKeyRef } from './asc-config';
import { parseTestflightOptions } from './options';
import type { RecipientLedgerState } from './recipients';

type Installs = Array<{ email: string; at_unix_ms: number; detail?: string }>;

/**
 * TestFlight tester state -> install evidence: INSTALLED (the tester installed the build) and
 * ACCEPTED (the invitation was accepted in TestFlight, the closest signal Apple gives before an
 * install) both count as available; INVITED, NOT_INVITED and REVOKED do not.
 */
export const INSTALL_STATES: Readonly<Record<string, string>> = {
  INSTALLED: 'testflight: installed',
  ACCEPTED: 'testflight: invitation accepted',
};

async function testerStates(
  asc: AppStoreConnectClient,
  ctx: PollContext,
  installs: Installs,
): Promise<Record<string, string>> {
  const states: Record<string, string> = {};
  for (const r of ctx.recipients) {
    const entry = ctx.ledger.getRecipient<RecipientLedgerState>(r.email);
    if (!entry?.tester_id) continue;
    try {
      const tester = (await asc.http.get<BetaTester>(`/v1/betaTesters/${entry.tester_id}`)).data;
      states[r.email] = tester.attributes.state;
      const detail = INSTALL_STATES[tester.attributes.state];
      if (detail) installs.push({ email: r.email, at_unix_ms: ctx.now(), detail });
    } catch (e) {
      if (!isAscError(e) || e.status !== 404) throw e;
      states[r.email] = 'DELETED';
    }
  }
  return states;
}

/** Refreshes build processing, beta review and per-tester state from App Store Connect. */
export async function pollTestflight(ctx: PollContext): Promise<PollResult> {
  const buildId = ctx.ledger.get<string>('build_id');
  if (!ctx.ledger.get('app_id')) return { external_refs: { note: 'nothing dispatched yet' } };
  const parsed = parseTestflightOptions(ctx.options);
  const asc = await createAscClient(ctx, resolveKeyRef(ctx), parsed.ok ? parsed.value.retry : {});
  const refs: Record<string, unknown> = {};
  if (buildId) {
    const build = (await asc.builds.get(buildId)).data;
    refs['build_state'] = build.attributes.processingState;
    const detail = await asc.builds.getBetaDetail(buildId);
    refs['internal_build_state'] = detail.attributes.internalBuildState;
    refs['external_build_state'] = detail.attributes.externalBuildState;
    const review = ctx.ledger.get<string>('beta_review_submission_id')
      ? await asc.testflight.getBetaReviewSubmission(buildId)
      : undefined;
    if (review) refs['beta_review_state'] = review.attributes.betaReviewState;
  }
  const installs: Installs = [];
  refs['tester_states'] = await testerStates(asc, ctx, installs);
  return { installs, external_refs: refs };
}
