/**
 * Web invite signing (spec section 9, fixed per section 16 item 11): expiring, key-rotating,
 * case-insensitive constant-time verified HMAC links.
 */
export {
  INVITE_KEY_BYTES,
  INVITE_KID_BYTES,
  INVITE_KID_PATTERN,
  generateInviteKey,
  type InviteKey,
  type InviteSigningKey,
  type RandomBytes,
} from './invite-key';
export {
  INVITE_MESSAGE_TAG,
  MAX_INVITE_EXPIRY_UNIX_MS,
  inviteClaimsProblem,
  inviteMessage,
  signInvite,
  signInviteV1,
  type InviteClaims,
} from './sign';
export {
  ACTIVATION_QUERY_PARAM,
  INVITE_QUERY_PARAMS,
  buildInviteUrl,
  hashInviteUrl,
  parseInviteUrl,
  type InviteLinkParams,
} from './invite-url';
export { verifyInvite, type VerifiedInvite, type VerifyInviteArgs } from './verify';
export {
  ACTIVATION_TOKEN_TAG,
  parseActivationToken,
  signActivationToken,
  verifyActivationToken,
  type ActivationTokenParts,
} from './activation-token';
