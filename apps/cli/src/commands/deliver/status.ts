import { Flags } from '@oclif/core';
import { getStatus } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { formatStatus } from '../../format';
import { refresh } from '../../distribution';

export default class Status extends BaseCommand {
  static override summary = 'Show a delivery: phase, lanes, recipients and funnel metrics.';
  static override examples = [
    '<%= config.bin %> deliver status --delivery-id 891d6984-2347-43f6-b888-ca1dd6221ac0 --recipients',
  ];
  static override flags = {
    'delivery-id': deliveryIdFlag,
    recipients: Flags.boolean({
      description: 'List every recipient with its proofs (P = provider, A = app).',
      default: false,
    }),
    refresh: Flags.boolean({
      description:
        'First ask the providers for store review and tester install state and record it as evidence.',
      default: false,
    }),
  };

  async run() {
    const { flags } = await this.parse(Status);
    const io = this.io(flags);
    const refreshed = flags.refresh ? await refresh(io, this.projectDir(flags), flags['delivery-id']) : null;
    for (const p of refreshed?.polled ?? []) {
      this.say(
        `refreshed ${p.job}: ${p.ok ? `store ${p.store_state ?? 'n/a'}, ${p.installs} install(s)` : `failed: ${p.error}`}`,
      );
    }
    const r = getStatus(io, this.projectDir(flags), flags['delivery-id']);
    this.say(formatStatus(r, flags.recipients));
    return refreshed ? { ...r, refresh: refreshed } : r;
  }
}
