import { Flags } from '@oclif/core';
import { passHumanGate } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';

export default class GatePass extends BaseCommand {
  static override summary = 'Pass the human readiness gate after a successful beta wave (release mode both).';
  static override flags = {
    'delivery-id': deliveryIdFlag,
    note: Flags.string({
      description: 'Why the beta is good enough for the stores (kept in the session and the event).',
    }),
  };

  async run() {
    const { flags } = await this.parse(GatePass);
    const r = passHumanGate(this.io(flags), this.projectDir(flags), flags['delivery-id'], flags.note);
    this.say(
      r.already_passed
        ? 'the human readiness gate had already passed; nothing changed'
        : 'human readiness gate passed; store promotion is now allowed',
    );
    return r;
  }
}
