import type { ChildProcess } from 'node:child_process';

// Starting `akc deliver serve` and reading invite mails, shared with `npm run demo` and the bench
// (plain JS in tools/).
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
export const serveProcess = require('../../../tools/serve-process.js') as {
  startServe(opts: {
    cwd?: string;
    env: NodeJS.ProcessEnv;
    args?: string[];
    stderr?: 'ignore' | 'pipe' | 'inherit';
  }): Promise<{ child: ChildProcess; url: string; port: number }>;
  exited(child: ChildProcess): Promise<number | null>;
  invitesFromSink(smtpControlUrl: string): Promise<Map<string, string>>;
};
