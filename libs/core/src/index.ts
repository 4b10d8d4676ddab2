/**
 * @akc/core: the AKC Deliver control plane, usable without the CLI.
 *
 * @example
 * import { submitDelivery, getStatus } from '@akc/core';
 * const io = { cwd: process.cwd(), homeDir: os.homedir(), env: process.env, now: Date.now };
 * const { delivery_id } = submitDelivery(io, { projectDir: '.', request: 'Beta of notes', recipients: ['dana@example.com'], platforms: 'web' });
 * console.log(getStatus(io, '.', delivery_id).metrics);
 */
export * from './control-plane';
export { AkcError, akcError, isAkcError } from './errors/akc-error';
export { ERRORS, type ErrorCode, type ErrorSpec } from './errors/catalogue';
export { EVENT, EVENT_TYPES, type EventType } from './events/event-types';
export { computeDeliveryMetrics, type DeliveryMetrics } from './metrics/compute-metrics';
export { DeliveryStore } from './store/delivery-store';
export type { Transaction, StoreIO } from './store/transaction';
export { assertSafeDeliveryId, deliveryPaths, deliveryRoot, type DeliveryPaths } from './store/paths';
export { isTruthyEnv, isFalsyEnv, type Env } from './util/env';
export { createRedactor } from './util/redact';
export { canonicalJson, fingerprint } from './util/canonical-json';
export type { Platform, ReleaseMode, Lane } from './schemas/common';
export type { DeliveryRequest, ParsedRequest, HumanInputRow } from './schemas/request';
export type { DeliverySession, RecipientState, SessionPhase } from './schemas/session';
export type { DeliveryRecipients, DeliveryProviderState, EventRow, EvidenceRecord } from './schemas/sidecars';
export {
  buildInviteUrl,
  parseInviteUrl,
  signInvite,
  verifyInvite,
  hashInviteUrl,
  generateInviteKey,
  signActivationToken,
  verifyActivationToken,
  parseActivationToken,
  ACTIVATION_QUERY_PARAM,
} from './invites';
export { parseDeliveryVersion, deriveProviderVersions, type ProviderVersions } from './versioning';
export {
  LANE_API_VERSION,
  defineLane,
  type LanePlugin,
  type LaneKind,
  type LaneContext,
  type PackageContext,
  type PackageResult,
  type PreflightReport,
  type PreflightProblem,
  type ArtifactFile,
  type ArtifactKind,
  type ExecutionMode,
  type LaneDelivery,
  type LaneRecipient,
  type LaneVersions,
} from './lane/contract';
export * from './lane/kit';
export {
  LaneRegistry,
  assertLaneShape,
  type RegisteredLane,
  type LaneSource,
  type LaneLoadProblem,
} from './lane/registry';
export { buildLaneRegistry, readLaneConfig, type BuiltinLane, type LaneConfig } from './lane/load-lanes';
export {
  runPackaging,
  isPackagingPreflightEnforced,
  allocateProjectBuildNumbers,
  type RunPackagingOptions,
  type PackagingMode,
  type PackagingResult,
  type PackagingRow,
  type PackagingJourney,
} from './packaging';
export {
  runAdapterPreflight,
  loadOperatorPrereqs,
  probeRepo,
  loadProjectConfig,
  type IssueRow,
  type PreflightResult,
} from './ingest';
export * from './compile';
export type {
  DispatchArtifact,
  DispatchContext,
  DispatchLedger,
  DispatchReceipt,
  InviteIssuer,
  PlannedCall,
  PollContext,
  PollResult,
  RecipientDispatch,
  RecipientDispatchState,
} from './lane/dispatch-contract';
export {
  runWave,
  refreshProviderState,
  type WaveOptions,
  type WaveResult,
  type JobOutcome,
  type RefreshResult,
} from './distribution';
export * from './serve';
export * from './report';
export { PLATFORMS, SESSION_PHASES } from './schemas/constants';
export { inviteIssuerForKey } from './distribution/invite-issuer';
export { withActivationToken } from './activation/report';
