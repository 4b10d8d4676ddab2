import { isAkcError } from '@akc/core';

/**
 * The one place that turns a failure into stderr text and an exit code:
 * an expected AkcError prints `akc: <CODE> <message>` and its hint, exit 2 (or its own code);
 * an oclif usage error keeps oclif's message and exit 2; anything else is an internal error,
 * exit 1, with no stack trace unless AKC_DEBUG=1.
 */
export function renderError(err: unknown, prefix: string): { text: string; exit: number } {
  if (isAkcError(err)) {
    return { text: `${prefix}: ${err.code} ${err.message}\n  fix: ${err.hint}\n`, exit: err.exit };
  }
  const e = err as { message?: string; oclif?: { exit?: number }; code?: string; stack?: string };
  if (e?.oclif && typeof e.oclif.exit === 'number') {
    // this.exit() after an error was already printed, or a clean exit.
    if (e.code === 'EEXIT' || e.oclif.exit === 0) return { text: '', exit: e.oclif.exit };
    return {
      text: `${prefix}: EUSAGE ${e.message ?? 'invalid usage'}\n  fix: see \`${prefix} --help\`\n`,
      exit: 2,
    };
  }
  const debug = process.env.AKC_DEBUG === '1';
  const detail = debug && e?.stack ? `\n${e.stack}` : '';
  return {
    text: `${prefix}: EINTERNAL unexpected failure: ${e?.message ?? String(err)}${detail}\n  fix: please report this with the command you ran (AKC_DEBUG=1 shows details)\n`,
    exit: 1,
  };
}

export function handleFatal(err: unknown): void {
  const { text, exit } = renderError(err, 'akc');
  if (text) process.stderr.write(text);
  process.exitCode = exit;
}
