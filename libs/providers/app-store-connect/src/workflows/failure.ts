/**
 * Plain-data failures of the App Store Connect workflows. The workflows never build a caller's
 * error type themselves: they describe the failure (reason, fix-it hint, resumable) and hand it to
 * the caller's {@link FailureFactory}, so a lane can turn it into its own error in one line.
 */

/** What went wrong and how to fix it, without secrets. */
export interface AscFailure {
  readonly reason: string;
  readonly hint: string;
  /** Present (true) when running again resumes where this run stopped. */
  readonly resumable?: true;
}

/** Turns a failure into the error the caller throws (e.g. a lane's ELANE error). */
export type FailureFactory = (failure: AscFailure) => Error;

/** The error thrown when no {@link FailureFactory} is given. */
export class AscWorkflowError extends Error {
  constructor(readonly failure: AscFailure) {
    super(failure.reason);
    this.name = 'AscWorkflowError';
  }
}

/** The default {@link FailureFactory}: an {@link AscWorkflowError}. */
export const workflowError: FailureFactory = (failure) => new AscWorkflowError(failure);

/**
 * Durable key-value memory of what was already done at App Store Connect (a lane passes its
 * dispatch ledger). Keys written by the workflows: `app_id`, `upload_started`, `upload_id`,
 * `upload_failed`, `build_id`, `build_state`, `export_compliance`.
 */
export interface WorkflowState {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** The entries named by `keys` that are set (e.g. for a receipt's `external_refs`). */
export function refsFromState(state: WorkflowState, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = state.get(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** `message (fix: hint)` for receipts and recipient details. */
export function describeWithFix(e: { readonly message: string; readonly hint: string }): string {
  return `${e.message} (fix: ${e.hint})`;
}
