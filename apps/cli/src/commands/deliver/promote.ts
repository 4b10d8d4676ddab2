import { Flags } from '@oclif/core';
import { requestPromotion } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { distribute, executionEnabled, formatWave } from '../../distribution';
import { waveFlags } from '../../wave-flags';

export default class Promote extends BaseCommand {
  static override summary = 'Run a wave: store (after packaging and, in both mode, the gate) or beta again.';
  static override description =
    'Checks the guards, records the promotion, then dispatches every platform of the lane. Re-running a wave resumes it: the ledger in provider_state.json means nothing is uploaded or invited twice.';
  static override flags = {
    'delivery-id': deliveryIdFlag,
    lane: Flags.string({ description: 'beta or store.', options: ['beta', 'store'], required: true }),
    ...waveFlags,
  };

  async run() {
    const { flags } = await this.parse(Promote);
    const io = this.io(flags);
    const lane = flags.lane as 'beta' | 'store';
    const r = requestPromotion(io, this.projectDir(flags), flags['delivery-id'], lane);
    this.say(`promotion to ${lane} recorded (event ${r.event.seq})`);
    const wave = await distribute(io, this.projectDir(flags), flags['delivery-id'], lane, {
      execute: executionEnabled(flags.execute, io.env),
      storeSubmit: flags['store-submit'] as 'auto' | 'manual',
    });
    this.say(formatWave(wave));
    const out = { ok: wave.ok, event: r.event, distribution: wave };
    if (!wave.ok) {
      if (this.jsonEnabled()) this.logJson(out);
      this.exit(2);
    }
    return out;
  }
}
