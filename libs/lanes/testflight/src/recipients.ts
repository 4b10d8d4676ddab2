import type { AkcError, DispatchContext, LaneRecipient, RecipientDispatch } from '@akc/core';
import {
  describeWithFix,
  isAscError,
  isTesterLimit,
  type AppStoreConnectClient,
} from '@akc/provider-app-store-connect';
import { toLaneError } from './asc-config';
import type { GroupInfo } from './beta-group';

/** What the ledger keeps per recipient (`ledger.recipients[email]`). */
export interface RecipientLedgerState {
  readonly state: 'invited';
  readonly tester_id: string;
  readonly invited_at_unix_ms: number;
  /** Invitations sent by this lane (1 + resends). */
  readonly invitations: number;
}

const TESTER_LIMIT =
  'TestFlight tester limit reached for this app (fix: remove inactive testers in App Store Connect > TestFlight, or use another group; then resend to this recipient)';

/** Finds or creates the tester and puts them in the group; Apple sends the invitation. */
async function joinGroup(
  asc: AppStoreConnectClient,
  email: string,
  group: GroupInfo,
): Promise<{ id: string; joined: boolean }> {
  const existing = await asc.testflight.findBetaTesterByEmail(email);
  if (!existing)
    return {
      id: (await asc.testflight.createBetaTester({ email, betaGroupIds: [group.id] })).id,
      joined: true,
    };
  try {
    await asc.testflight.addTestersToGroup(group.id, [existing.id]);
    return { id: existing.id, joined: true };
  } catch (e) {
    if (isAscError(e) && e.status === 409) return { id: existing.id, joined: false };
    throw e;
  }
}

async function inviteOne(
  asc: AppStoreConnectClient,
  ctx: DispatchContext,
  appId: string,
  group: GroupInfo,
  r: LaneRecipient,
): Promise<RecipientDispatch> {
  const prev = ctx.ledger.getRecipient<RecipientLedgerState>(r.email);
  if (prev?.state === 'invited') {
    if (!ctx.resend) return { state: 'already_invited', provider_id: prev.tester_id };
    await asc.testflight.inviteBetaTester(appId, prev.tester_id);
    ctx.ledger.setRecipient(r.email, {
      ...prev,
      invited_at_unix_ms: ctx.now(),
      invitations: prev.invitations + 1,
    });
    return { state: 'invited', provider_id: prev.tester_id, detail: 'TestFlight invitation sent again' };
  }
  const { id, joined } = await joinGroup(asc, r.email, group);
  const entry: RecipientLedgerState = {
    state: 'invited',
    tester_id: id,
    invited_at_unix_ms: ctx.now(),
    invitations: joined ? 1 : 0,
  };
  ctx.ledger.setRecipient(r.email, entry);
  if (!joined) return { state: 'already_invited', provider_id: id, detail: 'already a tester in the group' };
  const detail = group.external
    ? 'invited by TestFlight; the build opens after beta app review'
    : 'invited by TestFlight';
  return { state: 'invited', provider_id: id, detail };
}

/** Provider-wide failures (outage after retries, bad key) stop the list; per-recipient ones do not. */
function stopsTheWave(e: unknown): boolean {
  return isAscError(e) && (e.retryable || e.status === 401 || e.status === 403);
}

/**
 * Invites each iOS recipient (tester in the group), recording `{state:'invited', tester_id}` right
 * after each success so a crash mid-list resumes with the rest. A tester-limit error fails only that
 * recipient; an outage stops the list and leaves the rest `skipped` for the next run.
 */
export async function inviteRecipients(
  asc: AppStoreConnectClient,
  ctx: DispatchContext,
  appId: string,
  group: GroupInfo,
): Promise<Record<string, RecipientDispatch>> {
  const out: Record<string, RecipientDispatch> = {};
  let stopped: AkcError | undefined;
  for (const r of ctx.recipients) {
    if (!r.platforms.includes('ios')) out[r.email] = { state: 'skipped', detail: 'not an iOS recipient' };
    else if (stopped)
      out[r.email] = { state: 'skipped', detail: `not attempted: ${stopped.message}; run again` };
    else {
      try {
        out[r.email] = await inviteOne(asc, ctx, appId, group, r);
      } catch (e) {
        if (!isAscError(e)) throw e; // the ledger or the process failed: stop, nothing unrecorded continues
        const err = toLaneError(ctx.laneId, e);
        out[r.email] = { state: 'failed', detail: isTesterLimit(e) ? TESTER_LIMIT : describeWithFix(err) };
        if (stopsTheWave(e)) stopped = err;
      }
    }
  }
  return out;
}
