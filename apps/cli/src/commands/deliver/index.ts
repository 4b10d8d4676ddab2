import { Flags } from '@oclif/core';
import { submitDelivery } from '@akc/core';
import { BaseCommand } from '../../base-command';
import { formatSubmit } from '../../format';

export default class Deliver extends BaseCommand {
  static override summary = 'Create a delivery: ship this app to these named people.';
  static override description =
    'Recipients are authoritative and come only from --recipient and --recipients-file; the request text never adds any. ' +
    'Creates .akc/delivery/<id>/ with the request, session, recipients, events, provider state and evidence files.';
  static override examples = [
    '<%= config.bin %> deliver --request "Beta of the notes app" --recipient dana@example.com --platforms web,ios',
    '<%= config.bin %> deliver --request "1.4 to the stores" --recipients-file team.txt --release-mode both --delivery-version 1.4.0',
  ];
  static override flags = {
    request: Flags.string({ description: 'Plain-language goal of the delivery (required).' }),
    recipient: Flags.string({ description: 'A recipient e-mail (repeatable).', multiple: true }),
    'recipients-file': Flags.string({
      description: 'A .json ({"recipients": [...]}) or text file (one address per line, # comments).',
    }),
    platforms: Flags.string({ description: 'Comma list of web, ios, android.', default: 'web,ios,android' }),
    'release-mode': Flags.string({
      description: 'beta, store, or both (beta first, a human gate, then stores).',
      options: ['beta', 'store', 'both'],
      default: 'beta',
    }),
    'delivery-version': Flags.string({
      description: 'The app version being delivered (semver).',
      default: '1.0.0',
    }),
  };

  async run() {
    const { flags } = await this.parse(Deliver);
    const r = submitDelivery(this.io(), {
      projectDir: this.projectDir(flags),
      request: flags.request,
      recipients: flags.recipient,
      recipientsFile: flags['recipients-file'],
      platforms: flags.platforms,
      releaseMode: flags['release-mode'],
      deliveryVersion: flags['delivery-version'],
    });
    this.say(formatSubmit(r));
    const { delivery_id, delivery_dir, session_phase, preflight_ok, parsed, required_human_inputs_count } = r;
    return { delivery_id, delivery_dir, session_phase, preflight_ok, parsed, required_human_inputs_count };
  }
}
