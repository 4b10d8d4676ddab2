/** One tool run: exact argv (no shell), working folder, and the variables added to the lane's env. */
export interface ToolStep {
  readonly tool: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/** `argv` as one display line, quoting arguments that need it. Display only: nothing runs through a shell. */
export function renderCommand(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
