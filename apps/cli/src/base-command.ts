import { Command, Flags, type Interfaces } from '@oclif/core';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { akcError, type ControlPlaneIO } from '@akc/core';
import { loadSandboxEnv } from './sandbox/load-env';
import { renderError } from './handle-error';

/**
 * Common flags, the ControlPlaneIO built from the process, and the error boundary. Commands
 * stay thin: parse, call @akc/core, render, return (the return value is the --json output).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    'project-dir': Flags.string({
      description:
        'Project root that holds .akc/ (default: current directory). Accepted before or after the subcommand.',
      env: 'AKC_PROJECT_DIR',
      helpGroup: 'GLOBAL',
    }),
    sandbox: Flags.boolean({
      description:
        'Talk to the local emulators of `akc sandbox start` (merges .akc/sandbox/sandbox.env into the environment; also when AKC_SANDBOX=1).',
      helpGroup: 'GLOBAL',
      default: false,
    }),
  };

  protected projectDir(flags: { 'project-dir'?: string }): string {
    return resolve(flags['project-dir'] ?? process.cwd());
  }

  /**
   * process.env with .akc/sandbox/sandbox.env laid over it under --sandbox or AKC_SANDBOX=1.
   * Sandbox values win, so a real provider key is never mixed with emulator URLs.
   */
  protected env(flags: { 'project-dir'?: string; sandbox?: boolean }): NodeJS.ProcessEnv {
    if (flags.sandbox !== true && process.env.AKC_SANDBOX !== '1') return process.env;
    const vars = loadSandboxEnv(this.projectDir(flags));
    if (!vars) throw akcError('ESANDBOX', { reason: `no sandbox is running for ${this.projectDir(flags)}` });
    return { ...process.env, ...vars };
  }

  protected io(flags: { 'project-dir'?: string; sandbox?: boolean } = {}): ControlPlaneIO {
    return {
      cwd: process.cwd(),
      homeDir: homedir(),
      env: this.env(flags),
      now: () => Date.now(),
      progress: (line) => process.stderr.write(`${line}\n`),
    };
  }

  /** Human output only; silent under --json (oclif prints the returned value instead). */
  protected say(text: string): void {
    if (!this.jsonEnabled()) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  protected override async catch(err: Interfaces.CommandError): Promise<void> {
    const { text, exit } = renderError(err, `akc ${(this.id ?? '').replace(/:/g, ' ')}`.trim());
    if (text) process.stderr.write(text);
    this.exit(exit);
  }
}

export const deliveryIdFlag = Flags.string({
  description: 'The delivery id printed by `akc deliver`.',
  required: true,
});
