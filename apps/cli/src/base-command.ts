import { Command, Flags, type Interfaces } from '@oclif/core';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { akcError, type ControlPlaneIO } from '@akc/core';
import { loadSandboxEnv } from './sandbox/load-env';
import { renderError } from './handle-error';
import { OpsSync, withAudit } from './ops-index';

/** Flags `io()` reads; `delivery-id`, when a command has it, marks the delivery to sync. */
type IOFlags = { 'project-dir'?: string; sandbox?: boolean; 'delivery-id'?: string };

/**
 * Common flags, the ControlPlaneIO built from the process, and the error boundary. Commands
 * stay thin: parse, call @akc/core, render, return (the return value is the --json output).
 *
 * Operations index and control audit (spec 12): `io()` first resolves the project's scope, so a
 * malformed `.akc/project.json` is a clear error before anything changes; in a scoped project
 * the IO carries the audit hook, and when the command ends (success or failure) the row of every
 * delivery it touched (`--delivery-id`, or {@link touchDelivery}) is synced once.
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

  protected io(flags: IOFlags = {}): ControlPlaneIO {
    const env = this.env(flags);
    const ops = this.opsSync(flags, env);
    if (flags['delivery-id']) ops.touch(flags['delivery-id']);
    return withAudit(
      {
        cwd: process.cwd(),
        homeDir: homedir(),
        env,
        now: () => Date.now(),
        progress: (line) => process.stderr.write(`${line}\n`),
      },
      ops,
    );
  }

  private ops: OpsSync | undefined;

  /**
   * The project's link to the operations index, resolved once per command.
   * @throws AkcError EPROJECTCONFIG for a malformed project config.
   */
  protected opsSync(flags: IOFlags = {}, env: NodeJS.ProcessEnv = this.env(flags)): OpsSync {
    this.ops ??= OpsSync.open(this.projectDir(flags), { env });
    return this.ops;
  }

  /** Sync this delivery's index row when the command ends (for ids not given as --delivery-id). */
  protected touchDelivery(deliveryId: string): void {
    this.ops?.touch(deliveryId);
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    await this.ops?.flush();
    return super.finally(err);
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
