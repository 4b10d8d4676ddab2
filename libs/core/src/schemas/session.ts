import { Type, type Static } from '@sinclair/typebox';
import { SESSION_PHASES } from './constants';
import {
  StringEnum,
  DeliveryId,
  Email,
  FreeObject,
  Nullable,
  NullableUnixMs,
  Platform,
  ReleaseMode,
  UnixMs,
  Uuid,
  envelope,
} from './common';

export { SESSION_PHASES };
export const SessionPhase = StringEnum(SESSION_PHASES);
export type SessionPhase = Static<typeof SessionPhase>;

export const STAGE_STATUSES = [
  'not_started',
  'pending',
  'in_progress',
  'completed',
  'failed',
  'skipped',
  'blocked',
] as const;
export const StageStatus = StringEnum(STAGE_STATUSES);
export type StageStatus = Static<typeof StageStatus>;

export const PipelineStage = Type.Object(
  {
    status: StageStatus,
    started_at_unix_ms: NullableUnixMs,
    completed_at_unix_ms: NullableUnixMs,
    error: Nullable(Type.String()),
    run_id: Nullable(Type.String()),
    outputs: Type.Optional(FreeObject),
  },
  { additionalProperties: false },
);
export type PipelineStage = Static<typeof PipelineStage>;

export const STAGES = ['compile', 'build', 'package', 'distribution', 'release'] as const;
export type StageName = (typeof STAGES)[number];
export const Pipeline = Type.Object(
  {
    compile: PipelineStage,
    build: PipelineStage,
    package: PipelineStage,
    distribution: PipelineStage,
    release: PipelineStage,
  },
  { additionalProperties: false },
);

export const LANE_STATUSES = [
  'not_started',
  'not_applicable',
  'pending',
  'in_progress',
  'completed',
  'failed',
  'skipped',
  'blocked',
  'dry_run',
] as const;
export const LaneStatus = StringEnum(LANE_STATUSES);
export type LaneStatus = Static<typeof LaneStatus>;
export const LaneState = Type.Object(
  { status: LaneStatus, details: FreeObject },
  { additionalProperties: false },
);
export type LaneState = Static<typeof LaneState>;
export const PlatformChannels = Type.Object(
  { channels: Type.Object({ beta: LaneState, store: LaneState }, { additionalProperties: false }) },
  { additionalProperties: false },
);

export const RECIPIENT_STATUSES = ['pending', 'invited', 'installed', 'active', 'failed', 'blocked'] as const;
export const RecipientStatus = StringEnum(RECIPIENT_STATUSES);
export type RecipientStatus = Static<typeof RecipientStatus>;
export const ProofStatus = StringEnum(['pending', 'satisfied', 'not_applicable'] as const);
export type ProofStatus = Static<typeof ProofStatus>;

