import { Flags } from '@oclif/core';
import { getStatus } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { formatStatus } from '../../format';

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
  };

  async run() {
    const { flags } = await this.parse(Status);
    const r = getStatus(this.io(flags), this.projectDir(flags), flags['delivery-id']);
    this.say(formatStatus(r, flags.recipients));
    return r;
  }
}
