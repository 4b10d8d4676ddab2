import { Flags } from '@oclif/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { formatPackaging } from '../../format-packaging';
import { packageDelivery } from '../../packaging';

export default class Package extends BaseCommand {
  static override summary = 'Package (build) every platform of an existing delivery through its build lane.';
  static override flags = {
    'delivery-id': deliveryIdFlag,
    'packaging-mode': Flags.string({
      description:
        'auto: build, falling back to a plan where prerequisites are missing; plan: write the plan only; execute: build or fail.',
      options: ['auto', 'plan', 'execute'],
      default: 'auto',
    }),
  };

  async run() {
    const { flags } = await this.parse(Package);
    const r = await packageDelivery(
      this.io(flags),
      this.projectDir(flags),
      flags['delivery-id'],
      flags['packaging-mode'] as 'auto' | 'plan' | 'execute',
    );
    this.say(formatPackaging(r));
    if (!r.ok) {
      if (this.jsonEnabled()) this.logJson(r);
      this.exit(2);
    }
    return r;
  }
}
