/**
 * Split a one-line command (from `AKC_COMPILE_CMD` or `compile.command`) into argv without a
 * shell. Supported: whitespace-separated words, '…' (literal), "…" (where \" \\ \$ \` escape),
 * and \x outside quotes. Not supported, and refused rather than passed on literally: unquoted
 * shell operators and expansions (| & ; < > ( ) $ `), which would need a shell. Globs and `~`
 * are not expanded.
 */

/** Thrown for a command line that cannot be split; the message says why. */
export class CommandLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandLineError';
  }
}

const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`']);
const DQ_ESCAPABLE = new Set(['"', '\\', '$', '`', '\n']);

/**
 * @example splitCommandLine(`python -m akc compile --name "my app"`)
 *   // ['python', '-m', 'akc', 'compile', '--name', 'my app']
 * @throws CommandLineError for an unterminated quote, a trailing backslash or a shell operator.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new CommandLineError("unterminated ' quote");
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      const { text, end } = readDoubleQuoted(line, i + 1);
      word = (word ?? '') + text;
      i = end;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) throw new CommandLineError('trailing backslash');
      if (next !== '\n') word = (word ?? '') + next;
      i++;
    } else if (SHELL_ONLY.has(c)) {
      throw new CommandLineError(`'${c}' needs a shell; quote it, or point the command at a wrapper script`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

function readDoubleQuoted(line: string, from: number): { text: string; end: number } {
  let text = '';
  for (let i = from; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '"') return { text, end: i };
    const next = line[i + 1];
    if (c === '\\' && next !== undefined && DQ_ESCAPABLE.has(next)) {
      if (next !== '\n') text += next;
      i++;
    } else {
      text += c;
    }
  }
  throw new CommandLineError('unterminated " quote');
}
