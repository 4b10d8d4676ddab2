import { Flags } from '@oclif/core';
import { getEvents } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';
import { formatEvent } from '../../format';

export default class Events extends BaseCommand {
  static override summary = 'Print the delivery event log in order.';
  static override examples = [
    '<%= config.bin %> deliver events --delivery-id ID --type delivery.recipient --tail 20',
  ];
  static override flags = {
    'delivery-id': deliveryIdFlag,
    type: Flags.string({
      description: 'Only this event type, or types under this prefix (e.g. delivery.recipient).',
    }),
    'after-seq': Flags.integer({ description: 'Only events after this sequence number.', min: 0 }),
    limit: Flags.integer({ description: 'At most this many events (the first ones).', min: 1 }),
    tail: Flags.integer({ description: 'Only the last N events.', min: 1, exclusive: ['limit'] }),
  };

  async run() {
    const { flags } = await this.parse(Events);
    const r = getEvents(this.io(flags), this.projectDir(flags), flags['delivery-id'], {
      type: flags.type,
      afterSeq: flags['after-seq'],
      limit: flags.tail ?? flags.limit,
      tail: flags.tail !== undefined,
    });
    this.say(r.events.map(formatEvent).join('\n') || '(no events)');
    return r;
  }
}
