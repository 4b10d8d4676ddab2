import { randomUUID } from 'node:crypto';
import type { Lane, Platform, ReleaseMode } from '../schemas/common';
import type { DeliveryRequest, HumanInputRow, ParsedRequest } from '../schemas/request';
import type {
  DeliverySession,
  LaneState,
  PipelineStage,
  RecipientPlatformState,
  RecipientState,
} from '../schemas/session';
import type {
  DeliveryProviderState,
  DeliveryRecipients,
  DeliverySecrets,
  InviteKeyRecord,
} from '../schemas/sidecars';
import type { InitialDocs } from '../store/documents';
import type { EventBody } from '../store/transaction';
import { EVENT } from '../events/event-types';

export interface PreflightIssue {
  platform: Platform;
  lane: Lane;
  adapter_kind: string;
  reason: string;
  fix?: string;
}

export interface SessionInput {
  deliveryId: string;
  tenantId: string;
  repoId: string;
  requestText: string;
  platforms: Platform[];
  recipients: string[];
  releaseMode: ReleaseMode;
  deliveryVersion: string;
  parsed: ParsedRequest;
  humanInputs: HumanInputRow[];
  requiredAccounts: string[];
  preflight: {
    enforced: boolean;
    issues: PreflightIssue[];
    jobs: Array<{ platform: Platform; lane: Lane; adapter_kind: string }>;
    warnings: string[];
    /** Payload of delivery.preflight.completed. */
    summary: Record<string, unknown>;
  };
  inviteKey: InviteKeyRecord;
  now: number;
}

export function laneApplies(mode: ReleaseMode, lane: Lane): boolean {
  return mode === 'both' || mode === lane;
}

export function emptyStage(): PipelineStage {
  return {
    status: 'not_started',
    started_at_unix_ms: null,
    completed_at_unix_ms: null,
    error: null,
    run_id: null,
  };
}

export function emptyPlatformState(): RecipientPlatformState {
  return {
    provider_proof: 'pending',
    app_proof: 'pending',
    invited_at_unix_ms: null,
    invite_opened_at_unix_ms: null,
    provider_install_at_unix_ms: null,
    first_run_at_unix_ms: null,
    last_heartbeat_at_unix_ms: null,
    heartbeat_count: 0,
    last_active: null,
    last_app_version: null,
  };
}

/** Build every document of a new delivery and its first three events (spec 3, with its fixes). */
export function buildInitialDocuments(input: SessionInput): { docs: InitialDocs; events: EventBody[] } {
  const { now, platforms, releaseMode: mode } = input;
  const tokens = new Map(input.recipients.map((r) => [r, randomUUID()] as const));
  const request: DeliveryRequest = {
    schema_version: 1,
    schema_id: 'akc:delivery_request:v1',
    delivery_id: input.deliveryId,
    request_text: input.requestText,
    platforms,
    recipients: input.recipients,
    release_mode: mode,
    app_stack: 'react_expo_default',
    delivery_version: input.deliveryVersion,
    derived_intent_ref: null,
    required_accounts: input.requiredAccounts,
    parsed: input.parsed,
    required_human_inputs: input.humanInputs,
    created_at_unix_ms: now,
    tenant_id: input.tenantId,
    repo_id: input.repoId,
  };
  const session = buildSession(input, tokens);
  const recipients: DeliveryRecipients = {
    schema_version: 1,
    schema_id: 'akc:delivery_recipients:v1',
    delivery_id: input.deliveryId,
    recipients: Object.fromEntries(
      input.recipients.map((email) => [
        email,
        {
          email,
          platforms: [...platforms],
          invite_token_id: tokens.get(email) as string,
          status: 'pending' as const,
          last_invite_sent_at_unix_ms: null,
          resend_count: 0,
        },
      ]),
    ),
    created_at_unix_ms: now,
    updated_at_unix_ms: now,
  };
  const providerState = buildProviderState(input);
  const secrets: DeliverySecrets = {
    schema_version: 1,
    schema_id: 'akc:delivery_secrets:v1',
    delivery_id: input.deliveryId,
    active_kid: input.inviteKey.kid,
    invite_keys: [input.inviteKey],
  };
  const events: EventBody[] = [
    {
      event_type: EVENT.requestAccepted,
      payload: { recipients: input.recipients, platforms, release_mode: mode },
    },
    {
      event_type: EVENT.requestParsed,
      payload: {
        app_goal: input.parsed.app_goal,
        requested_platforms: input.parsed.requested_platforms,
        delivery_mode: mode,
        release_lanes: input.parsed.release_lanes,
        recipient_count: input.recipients.length,
        warnings: input.parsed.warnings,
        required_human_inputs_count: input.humanInputs.length,
      },
    },
    { event_type: EVENT.preflightCompleted, payload: input.preflight.summary },
  ];
  return { docs: { request, session, recipients, providerState, secrets }, events };
}

