import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { formatPackaging } from '../../format-packaging';
import { packageDelivery } from '../../packaging';
import { packagingModeFlag } from '../../wave-flags';

export default class Package extends BaseCommand {
  static override summary = 'Package (build) every platform of an existing delivery through its build lane.';
  static override flags = {
    'delivery-id': deliveryIdFlag,
    'packaging-mode': packagingModeFlag,
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
