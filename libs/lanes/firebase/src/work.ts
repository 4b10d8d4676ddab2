import { akcError, type ArtifactFile, type DispatchContext, type DispatchLedger } from '@akc/core';
import type { FirebaseTarget } from './config';
import {
  KEYS,
  groupsDone,
  isInvited,
  ledgerString,
  recordedRelease,
  type ReleaseRecord,
} from './ledger-state';

/** Who this run invites, who it leaves alone, and which groups it still owes. */
export interface Work {
  /** Recipients without android in their platforms. */
  readonly skipped: readonly string[];
  /** Invited to the current release by an earlier run (not re-invited unless resending). */
  readonly already: readonly string[];
  /** To invite in this run. */
  readonly pending: readonly string[];
  /** Group aliases still to distribute to (none on a resend). */
  readonly groups: readonly string[];
}

/** Split the wave's recipients against the ledger for `release` (undefined: nothing uploaded yet). */
export function selectWork(ctx: DispatchContext, target: FirebaseTarget, release: string | undefined): Work {
  const android = ctx.recipients.filter((r) => r.platforms.includes('android')).map((r) => r.email);
  const already = ctx.resend ? [] : android.filter((e) => isInvited(ctx.ledger, e, release));
  const done = release ? new Set(groupsDone(ctx.ledger, release)) : new Set<string>();
  return {
    skipped: ctx.recipients.filter((r) => !r.platforms.includes('android')).map((r) => r.email),
    already,
    pending: android.filter((e) => !already.includes(e)),
    groups: ctx.resend ? [] : target.groups.filter((g) => !done.has(g)),
  };
}

/** The ledger's release, when it was recorded for this app and this binary (else a new upload is due). */
export function resumableRelease(
  ledger: DispatchLedger,
  target: FirebaseTarget,
  artifact: ArtifactFile,
): ReleaseRecord | undefined {
  const app = ledgerString(ledger, KEYS.app);
  const sha = ledgerString(ledger, KEYS.uploadSha256);
  if ((app && app !== target.appName) || (sha && sha !== artifact.sha256)) return undefined;
  return recordedRelease(ledger);
}

/** The `.apk` (preferred: no Play linking needed) or `.aab` the packaging stage produced. */
export function pickArtifact(ctx: DispatchContext): ArtifactFile {
  const files = ctx.artifact.files;
  const file = files.find((f) => f.kind === 'apk') ?? files.find((f) => f.kind === 'aab');
  if (!file) {
    throw akcError('ELANE', {
      lane: ctx.laneId,
      reason: `no .apk or .aab among the packaged files (${files.map((f) => f.kind).join(', ') || 'none'})`,
      hint: 'Package the Android app first (`akc deliver package`), with execution on, so a distributable APK or AAB exists.',
    });
  }
  return file;
}
