import { BaseCommand } from '../../base-command';
import { formatReindex, reindexTenant, type ReindexResult } from '../../ops-list';

export default class Reindex extends BaseCommand {
  static override summary = "Rebuild the tenant's operations index from every repo's delivery files.";
  static override description =
    "Reads <outputs_root>/<tenant>/*/.akc/delivery/* and replaces all of the tenant's rows in one transaction; " +
    'deliveries whose files cannot be read are reported and left out. Needs a scoped project.';
  static override examples = ['<%= config.bin %> deliver reindex --project-dir /srv/out/acme/web'];

  async run(): Promise<ReindexResult> {
    const { flags } = await this.parse(Reindex);
    const r = await reindexTenant(this.opsSync(flags).resolution);
    this.say(formatReindex(r));
    return r;
  }
}
