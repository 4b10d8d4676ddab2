import type { PollContext, PollResult } from '@akc/core';
import { AppDistributionApi, type Tester } from './api';
import { createTokenSource } from './client';
import { resolveCredentialSource, resolveTarget } from './config';
import { toAkcError } from './errors';
import { KEYS, ledgerString, recipientRecord } from './ledger-state';
import { parseFirebaseOptions } from './options';

const MAX_TESTER_PAGES = 50;

/** Install evidence detail: what the mapping means (the v1 API has no per-tester install state). */
export const ACTIVITY_DETAIL =
  'tester activity after the invite (testers.list lastActivityTime); Firebase App Distribution v1 exposes no per-tester accepted/installed state';

async function allTesters(api: AppDistributionApi): Promise<Map<string, Tester>> {
  const out = new Map<string, Tester>();
  let token: string | undefined;
  for (let page = 0; page < MAX_TESTER_PAGES; page++) {
    const res = await api.listTesters(token);
    for (const t of res.testers ?? []) out.set((t.name.split('/').pop() ?? '').toLowerCase(), t);
    token = res.nextPageToken;
    if (!token) break;
  }
  return out;
}

function installs(
  ctx: PollContext,
  testers: Map<string, Tester>,
  release: string,
): NonNullable<PollResult['installs']> {
  const out: Array<{ email: string; at_unix_ms: number; detail: string }> = [];
  for (const r of ctx.recipients) {
    const record = recipientRecord(ctx.ledger, r.email);
    if (record?.state !== 'invited' || record.release !== release) continue;
    const seen = Date.parse(testers.get(r.email.toLowerCase())?.lastActivityTime ?? '');
    if (Number.isFinite(seen) && seen > record.at_unix_ms) {
      out.push({ email: r.email, at_unix_ms: seen, detail: ACTIVITY_DETAIL });
    }
  }
  return out;
}

/**
 * Status refresh: read the release (invitation/installation counts) and the project's testers, and
 * report an install for each invited recipient whose tester shows activity after the invite.
 */
export async function pollFirebase(ctx: PollContext): Promise<PollResult> {
  const releaseName = ledgerString(ctx.ledger, KEYS.releaseName);
  if (!releaseName) return { installs: [], external_refs: { note: 'nothing uploaded yet' } };
  const target = resolveTarget(ctx);
  try {
    const parsed = parseFirebaseOptions(ctx.options);
    const retry = parsed.ok
      ? parsed.value.retry
      : { max_attempts: 5, base_delay_ms: 500, max_delay_ms: 30_000 };
    const tokens = createTokenSource(ctx.laneId, resolveCredentialSource(ctx));
    const api = new AppDistributionApi(target, tokens, {
      log: ctx.log,
      signal: ctx.signal,
      retry,
      now: ctx.now,
    });
    const release = await api.getRelease(releaseName);
    const testers = await allTesters(api);
    return {
      installs: installs(ctx, testers, releaseName),
      external_refs: {
        release_name: release.name,
        release_display_version: release.displayVersion ?? null,
        open_invitation_count: release.openInvitationCount ?? null,
        accepted_invitation_count: release.acceptedInvitationCount ?? null,
        installation_count: release.installationCount ?? null,
        firebase_console_uri: release.firebaseConsoleUri ?? null,
      },
    };
  } catch (e) {
    throw toAkcError(e, { lane: ctx.laneId, appId: target.appId, projectNumber: target.projectNumber });
  }
}
