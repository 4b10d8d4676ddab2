import { verifyDelivery } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { formatVerify } from '../../format';

export default class Verify extends BaseCommand {
  static override summary =
    'Prove the event and evidence logs are intact (sequence and hash chain) and every file is valid.';
  static override flags = { 'delivery-id': deliveryIdFlag };

  async run() {
    const { flags } = await this.parse(Verify);
    const r = verifyDelivery(this.io(flags), this.projectDir(flags), flags['delivery-id']);
    this.say(formatVerify(r));
    if (!r.ok) {
      if (this.jsonEnabled()) this.logJson(r);
      this.exit(2);
    }
    return r;
  }
}
