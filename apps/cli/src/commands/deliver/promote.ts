import { Flags } from '@oclif/core';
import { requestPromotion } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';

export default class Promote extends BaseCommand {
  static override summary =
    'Promote a delivery to a lane (store: after packaging and, in both mode, the gate).';
  static override flags = {
    'delivery-id': deliveryIdFlag,
    lane: Flags.string({ description: 'beta or store.', options: ['beta', 'store'], required: true }),
  };

  async run() {
    const { flags } = await this.parse(Promote);
    const r = requestPromotion(
      this.io(flags),
      this.projectDir(flags),
      flags['delivery-id'],
      flags.lane as 'beta' | 'store',
    );
    this.say(`promotion to ${flags.lane} recorded (event ${r.event.seq})`);
    return r;
  }
}
