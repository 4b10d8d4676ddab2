/** Validate and commit the edit, flipping `changesNotSentForReview` once when the API asks for it. */
import { commitNeedsNotForReview, commitRefusesNotForReview } from './classify';
import type { EditInfo } from './client';
import { KEY } from './ledger-keys';
import { PlayCallError } from './retry';
import type { StepRuntime } from './steps';

/** What the commit did. */
export interface CommitOutcome {
  readonly editId: string;
  readonly response: EditInfo;
  /** True when the changes were committed without being sent for review (a person sends them in the Console). */
  readonly changesNotSentForReview: boolean;
  /** True when the flag differs from what was first tried (the API asked for the other value). */
  readonly flagFlipped: boolean;
}

/**
 * `edits:validate`, then `edits:commit`. The first try uses `changes_not_sent_for_review` when
 * configured, else no flag. Google answers "…set changesNotSentForReview to true" for apps whose
 * changes cannot be sent for review automatically, and "…must not be set" for the others; the
 * commit is then retried once with the flag flipped, as Gradle Play Publisher does.
 */
export async function validateAndCommit(rt: StepRuntime, editId: string): Promise<CommitOutcome> {
  await rt.api.validate(editId);
  const first = rt.job.options.changes_not_sent_for_review ?? false;
  try {
    return {
      editId,
      response: await rt.api.commit(editId, first),
      changesNotSentForReview: first,
      flagFlipped: false,
    };
  } catch (e) {
    if (!(e instanceof PlayCallError)) throw e;
    const flip = first ? commitRefusesNotForReview(e.facts) : commitNeedsNotForReview(e.facts);
    if (!flip) throw e;
    rt.log(`edits.commit: ${e.facts.message} Committing again with changesNotSentForReview=${!first}.`);
    const response = await rt.api.commit(editId, !first);
    return { editId, response, changesNotSentForReview: !first, flagFlipped: true };
  }
}

/** The ledger entry written right after a successful commit. */
export function recordCommit(rt: StepRuntime, outcome: CommitOutcome, receipt: unknown): void {
  rt.ledger.set(KEY.committed, {
    edit_id: outcome.editId,
    sha256: rt.job.artifact.sha256,
    at_unix_ms: rt.nowMs(),
    changes_not_sent_for_review: outcome.changesNotSentForReview,
    response: { ...outcome.response },
    receipt,
  });
}
