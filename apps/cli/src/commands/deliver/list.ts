import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command';
import { formatList, listDeliveries, type ListResult } from '../../ops-list';

export default class List extends BaseCommand {
  static override summary = 'List deliveries, newest first, from the tenant operations index.';
  static override description =
    'In a scoped project (.akc/project.json with outputs_root, run from <outputs_root>/<tenant>/<repo>) this reads ' +
    "the tenant's operations index; otherwise it scans this project's .akc/delivery folders. The output names the source.";
  static override examples = [
    '<%= config.bin %> deliver list --phase distributing --since 2026-05-01',
    '<%= config.bin %> deliver list --all-repos --mode both --limit 200 --json',
  ];
  static override flags = {
    phase: Flags.string({ description: 'Only deliveries in this session phase (e.g. distributing).' }),
    mode: Flags.string({ description: 'Only this release mode.', options: ['beta', 'store', 'both'] }),
    since: Flags.string({ description: 'Updated at or after: ISO date/date-time or unix ms.' }),
    until: Flags.string({ description: 'Updated at or before (a date includes the whole day, UTC).' }),
    limit: Flags.integer({ description: 'At most this many rows.', default: 50, min: 1, max: 500 }),
    'all-repos': Flags.boolean({
      description: 'Every repo of the tenant (scoped projects only).',
      default: false,
    }),
  };

  async run(): Promise<ListResult> {
    const { flags } = await this.parse(List);
    const ops = this.opsSync(flags);
    const r = await listDeliveries(this.projectDir(flags), ops.resolution, {
      ...flags,
      allRepos: flags['all-repos'],
    });
    this.say(formatList(r));
    return r;
  }
}
