import type { RecipientDispatch } from '@akc/core';

/** The outcome of an invite pass, before any store-specific status. */
export type InviteStatus = 'completed' | 'partial' | 'failed';

/**
 * `completed` when no recipient failed; `failed` when some failed and none is invited (now or
 * before); otherwise `partial`.
 */
export function inviteStatus(recipients: Readonly<Record<string, RecipientDispatch>>): InviteStatus {
  const states = Object.values(recipients).map((r) => r.state);
  if (!states.includes('failed')) return 'completed';
  return states.some((s) => s === 'invited' || s === 'already_invited') ? 'partial' : 'failed';
}

/** A one-line summary of the failures, for the receipt's `error`. */
export function failureSummary(recipients: Readonly<Record<string, RecipientDispatch>>): string | undefined {
  const failed = Object.entries(recipients).filter(([, r]) => r.state === 'failed');
  if (failed.length === 0) return undefined;
  const first = failed[0];
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
  return `${failed.length} invite(s) failed: ${first?.[0]}: ${first?.[1].detail ?? 'unknown error'}${more}`;
}
