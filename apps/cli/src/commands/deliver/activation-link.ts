import { Flags } from '@oclif/core';
import { issueActivationLink } from '@akc/core';
import { BaseCommand, deliveryIdFlag } from '../../base-command';

export default class ActivationLink extends BaseCommand {
  static override summary = "Issue one recipient's personal invite link, with their activation credential.";
  static override description =
    'For channels AKC does not send itself: the TestFlight, Firebase or Play invite reaches the ' +
    'person from the provider, and this link (opened on their device, through `akc deliver serve`) ' +
    'hands their app its activation credential. The link is a secret: it is printed once and only ' +
    'its SHA-256 is recorded (event delivery.invite.link_issued). The base URL defaults to the web ' +
    'invite base (AKC_DELIVERY_WEB_INVITE_BASE_URL or operator prereq web.invite_base_url).';
  static override examples = [
    '<%= config.bin %> deliver activation-link --delivery-id ID --recipient dana@example.com --base-url https://beta.example.com/i',
  ];
  static override flags = {
    'delivery-id': deliveryIdFlag,
    recipient: Flags.string({
      description: 'The recipient (one of the delivery’s named people).',
      required: true,
    }),
    'base-url': Flags.string({
      description: 'Where the link points: the invite landing of `akc deliver serve`, or your app’s link.',
    }),
  };

  async run() {
    const { flags } = await this.parse(ActivationLink);
    const r = issueActivationLink(
      this.io(flags),
      this.projectDir(flags),
      flags['delivery-id'],
      flags.recipient,
      flags['base-url'],
    );
    this.say(
      [
        `invite link for ${r.recipient} (a secret: share it only with them; valid until ${new Date(r.expires_at_unix_ms).toISOString()}):`,
        `  ${r.url}`,
        `activation credential (already inside the link): ${r.activation_token}`,
      ].join('\n'),
    );
    return r;
  }
}
