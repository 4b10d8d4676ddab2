import { Command, Flags, type Interfaces } from '@oclif/core';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { ControlPlaneIO } from '@akc/core';
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
  };

  protected projectDir(flags: { 'project-dir'?: string }): string {
    return resolve(flags['project-dir'] ?? process.cwd());
  }

  protected io(): ControlPlaneIO {
    return {
      cwd: process.cwd(),
      homeDir: homedir(),
      env: process.env,
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
