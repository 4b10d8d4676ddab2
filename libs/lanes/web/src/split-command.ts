/** Shell operators that only a shell understands; a command holding one is refused, not guessed at. */
const SHELL_OPERATORS = new Set(['&&', '||', '|', ';', '>', '>>', '<', '&']);

/**
 * Split a command string into argv without a shell: whitespace separates words, single and
 * double quotes group them, a backslash escapes the next character outside single quotes.
 * Returns an error string for unbalanced quotes or shell operators (`&&`, `|`, `>`, ...).
 *
 * @example splitCommand('node scripts/build.js --out "my dist"') // ['node', 'scripts/build.js', '--out', 'my dist']
 */
export function splitCommand(text: string): { ok: true; argv: string[] } | { ok: false; error: string } {
  const argv: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word = (word ?? '') + text.charAt(++i);
      else word = (word ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word = word ?? '';
    } else if (ch === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text.charAt(++i);
    } else if (/\s/.test(ch)) {
      if (word !== null) argv.push(word);
      word = null;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote) return { ok: false, error: `unbalanced ${quote} quote` };
  if (word !== null) argv.push(word);
  const op = argv.find((w) => SHELL_OPERATORS.has(w));
  if (op) return { ok: false, error: `'${op}' needs a shell, and commands run without one` };
  return { ok: true, argv };
}

/** A readable one-line form of argv (words with spaces or quotes are JSON-quoted). */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');
}
