/**
 * The distribution half of the lane contract: `dispatch` takes a packaged artifact to named
 * recipients through a provider, resumably. Added to LanePlugin as an optional step.
 */
import type { Lane } from '../schemas/common';
import type { ArtifactFile, LaneContext, LaneRecipient } from './contract';

/** The packaged output a distribution lane works from (only distribution-ready outputs reach it). */
export interface DispatchArtifact {
  readonly platform: 'web' | 'ios' | 'android';
  readonly files: readonly ArtifactFile[];
  /** Web: where the build lane deployed the bundle, if it did. */
  readonly hostingUrl: string | null;
  /** Build numbers the artifact carries (ios_build_number, android_version_code, ...). */
  readonly versions: Readonly<Record<string, unknown>>;
}

/**
 * Durable, per-job memory of what was already done at the provider (upload ids, edit ids,
 * release names, tester ids, per-recipient invite state). Every `set` is written to
 * provider_state.json before it returns, so a crash right after a provider call loses nothing:
 * re-running the wave reads the ledger and continues instead of uploading or inviting twice.
 */
export interface DispatchLedger {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  /** Per-recipient state (e.g. 'invited', a provider tester id). */
  getRecipient<T = unknown>(email: string): T | undefined;
  setRecipient(email: string, value: unknown): void;
}

/** Signs per-recipient invite links with the delivery's key; the key itself never leaves core. */
export interface InviteIssuer {
  /**
   * A signed, expiring link for `tokenId` under `baseUrl`; it carries the recipient's activation
   * credential (`akc_act`), also returned as `activationToken`.
   */
  link(
    baseUrl: string,
    tokenId: string,
  ): { url: string; urlHash: string; expiresAtUnixMs: number; activationToken: string };
}

/** One provider call a dry run would make (method, endpoint, why). */
export interface PlannedCall {
  readonly method: string;
  readonly endpoint: string;
  readonly purpose: string;
}

export interface DispatchContext<O = object> extends LaneContext<O> {
  readonly lane: Lane;
  readonly artifact: DispatchArtifact;
  /** The recipients this wave targets (all of the platform's recipients, or one for a resend). */
  readonly recipients: readonly LaneRecipient[];
  /** False: a dry run. The lane must not call the provider; it returns the calls it would make. */
  readonly execute: boolean;
  /** Store lanes: submit for review automatically, or stage the build and version for a person. */
  readonly storeSubmit: 'auto' | 'manual';
  readonly ledger: DispatchLedger;
  readonly invites: InviteIssuer;
  /** A resend: deliver again to these recipients even when the ledger says they were invited. */
  readonly resend: boolean;
}

export type RecipientDispatchState = 'invited' | 'already_invited' | 'planned' | 'failed' | 'skipped';

export interface RecipientDispatch {
  readonly state: RecipientDispatchState;
  readonly detail?: string;
  /** Web: sha256 of the invite URL (the URL is a bearer secret and is never stored). */
  readonly invite_url_hash?: string;
  readonly provider_id?: string;
}

/**
 * What a dispatch did. Recorded in session.json and provider_state.json before anything else
 * happens. `operator_links` (web invites without an email transport) are shown to the operator
 * once and never persisted.
 */
export interface DispatchReceipt {
  readonly status: 'completed' | 'partial' | 'failed' | 'dry_run' | 'submitted' | 'staged';
  readonly ok: boolean;
  readonly recipients: Readonly<Record<string, RecipientDispatch>>;
  readonly external_refs: Readonly<Record<string, unknown>>;
  /** Store lanes: true only when the provider confirmed a review submission (or a staged manual release). */
  readonly submitted?: boolean;
  readonly planned_calls?: readonly PlannedCall[];
  readonly error?: string;
  readonly error_code?: string;
  readonly operator_links?: ReadonlyArray<{ readonly email: string; readonly url: string }>;
}

/** What a status refresh learned from the provider. */
export interface PollResult {
  /** Store review state, when this is a store lane. */
  readonly store_state?: 'in_review' | 'approved' | 'live' | 'rejected' | 'processing' | 'unknown';
  /** Provider install evidence per recipient. */
  readonly installs?: ReadonlyArray<{
    readonly email: string;
    readonly at_unix_ms: number;
    readonly detail?: string;
  }>;
  readonly external_refs?: Readonly<Record<string, unknown>>;
}

export type PollContext<O = object> = Omit<DispatchContext<O>, 'execute' | 'resend' | 'storeSubmit'>;
