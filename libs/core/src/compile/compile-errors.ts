/**
 * The errors of the compile handoff: compile failures (not found, non-zero exit, timeout,
 * cancelled, no run id, bad command line) are ECOMPILE with `reason`; missing or malformed
 * compile artifacts and paths escaping the project are EHANDOFF with `path` and `reason`.
 */
import { akcError, type AkcError } from '../errors/akc-error';
import type { ErrorCode } from '../errors/catalogue';

/** Catalogue code for "compile did not produce a usable run". */
export const COMPILE_ERROR_CODE: ErrorCode = 'ECOMPILE';
/** Catalogue code for "a compile artifact is missing, malformed or outside the project". */
export const HANDOFF_ERROR_CODE: ErrorCode = 'EHANDOFF';

/** Extra, JSON-serialisable facts about a compile failure, kept on the error's `params`. */
export interface CompileErrorDetails {
  command?: string;
  exit_code?: number;
  signal?: string | null;
  output_tail?: string[];
}

/**
 * A compile-stage failure. `reason` is one line meant for people; `details` are for the CLI
 * (for example the output tail it prints to stderr) and for the compile stage record.
 */
export function compileError(reason: string, details: CompileErrorDetails = {}, cause?: unknown): AkcError {
  return akcError(COMPILE_ERROR_CODE, { reason, ...details }, cause);
}

/**
 * A problem with one compile artifact. `relPath` is the project-relative path (or, for paths
 * that escape the project, the path exactly as the manifest wrote it).
 */
export function handoffError(relPath: string, reason: string, cause?: unknown): AkcError {
  return akcError(HANDOFF_ERROR_CODE, { path: relPath, reason }, cause);
}
