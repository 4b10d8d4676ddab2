import { readFileSync } from 'node:fs';
import { akcError } from '@akc/core';
import { sandboxPaths } from './layout';

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BARE = /[A-Za-z0-9_./:@%+,=-]/;

/**
 * Reads `<projectDir>/.akc/sandbox/sandbox.env`: null when there is none (no sandbox running).
 *
 * The grammar is the small, unambiguous subset of POSIX sh the daemon writes, so `. sandbox.env` and
 * this parser agree byte for byte: blank lines, `#` comment lines, and `KEY=value` where the value is
 * a sequence of safe bare characters, `'single-quoted'` runs and `\'`. Anything else (spaces, `$`,
 * double quotes, `export`, duplicate keys) is refused rather than guessed at.
 *
 * @throws AkcError EJSON naming the file and line when the file is not in that form.
 */
export function loadSandboxEnv(projectDir: string): Record<string, string> | null {
  const file = sandboxPaths(projectDir).envFile;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseSandboxEnv(text, file);
}

/** Parses env-file text (see {@link loadSandboxEnv}); `file` only names the source in errors. */
export function parseSandboxEnv(text: string, file = 'sandbox.env'): Record<string, string> {
  const vars: Record<string, string> = {};
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const fail = (reason: string) =>
      akcError('EJSON', {
        what: `sandbox env file ${file}`,
        reason: `line ${index + 1}: ${reason}`,
        hint: 'The file is written by `akc sandbox start`; restart the sandbox (`akc sandbox stop`, then `akc sandbox start`).',
      });
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (eq < 0 || !KEY.test(key)) throw fail('expected KEY=value');
    if (Object.hasOwn(vars, key)) throw fail(`duplicate ${key}`);
    const value = parseValue(line.slice(eq + 1));
    if (typeof value !== 'string') throw fail(`${key}: ${value.error}`);
    vars[key] = value;
  });
  return vars;
}

function parseValue(raw: string): string | { error: string } {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw.charAt(i);
    if (c === "'") {
      const end = raw.indexOf("'", i + 1);
      if (end < 0) return { error: 'unterminated single quote' };
      out += raw.slice(i + 1, end);
      i = end + 1;
    } else if (c === '\\' && raw.charAt(i + 1) === "'") {
      out += "'";
      i += 2;
    } else if (BARE.test(c)) {
      out += c;
      i += 1;
    } else {
      return { error: `unexpected character ${JSON.stringify(c)} at column ${i + 1} (quote the value)` };
    }
  }
  return out;
}
