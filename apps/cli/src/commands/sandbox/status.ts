import { BaseCommand } from '../../base-command';
import { formatStatus } from '../../sandbox/format';
import { sandboxStatus } from '../../sandbox/lifecycle';

export default class SandboxStatus extends BaseCommand {
  static override summary = "Show whether the project's sandbox runs, its URLs and uptime.";
  static override description =
    'Running means the daemon process is alive and every emulator answers GET /__control/health. ' +
    'Exits 0 either way; with --json prints {running, pid, urls, env_file, started_at, uptime_seconds} (null fields when stopped).';
  static override examples = ['<%= config.bin %> sandbox status', '<%= config.bin %> sandbox status --json'];

  async run() {
    const { flags } = await this.parse(SandboxStatus);
    const { result, condition, pid } = await sandboxStatus(this.projectDir(flags), Date.now());
    this.say(formatStatus(result, condition, pid, process.cwd()));
    return result;
  }
}
