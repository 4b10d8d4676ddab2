export type { ControlPlaneIO } from './io';
export { openDelivery } from './io';
export {
  submitDelivery,
  DEFAULT_PLATFORMS,
  DEFAULT_VERSION,
  type SubmitInput,
  type SubmitResult,
} from './submit';
export {
  getStatus,
  getEvents,
  verifyDelivery,
  type StatusResult,
  type EventsQuery,
  type VerifyResult,
} from './queries';
export {
  requestResend,
  passHumanGate,
  requestPromotion,
  assertPromotionAllowed,
  type PromoteLane,
} from './lifecycle';
export {
  ingestActivationReport,
  ingestActivationReports,
  recordWebInviteOpen,
  type ActivationReportResult,
  type BatchedReportResult,
  type InviteOpenInput,
  type InviteOpenResult,
} from './activation';
export { compileDelivery, type CompileOutcome } from './compile-delivery';
export { issueActivationLink, type ActivationLinkResult } from './activation-link';
