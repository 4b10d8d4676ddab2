import { Flags } from '@oclif/core';
import { requestResend } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';

export default class Resend extends BaseCommand {
  static override summary =
    "Request a new invite for one named recipient (re-sent through that recipient's lanes).";
  static override flags = {
    'delivery-id': deliveryIdFlag,
    recipient: Flags.string({
      description: 'The recipient e-mail (must be on the delivery).',
      required: true,
    }),
  };

  async run() {
    const { flags } = await this.parse(Resend);
    const r = requestResend(this.io(flags), this.projectDir(flags), flags['delivery-id'], flags.recipient);
    this.say(
      `resend requested for ${String(r.event.payload.recipient)} (request #${r.resend_count}, event ${r.event.seq})`,
    );
    return r;
  }
}
