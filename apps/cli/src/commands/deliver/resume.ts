import { Flags } from '@oclif/core';
import { getStatus } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { distribute, executionEnabled, formatWave } from '../../distribution';
import { waveFlags } from '../../wave-flags';

export default class Resume extends BaseCommand {
  static override summary =
    'Resume the current distribution wave after a crash, a kill or a provider failure.';
  static override description =
    'Re-runs the wave from its ledger: uploads, edits and invitations already done are not repeated. Without --lane it resumes the store wave once a store promotion was requested, else the beta wave.';
  static override flags = {
    'delivery-id': deliveryIdFlag,
    lane: Flags.string({
      description: 'beta or store (default: the current wave).',
      options: ['beta', 'store'],
    }),
    ...waveFlags,
  };

  async run() {
    const { flags } = await this.parse(Resume);
    const io = this.io(flags);
    const s = getStatus(io, this.projectDir(flags), flags['delivery-id']).session;
    const lane = (flags.lane ??
      (s.release_mode === 'store' || s.store_release.status !== 'not_started' ? 'store' : 'beta')) as
      'beta' | 'store';
    const wave = await distribute(io, this.projectDir(flags), flags['delivery-id'], lane, {
      execute: executionEnabled(flags.execute, io.env),
      storeSubmit: flags['store-submit'] as 'auto' | 'manual',
    });
    this.say(formatWave(wave));
    if (!wave.ok) {
      if (this.jsonEnabled()) this.logJson(wave);
      this.exit(2);
    }
    return wave;
  }
}
