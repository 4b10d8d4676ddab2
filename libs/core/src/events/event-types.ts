/**
 * The event catalogue (spec section 13 plus the events this implementation adds). Writers use
 * these constants; the schema accepts any `delivery.*` name so older logs stay readable.
 */
export const EVENT = {
  requestAccepted: 'delivery.request.accepted',
  requestParsed: 'delivery.request.parsed',
  preflightCompleted: 'delivery.preflight.completed',
  compileCompleted: 'delivery.compile.completed',
  compileOutputsBound: 'delivery.compile.outputs.bound',
  buildPackaged: 'delivery.build.packaged',
  inviteSent: 'delivery.invite.sent',
  inviteResendRequested: 'delivery.invite.resend_requested',
  inviteLinkIssued: 'delivery.invite.link_issued',
  providerInstallDetected: 'delivery.provider.install_detected',
  activationFirstRun: 'delivery.activation.first_run',
  recipientInvited: 'delivery.recipient.invited',
  recipientInstalled: 'delivery.recipient.installed',
  recipientActive: 'delivery.recipient.active',
  recipientsAmended: 'delivery.recipients.amended',
  storePromotionRequested: 'delivery.store.promotion_requested',
  storeSubmitted: 'delivery.store.submitted',
  storeLive: 'delivery.store.live',
  humanGatePassed: 'delivery.human_gate.passed',
  failed: 'delivery.failed',
  distributionPlanned: 'delivery.distribution.planned',
  providerPolled: 'delivery.provider.polled',
} as const;

export type EventType = (typeof EVENT)[keyof typeof EVENT];
export const EVENT_TYPES: readonly EventType[] = Object.values(EVENT);
