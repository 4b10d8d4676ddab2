import { akcError } from '@akc/core';
import { BaseCommand } from '../../base-command';
import { waitForForeground } from '../../sandbox/daemon';
import { formatStart } from '../../sandbox/format';
import { startSandbox } from '../../sandbox/lifecycle';
import { portsProblem, sandboxStartFlags } from '../../sandbox/start-flags';

export default class SandboxStart extends BaseCommand {
  static override summary =
    'Run every provider emulator locally, with throw-away credentials and an env file.';
  static override description =
    'Starts App Store Connect, Google Play, Firebase App Distribution, Google OAuth and SMTP emulators on 127.0.0.1 ' +
    'in a background daemon, seeds an App Store Connect app with a TestFlight group, a Play app and a Firebase app, and ' +
    'writes .akc/sandbox/: credentials/ (an ES256 .p8 key and a service-account JSON, mode 0600, reused by the next ' +
    'start), sandbox.env (KEY=value lines with the URLs, ids and absolute credential paths) and state.json. ' +
    'Use it with `set -a; . .akc/sandbox/sandbox.env; set +a` or `akc deliver ... --sandbox`. ' +
    'If a sandbox already runs for the project it is reported and nothing is started; files left by a dead one are cleaned.';
  static override examples = [
    '<%= config.bin %> sandbox start',
    '<%= config.bin %> sandbox start --bundle-id com.example.notes --package-name com.example.notes',
    '<%= config.bin %> sandbox start --ports asc=4010,play=4011,firebase=4012,oauth=4013,smtp=4025 --json',
    '<%= config.bin %> sandbox start --foreground',
  ];
  static override flags = sandboxStartFlags;

  async run() {
    const { flags } = await this.parse(SandboxStart);
    const problem = portsProblem(flags.ports);
    if (problem) this.error(problem, { exit: 2 });
    const args = {
      projectDir: this.projectDir(flags),
      bundleId: flags['bundle-id'],
      packageName: flags['package-name'],
      firebaseAppId: flags['firebase-app-id'],
      betaGroup: flags['beta-group'],
      ports: flags.ports,
    };
    const { result, child } = await startSandbox(args, flags.foreground);
    this.say(formatStart(result, process.cwd(), child !== undefined));
    if (child) {
      const code = await waitForForeground(child);
      if (code !== 0) throw akcError('EINTERNAL', { reason: `the sandbox daemon exited with code ${code}` });
    }
    return result;
  }
}
