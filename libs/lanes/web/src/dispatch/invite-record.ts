/**
 * What the ledger keeps per recipient (`ledger.recipients[email]`). Only the sha256 of the invite
 * URL is stored: the URL is a bearer secret and never reaches a file.
 */
export type InviteRecord = InvitedByEmail | InvitedByOperator | InviteFailed;

/** Sent by email; `sent_at` is ISO 8601, `message_id` the Message-ID header the server accepted. */
export interface InvitedByEmail {
  readonly state: 'invited';
  readonly channel: 'email';
  readonly url_hash: string;
  readonly expires_at_unix_ms: number;
  readonly sent_at: string;
  readonly message_id: string;
  readonly attempts: number;
  /** 1 for the first invite, +1 for each resend. */
  readonly send_count: number;
}

/** No SMTP configured: the link was shown to the operator once (in `operator_links`). */
export interface InvitedByOperator {
  readonly state: 'invited';
  readonly channel: 'operator';
  readonly url_hash: string;
  readonly expires_at_unix_ms: number;
  readonly listed_at: string;
  readonly send_count: number;
}

/** The last attempt failed; a re-run tries again. `smtp_code` is the server's reply code. */
export interface InviteFailed {
  readonly state: 'failed';
  readonly reason: string;
  readonly smtp_code?: number;
  readonly attempts: number;
  readonly failed_at: string;
  readonly send_count: number;
}

/** Lane-level ledger keys (besides `recipients`). */
export const LEDGER_KEYS = {
  /** `{ url, source }`: the invite base of the last run (a plain base URL, not a signed link). */
  inviteBase: 'invite_base',
  /** Store: `{ production_url, web_build_id, archive_sha256, command, exit_code, duration_ms, published_at }`. */
  published: 'published',
  /** Store with manual submit: `{ web_build_id, production_url, staged_at }`. */
  staged: 'staged',
} as const;

/** Narrow an unknown ledger value to a record that says the recipient was invited. */
export function asInvited(value: unknown): InvitedByEmail | InvitedByOperator | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const rec = value as Partial<InviteRecord>;
  return rec.state === 'invited' && typeof rec.url_hash === 'string'
    ? (rec as InvitedByEmail | InvitedByOperator)
    : undefined;
}

/** How many invites a recipient has been sent so far (0 when never). */
export function sendCount(value: unknown): number {
  const n =
    typeof value === 'object' && value !== null ? (value as { send_count?: unknown }).send_count : undefined;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
}
