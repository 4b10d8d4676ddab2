import type { DispatchLedger } from '@akc/core';

/** Ledger keys of this lane (provider_state.json, `lanes["android:beta"].ledger`). */
export const KEYS = {
  app: 'app',
  uploadSha256: 'upload_sha256',
  uploadOperation: 'upload_operation',
  uploadStartedAt: 'upload_started_at_unix_ms',
  releaseName: 'release_name',
  releaseDisplayVersion: 'release_display_version',
  releaseBuildVersion: 'release_build_version',
  uploadResult: 'upload_result',
  notesSet: 'notes_set',
  groupsDistributed: 'groups_distributed',
} as const;

/** Per-recipient ledger value. */
export interface RecipientRecord {
  readonly state: 'invited' | 'failed';
  /** The release the state refers to; an invite to an older release does not count for a new one. */
  readonly release: string;
  /** `projects/<n>/testers/<email>` */
  readonly tester: string;
  readonly at_unix_ms: number;
  readonly detail?: string;
}

/** Groups already distributed to, per release. */
export interface GroupsRecord {
  readonly release: string;
  readonly aliases: readonly string[];
}

/** The release this job produced (or reused), as recorded. */
export interface ReleaseRecord {
  readonly name: string;
  readonly displayVersion?: string;
  readonly buildVersion?: string;
  readonly result?: string;
}

function str(ledger: DispatchLedger, key: string): string | undefined {
  const v = ledger.get<unknown>(key);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The recorded release, when the upload finished in this or an earlier run. */
export function recordedRelease(ledger: DispatchLedger): ReleaseRecord | undefined {
  const name = str(ledger, KEYS.releaseName);
  if (!name) return undefined;
  return {
    name,
    displayVersion: str(ledger, KEYS.releaseDisplayVersion),
    buildVersion: str(ledger, KEYS.releaseBuildVersion),
    result: str(ledger, KEYS.uploadResult),
  };
}

/** Record a finished upload's release (one key per fact, each written before the next call). */
export function recordRelease(ledger: DispatchLedger, r: ReleaseRecord): void {
  ledger.set(KEYS.releaseName, r.name);
  ledger.set(KEYS.releaseDisplayVersion, r.displayVersion ?? null);
  ledger.set(KEYS.releaseBuildVersion, r.buildVersion ?? null);
  ledger.set(KEYS.uploadResult, r.result ?? null);
}

/** Forget the upload and release (a different binary or app, or a failed operation). */
export function clearUpload(ledger: DispatchLedger): void {
  for (const key of [KEYS.uploadOperation, KEYS.uploadSha256, KEYS.releaseName, KEYS.uploadResult]) {
    ledger.set(key, null);
  }
}

/** Read a string ledger key. */
export function ledgerString(ledger: DispatchLedger, key: string): string | undefined {
  return str(ledger, key);
}

/** A recipient's record, when it is well-formed. */
export function recipientRecord(ledger: DispatchLedger, email: string): RecipientRecord | undefined {
  const v = ledger.getRecipient<unknown>(email);
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Partial<RecipientRecord>;
  return typeof r.state === 'string' && typeof r.release === 'string' ? (r as RecipientRecord) : undefined;
}

/** True when the recipient was invited to `release` by an earlier run. */
export function isInvited(ledger: DispatchLedger, email: string, release: string | undefined): boolean {
  const r = recipientRecord(ledger, email);
  return r?.state === 'invited' && release !== undefined && r.release === release;
}

/** Aliases already distributed to for `release`. */
export function groupsDone(ledger: DispatchLedger, release: string): string[] {
  const v = ledger.get<GroupsRecord>(KEYS.groupsDistributed);
  return v && v.release === release && Array.isArray(v.aliases) ? [...v.aliases] : [];
}
