import { ERRORS, type ErrorCode } from './catalogue';

/** An expected failure with a stable code, a message, a fix-it hint and an exit code. */
export class AkcError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly exit: 1 | 2;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    const spec = ERRORS[code](params);
    super(spec.message, options);
    this.name = 'AkcError';
    this.code = code;
    this.hint = spec.hint;
    this.exit = spec.exit;
    this.params = params;
  }
}

export function akcError(code: ErrorCode, params: Record<string, unknown> = {}, cause?: unknown): AkcError {
  return new AkcError(code, params, cause === undefined ? undefined : { cause });
}

export function isAkcError(e: unknown): e is AkcError {
  return e instanceof AkcError || (e instanceof Error && e.name === 'AkcError' && 'code' in e);
}