function buildSession(input: SessionInput, tokens: Map<string, string>): DeliverySession {
  const { now, platforms, releaseMode: mode, preflight } = input;
  const issuesFor = (p: Platform, l: Lane) =>
    preflight.issues.filter((i) => i.platform === p && i.lane === l);
  const lane = (p: Platform, l: Lane): LaneState => {
    if (!laneApplies(mode, l)) return { status: 'not_applicable', details: {} };
    const issues = issuesFor(p, l);
    return {
      status: issues.length > 0 ? 'blocked' : 'not_started',
      details: { preflight: { enforced: preflight.enforced, ok: issues.length === 0, issues } },
    };
  };
  const blocked = preflight.issues.length > 0;
  const blockedReason = blocked
    ? preflight.issues.map((i) => `${i.platform}/${i.lane}: ${i.reason}`).join('; ')
    : null;
  const perRecipient: Record<string, RecipientState> = {};
  for (const email of input.recipients) {
    perRecipient[email] = {
      status: 'pending',
      invite_token_id: tokens.get(email) as string,
      activation_proof: { status: 'pending', provider_proof: 'pending', app_proof: 'pending' },
      platforms: Object.fromEntries(platforms.map((p) => [p, emptyPlatformState()])),
      status_changed_at_unix_ms: null,
    };
  }
  const storeSub = (p: Platform) => ({
    status:
      platforms.includes(p) && laneApplies(mode, 'store')
        ? ('not_started' as const)
        : ('not_applicable' as const),
    external_ref: null,
    notes: null,
  });
  const session: DeliverySession = {
    schema_version: 1,
    schema_id: 'akc:delivery_session:v1',
    delivery_id: input.deliveryId,
    tenant_id: input.tenantId,
    repo_id: input.repoId,
    revision: 1,
    session_phase: blocked ? 'blocked' : 'accepted',
    blocked_reason: blockedReason,
    release_mode: mode,
    platforms,
    compile_run_id: null,
    delivery_version: input.deliveryVersion,
    pipeline: {
      compile: emptyStage(),
      build: emptyStage(),
      package: emptyStage(),
      distribution: blocked ? { ...emptyStage(), status: 'blocked', error: blockedReason } : emptyStage(),
      release: emptyStage(),
    },
    per_platform: Object.fromEntries(
      platforms.map((p) => [p, { channels: { beta: lane(p, 'beta'), store: lane(p, 'store') } }]),
    ),
    per_recipient: perRecipient,
    activation_proof: {
      status: 'pending',
      recipients_total: input.recipients.length,
      recipients_provider_satisfied: 0,
      recipients_fully_satisfied: 0,
    },
    store_release: {
      status: 'not_started',
      active_promotion_lane: null,
      last_promotion_requested_at_unix_ms: null,
      ios: storeSub('ios'),
      android: storeSub('android'),
    },
    human_readiness_gate: {
      status: mode === 'both' ? 'pending' : 'not_applicable',
      passed_at_unix_ms: null,
      operator_note: null,
    },
    milestones: {
      first_invite_sent_at_unix_ms: null,
      first_active_at_unix_ms: null,
      store_live_at_unix_ms: null,
    },
    created_at_unix_ms: now,
    updated_at_unix_ms: now,
  };
  if (mode === 'both') {
    session.distribution_plan = {
      sequence_phases: ['beta_delivery', 'human_readiness_gate', 'store_promotion'],
      current_phase: 'beta_delivery',
      beta_distribution_completed_at_unix_ms: null,
      beta_distribution_ok: null,
      v1_excluded_channels: [
        'enterprise_distribution',
        'mdm_managed_install',
        'adb_sideload',
        'adhoc_device_lists',
      ],
      notes:
        'release_mode=both: the beta wave goes first; a person passes the human readiness gate after a ' +
        'successful beta wave; only then can `akc deliver promote --lane store` release to the stores.',
    };
  }
  return session;
}

function buildProviderState(input: SessionInput): DeliveryProviderState {
  const lanes: DeliveryProviderState['lanes'] = {};
  for (const job of input.preflight.jobs) {
    const issues = input.preflight.issues.filter((i) => i.platform === job.platform && i.lane === job.lane);
    lanes[`${job.platform}:${job.lane}`] = {
      platform: job.platform,
      lane: job.lane,
      status: issues.length > 0 ? 'blocked' : 'not_started',
      adapter_kind: job.adapter_kind,
      external_refs: {},
      details: {
        preflight: { issues, enforced: input.preflight.enforced, delivery_version: input.deliveryVersion },
      },
      ledger: {},
      last_error: issues.length > 0 ? issues.map((i) => i.reason).join('; ') : null,
      last_updated_at_unix_ms: input.now,
    };
  }
  return {
    schema_version: 1,
    schema_id: 'akc:delivery_provider_state:v1',
    delivery_id: input.deliveryId,
    lanes,
    created_at_unix_ms: input.now,
    updated_at_unix_ms: input.now,
  };
}
