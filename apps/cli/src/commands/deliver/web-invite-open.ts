import { Flags } from '@oclif/core';
import * as core from '@akc/core';
import { BaseCommand } from '../../base-command';

export default class WebInviteOpen extends BaseCommand {
  static override summary =
    'Record that a recipient opened their signed web invite (verifies the signature).';
  static override description =
    'Pass the invite link with --url, or its parts with --delivery-id, --invite-token-id, --expires-at, --key-id and --signature.';
  static override flags = {
    url: Flags.string({ description: 'The full invite URL as the recipient opened it.' }),
    'delivery-id': Flags.string({ description: 'The delivery id (akc_did).' }),
    'invite-token-id': Flags.string({ description: 'The invite token (akc_tid).' }),
    'expires-at': Flags.integer({ description: 'Expiry in unix ms (akc_exp).' }),
    'key-id': Flags.string({ description: 'Signing key id (akc_kid).' }),
    signature: Flags.string({ description: 'HMAC-SHA256 hex signature (akc_sig).' }),
  };

  async run() {
    const { flags } = await this.parse(WebInviteOpen);
    const parts = flags.url ? core.parseInviteUrl(flags.url) : null;
    const deliveryId = parts?.deliveryId ?? flags['delivery-id'];
    if (!deliveryId) this.error('--delivery-id (or --url) is required', { exit: 2 });
    if (parts && flags['delivery-id'] && flags['delivery-id'] !== parts.deliveryId) {
      throw core.akcError('ESIGNATURE', { reason: 'the URL belongs to another delivery than --delivery-id' });
    }
    const input = {
      tokenId: parts?.tokenId ?? flags['invite-token-id'] ?? '',
      signature: parts?.signature ?? flags.signature ?? '',
      expiresAtUnixMs: parts?.expiresAtUnixMs ?? flags['expires-at'] ?? Number.NaN,
      kid: parts?.kid ?? flags['key-id'] ?? '',
    };
    const missing = [
      !input.tokenId && '--invite-token-id',
      !input.signature && '--signature',
      Number.isNaN(input.expiresAtUnixMs) && '--expires-at',
      !input.kid && '--key-id',
    ].filter(Boolean);
    if (missing.length > 0)
      throw core.akcError('ESIGNATURE', { reason: `missing ${missing.join(', ')} (or pass --url)` });
    const io = this.io(flags);
    this.touchDelivery(deliveryId);
    const r = core.recordWebInviteOpen(io, this.projectDir(flags), deliveryId, input);
    this.say(
      r.replay
        ? `${r.recipient} had already opened this invite; recorded once`
        : `invite open recorded for ${r.recipient}`,
    );
    return r;
  }
}
