import { Flags } from '@oclif/core';
import { getStatus, requestResend } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { distribute, executionEnabled, formatWave } from '../../distribution';
import { waveFlags } from '../../wave-flags';

export default class Resend extends BaseCommand {
  static override summary = "Re-send one named recipient's invite through their lanes.";
  static override description =
    'Records the request, then (once the delivery is packaged) runs the invite lane for just this recipient: a new signed web link, a new TestFlight invitation, a new Firebase distribution.';
  static override flags = {
    'delivery-id': deliveryIdFlag,
    recipient: Flags.string({
      description: 'The recipient e-mail (must be on the delivery).',
      required: true,
    }),
    ...waveFlags,
  };

  async run() {
    const { flags } = await this.parse(Resend);
    const io = this.io(flags);
    const r = requestResend(io, this.projectDir(flags), flags['delivery-id'], flags.recipient);
    const email = String(r.event.payload.recipient);
    this.say(`resend requested for ${email} (request #${r.resend_count}, event ${r.event.seq})`);
    const s = getStatus(io, this.projectDir(flags), flags['delivery-id']).session;
    if (s.pipeline.package.status !== 'completed') {
      this.say('not packaged yet: the invite goes out with the first wave');
      return { ok: true, event: r.event, resend_count: r.resend_count, distribution: null };
    }
    const lane = s.release_mode === 'store' ? 'store' : 'beta';
    const wave = await distribute(io, this.projectDir(flags), flags['delivery-id'], lane, {
      execute: executionEnabled(flags.execute, io.env),
      storeSubmit: flags['store-submit'] as 'auto' | 'manual',
      resendTo: email,
    });
    this.say(formatWave(wave));
    const out = { ok: wave.ok, event: r.event, resend_count: r.resend_count, distribution: wave };
    if (!wave.ok) {
      if (this.jsonEnabled()) this.logJson(out);
      this.exit(2);
    }
    return out;
  }
}
