import type { RecipientDispatch } from '@akc/core';
import { testerName } from './api';
import { TESTER_LIMIT_FIX } from './errors';
import { ApiError } from './http';
import { KEYS, groupsDone, type RecipientRecord, type ReleaseRecord } from './ledger-state';
import type { StepEnv } from './release-step';
import { isTesterLimit } from './retry';

/** The API accepts at most 999 e-mails plus group aliases per distribute call. */
export const MAX_PER_CALL = 999;

/** Per-recipient outcomes of this run (filled as calls succeed, so a later failure keeps them). */
export interface DistributeProgress {
  readonly outcomes: Map<string, RecipientDispatch>;
  /** A group alias problem that did not stop the individual invites. */
  groupError?: string;
}

interface Batch {
  readonly emails: readonly string[];
  readonly aliases: readonly string[];
}

/** Split into calls of at most {@link MAX_PER_CALL} e-mails + aliases; the groups ride on the first. */
export function batches(emails: readonly string[], aliases: readonly string[]): Batch[] {
  const out: Batch[] = [];
  let rest = [...emails];
  let groups = [...aliases];
  while (rest.length > 0 || groups.length > 0) {
    const room = Math.max(1, MAX_PER_CALL - groups.length);
    out.push({ emails: rest.slice(0, room), aliases: groups });
    rest = rest.slice(room);
    groups = [];
  }
  return out;
}

/** A refusal that concerns some recipients only: a tester cap or an invalid address. */
function perRecipient(e: unknown): e is ApiError {
  if (!(e instanceof ApiError)) return false;
  return isTesterLimit(e) || (e.status === 400 && e.rpcStatus === 'FAILED_PRECONDITION');
}

function failureDetail(e: ApiError): string {
  return isTesterLimit(e)
    ? `tester limit: ${e.apiMessage}. Fix: ${TESTER_LIMIT_FIX}`
    : `Firebase refused this address: ${e.apiMessage}. Fix: correct the recipient's e-mail, then resend.`;
}

function mark(
  env: StepEnv,
  release: ReleaseRecord,
  emails: readonly string[],
  p: DistributeProgress,
  e?: ApiError,
): void {
  const { ctx, target } = env;
  for (const email of emails) {
    const tester = testerName(target.projectNumber, email);
    const detail = e ? failureDetail(e) : undefined;
    const record: RecipientRecord = {
      state: e ? 'failed' : 'invited',
      release: release.name,
      tester,
      at_unix_ms: ctx.now(),
      ...(detail ? { detail } : {}),
    };
    ctx.ledger.setRecipient(email, record);
    p.outcomes.set(email, { state: record.state, provider_id: tester, ...(detail ? { detail } : {}) });
  }
}

function markGroups(env: StepEnv, release: ReleaseRecord, aliases: readonly string[]): void {
  if (aliases.length === 0) return;
  const done = new Set([...groupsDone(env.ctx.ledger, release.name), ...aliases]);
  env.ctx.ledger.set(KEYS.groupsDistributed, { release: release.name, aliases: [...done] });
}

async function sendOne(
  env: StepEnv,
  release: ReleaseRecord,
  email: string,
  p: DistributeProgress,
): Promise<void> {
  try {
    await env.api.distribute(release.name, [email], []);
    mark(env, release, [email], p);
  } catch (e) {
    if (!perRecipient(e)) throw e;
    env.ctx.log(`${email}: not invited (${e.apiMessage})`);
    mark(env, release, [email], p, e);
  }
}

async function sendGroupsAlone(
  env: StepEnv,
  release: ReleaseRecord,
  aliases: readonly string[],
  p: DistributeProgress,
): Promise<void> {
  try {
    await env.api.distribute(release.name, [], aliases);
    markGroups(env, release, aliases);
  } catch (e) {
    if (!perRecipient(e)) throw e;
    p.groupError = `groups ${aliases.join(', ')} not distributed: ${failureDetail(e)}`;
  }
}

/** One batch; when the provider refuses it for some recipients, go one recipient at a time. */
async function sendBatch(
  env: StepEnv,
  release: ReleaseRecord,
  b: Batch,
  p: DistributeProgress,
): Promise<void> {
  try {
    await env.api.distribute(release.name, b.emails, b.aliases);
    markGroups(env, release, b.aliases);
    mark(env, release, b.emails, p);
    return;
  } catch (e) {
    if (!perRecipient(e)) throw e;
    env.ctx.log(`distribute refused (${e.apiMessage}); inviting one recipient at a time`);
  }
  if (b.aliases.length > 0) await sendGroupsAlone(env, release, b.aliases, p);
  for (const email of b.emails) await sendOne(env, release, email, p);
}

/**
 * Distribute `release` to `emails` and `aliases`. Each success is written to the ledger (recipient
 * state `invited`, `groups_distributed`) before the next call; a tester-cap or bad-address refusal
 * falls back to one call per recipient so everyone the provider accepts is still invited.
 */
export async function distributeRelease(
  env: StepEnv,
  release: ReleaseRecord,
  emails: readonly string[],
  aliases: readonly string[],
  progress: DistributeProgress,
): Promise<void> {
  for (const b of batches(emails, aliases)) await sendBatch(env, release, b, progress);
}
