import { buildLaneRegistry, readLaneConfig } from '@akc/core';
import { BaseCommand } from '../../base-command';
import { BUILTIN_LANES } from '../../builtin-lanes';

export default class Lanes extends BaseCommand {
  static override summary =
    'List the registered lanes, where each comes from, and any lane that failed to load.';
  static override description =
    'Built-in lanes, plus third-party lane packages named in .akc/config.json ("lanes": {"plugins": [...]}) or the "akc.lanes" key of package.json, resolved from the project.';

  async run() {
    const { flags } = await this.parse(Lanes);
    const projectDir = this.projectDir(flags);
    const config = readLaneConfig(projectDir);
    const registry = await buildLaneRegistry({ projectDir, builtins: BUILTIN_LANES, config });
    const lanes = registry.list().map(({ plugin, source, replaced }) => ({
      id: plugin.id,
      kind: plugin.kind,
      platform: plugin.platform,
      version: plugin.version,
      steps: (['preflight', 'package'] as const).filter((s) => typeof plugin[s] === 'function'),
      origin: source.origin,
      path: source.path ?? null,
      replaces: replaced?.origin ?? null,
      description: plugin.description,
    }));
    const problems = [...registry.problems()];
    for (const l of lanes) {
      this.say(
        `${l.id.padEnd(14)} ${l.kind.padEnd(12)} ${l.version.padEnd(8)} ${l.origin}${l.replaces ? ` (replaces ${l.replaces})` : ''}  [${l.steps.join(', ')}]  ${l.description}`,
      );
    }
    for (const p of problems) this.say(`FAILED ${p.laneId ?? '?'} from ${p.origin}: ${p.reason}`);
    return { config_file: config.file, lanes, problems };
  }
}
