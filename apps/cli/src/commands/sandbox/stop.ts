import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command';
import { formatStop } from '../../sandbox/format';
import { stopSandbox } from '../../sandbox/lifecycle';

export default class SandboxStop extends BaseCommand {
  static override summary = "Stop the project's sandbox.";
  static override description =
    'Sends SIGTERM, waits for the daemon to close every emulator and remove state.json and sandbox.env, and sends ' +
    'SIGKILL only if that takes too long. Stopping a stopped sandbox is fine (exit 0). Credentials are kept for the ' +
    'next start unless --purge.';
  static override examples = [
    '<%= config.bin %> sandbox stop',
    '<%= config.bin %> sandbox stop --purge --json',
  ];
  static override flags = {
    purge: Flags.boolean({
      description: 'Also delete .akc/sandbox/credentials/ (the throw-away keys).',
      default: false,
    }),
  };

  async run() {
    const { flags } = await this.parse(SandboxStop);
    const result = await stopSandbox(this.projectDir(flags), flags.purge);
    this.say(formatStop(result));
    return result;
  }
}
