import type { ArtifactFile, DispatchContext, PlannedCall } from '@akc/core';
import type { FirebaseTarget } from './config';
import { batches } from './distribute-step';
import { KEYS, ledgerString, type ReleaseRecord } from './ledger-state';
import { releaseNotes } from './notes-step';
import type { FirebaseLaneOptions } from './options';
import type { Work } from './work';

/** Everything the plan is computed from. */
export interface PlanInput {
  readonly ctx: DispatchContext;
  readonly target: FirebaseTarget;
  readonly options: FirebaseLaneOptions;
  readonly artifact: ArtifactFile;
  readonly work: Work;
  /** The release a resumed run would reuse, if the ledger has one. */
  readonly release?: ReleaseRecord;
}

function uploadCalls({ ctx, target, options, artifact }: PlanInput): PlannedCall[] {
  const v1 = `${target.rootUrl}v1/`;
  const recorded = ledgerString(ctx.ledger, KEYS.uploadOperation);
  const operation = recorded ?? `${target.appName}/releases/-/operations/${artifact.sha256}`;
  const calls: PlannedCall[] = [];
  if (!recorded && artifact.kind === 'aab') {
    calls.push({
      method: 'GET',
      endpoint: `${v1}${target.appName}/aabInfo`,
      purpose: 'check the Play integration AABs need',
    });
  }
  if (!recorded) {
    calls.push({
      method: 'POST',
      endpoint: `${target.rootUrl}upload/v1/${target.appName}/releases:upload`,
      purpose: `stream ${artifact.path} (${artifact.bytes} bytes, sha256 ${artifact.sha256}) as a raw upload`,
    });
  }
  calls.push({
    method: 'GET',
    endpoint: `${v1}${operation}`,
    purpose: `poll the upload operation until done (at most ${options.max_wait_ms} ms, then resumable)`,
  });
  return calls;
}

function describeBatch(emails: readonly string[], aliases: readonly string[]): string {
  const who = emails.length > 0 ? `${emails.length} e-mail(s) (${emails.join(', ')})` : 'no e-mails';
  return `distribute to ${who}${aliases.length > 0 ? ` and groups ${aliases.join(', ')}` : ''}`;
}

/** The exact provider calls an executed dispatch would make now (given the ledger). */
export function plannedCalls(input: PlanInput): PlannedCall[] {
  const { ctx, target, options, work, release } = input;
  const releaseName = release?.name ?? '{release from the upload}';
  const calls: PlannedCall[] = [];
  if (!release) calls.push(...uploadCalls(input));
  if (!release || ledgerString(ctx.ledger, KEYS.notesSet) !== release.name) {
    calls.push({
      method: 'PATCH',
      endpoint: `${target.rootUrl}v1/${releaseName}?updateMask=release_notes.text`,
      purpose: `set release notes "${releaseNotes(options, ctx.delivery)}"`,
    });
  }
  for (const b of batches(work.pending, work.groups)) {
    calls.push({
      method: 'POST',
      endpoint: `${target.rootUrl}v1/${releaseName}:distribute`,
      purpose: describeBatch(b.emails, b.aliases),
    });
  }
  if (calls.length === 0) return [];
  const token: PlannedCall = {
    method: 'POST',
    endpoint: ctx.env['AKC_GOOGLE_TOKEN_URI'] ?? 'token_uri of GOOGLE_APPLICATION_CREDENTIALS',
    purpose: 'exchange the service-account JWT for a cloud-platform access token',
  };
  return [token, ...calls];
}