/** What is known of one recipient on one platform; evidence summarised so recompute is O(1). */
export const RecipientPlatformState = Type.Object(
  {
    provider_proof: ProofStatus,
    app_proof: ProofStatus,
    invited_at_unix_ms: NullableUnixMs,
    invite_opened_at_unix_ms: NullableUnixMs,
    provider_install_at_unix_ms: NullableUnixMs,
    first_run_at_unix_ms: NullableUnixMs,
    last_heartbeat_at_unix_ms: NullableUnixMs,
    heartbeat_count: Type.Integer({ minimum: 0 }),
    last_active: Nullable(Type.Boolean()),
    last_app_version: Nullable(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type RecipientPlatformState = Static<typeof RecipientPlatformState>;

export const RecipientActivationProof = Type.Object(
  {
    status: StringEnum(['pending', 'partial', 'satisfied'] as const),
    provider_proof: ProofStatus,
    app_proof: ProofStatus,
  },
  { additionalProperties: false },
);

export const RecipientState = Type.Object(
  {
    status: RecipientStatus,
    invite_token_id: Uuid,
    activation_proof: RecipientActivationProof,
    platforms: Type.Record(Type.String(), RecipientPlatformState),
    status_changed_at_unix_ms: NullableUnixMs,
  },
  { additionalProperties: false },
);
export type RecipientState = Static<typeof RecipientState>;

export const ActivationRollup = Type.Object(
  {
    status: StringEnum(['pending', 'partial', 'complete', 'blocked'] as const),
    recipients_total: Type.Integer({ minimum: 0 }),
    recipients_provider_satisfied: Type.Integer({ minimum: 0 }),
    recipients_fully_satisfied: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type ActivationRollup = Static<typeof ActivationRollup>;

export const STORE_STATUSES = [
  'not_started',
  'not_applicable',
  'promotion_requested',
  'in_progress',
  'submitted',
  'in_review',
  'live',
  'failed',
  'blocked',
] as const;
export const StoreStatus = StringEnum(STORE_STATUSES);
export type StoreStatus = Static<typeof StoreStatus>;
export const StoreLane = Type.Object(
  { status: StoreStatus, external_ref: Nullable(Type.String()), notes: Nullable(Type.String()) },
  { additionalProperties: false },
);
export const StoreRelease = Type.Object(
  {
    status: StoreStatus,
    active_promotion_lane: Nullable(StringEnum(['beta', 'store'] as const)),
    last_promotion_requested_at_unix_ms: NullableUnixMs,
    ios: StoreLane,
    android: StoreLane,
  },
  { additionalProperties: false },
);

export const HumanReadinessGate = Type.Object(
  {
    status: StringEnum(['pending', 'passed', 'not_applicable'] as const),
    passed_at_unix_ms: NullableUnixMs,
    operator_note: Nullable(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const DistributionPlan = Type.Object(
  {
    sequence_phases: Type.Array(Type.String()),
    current_phase: StringEnum(['beta_delivery', 'human_readiness_gate', 'store_promotion'] as const),
    beta_distribution_completed_at_unix_ms: NullableUnixMs,
    beta_distribution_ok: Nullable(Type.Boolean()),
    v1_excluded_channels: Type.Array(Type.String()),
    notes: Type.String(),
  },
  { additionalProperties: false },
);
export type DistributionPlan = Static<typeof DistributionPlan>;

/** First occurrences that the funnel metrics need, kept so `status` never scans the event log. */
export const Milestones = Type.Object(
  {
    first_invite_sent_at_unix_ms: NullableUnixMs,
    first_active_at_unix_ms: NullableUnixMs,
    store_live_at_unix_ms: NullableUnixMs,
  },
  { additionalProperties: false },
);
export type Milestones = Static<typeof Milestones>;

export const DeliverySession = Type.Object(
  {
    ...envelope('delivery_session'),
    delivery_id: DeliveryId,
    tenant_id: Type.String({ minLength: 1 }),
    repo_id: Type.String({ minLength: 1 }),
    revision: Type.Integer({ minimum: 1 }),
    session_phase: SessionPhase,
    blocked_reason: Nullable(Type.String()),
    release_mode: ReleaseMode,
    platforms: Type.Array(Platform, { minItems: 1, maxItems: 3, uniqueItems: true }),
    compile_run_id: Nullable(Type.String()),
    delivery_version: Type.String({ minLength: 1, maxLength: 256 }),
    pipeline: Pipeline,
    per_platform: Type.Record(Type.String(), PlatformChannels),
    per_recipient: Type.Record(Email, RecipientState),
    activation_proof: ActivationRollup,
    store_release: StoreRelease,
    human_readiness_gate: HumanReadinessGate,
    distribution_plan: Type.Optional(DistributionPlan),
    compile_outputs_ref: Type.Optional(FreeObject),
    milestones: Milestones,
    created_at_unix_ms: UnixMs,
    updated_at_unix_ms: UnixMs,
  },
  { additionalProperties: false },
);
export type DeliverySession = Static<typeof DeliverySession>;
