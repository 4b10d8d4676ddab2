import { Type, type Static } from '@sinclair/typebox';
import {
  StringEnum,
  DeliveryId,
  Email,
  FreeObject,
  Hex64,
  Nullable,
  NullableUnixMs,
  Platform,
  UnixMs,
  Uuid,
  envelope,
} from './common';
import { RecipientStatus } from './session';

export const RecipientRow = Type.Object(
  {
    email: Email,
    platforms: Type.Array(Platform, { uniqueItems: true }),
    invite_token_id: Uuid,
    status: RecipientStatus,
    last_invite_sent_at_unix_ms: NullableUnixMs,
    resend_count: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type RecipientRow = Static<typeof RecipientRow>;

export const DeliveryRecipients = Type.Object(
  {
    ...envelope('delivery_recipients'),
    delivery_id: DeliveryId,
    recipients: Type.Record(Email, RecipientRow),
    created_at_unix_ms: UnixMs,
    updated_at_unix_ms: UnixMs,
  },
  { additionalProperties: false },
);
export type DeliveryRecipients = Static<typeof DeliveryRecipients>;

/** One row of events.json. `seq` is gap-free from 1; `hash` chains each row to the one before. */
export const EventRow = Type.Object(
  {
    schema: Type.Literal('akc.delivery_event_envelope.v1'),
    seq: Type.Integer({ minimum: 1 }),
    delivery_id: DeliveryId,
    event_type: Type.String({ pattern: '^delivery(\\.[a-z_]+)+$', maxLength: 128 }),
    occurred_at_unix_ms: UnixMs,
    payload: FreeObject,
    prev_hash: Hex64,
    hash: Hex64,
  },
  { additionalProperties: false },
);
export type EventRow = Static<typeof EventRow>;

/** The header of an append-only JSON log (events.json, activation_evidence.json); rows follow. */
export const LogHeader = Type.Object(
  {
    schema_version: Type.Literal(1),
    schema_id: StringEnum(['akc:delivery_events:v1', 'akc:delivery_activation_evidence:v1'] as const),
    delivery_id: DeliveryId,
    created_at_unix_ms: UnixMs,
  },
  { additionalProperties: false },
);
export type LogHeader = Static<typeof LogHeader>;

export const EVIDENCE_KINDS = [
  'provider_install',
  'app_first_run',
  'heartbeat',
  'invite_opened',
  'other',
] as const;
export const EvidenceRecord = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    record_id: Uuid,
    recipient_email: Email,
    recipient_token_id: Nullable(Uuid),
    platform: Platform,
    evidence_kind: StringEnum(EVIDENCE_KINDS),
    occurred_at_unix_ms: UnixMs,
    payload: FreeObject,
    prev_hash: Hex64,
    hash: Hex64,
  },
  { additionalProperties: false },
);
export type EvidenceRecord = Static<typeof EvidenceRecord>;

export const ProviderLaneRow = Type.Object(
  {
    platform: Platform,
    lane: StringEnum(['beta', 'store'] as const),
    status: Type.String(),
    adapter_kind: Nullable(Type.String()),
    external_refs: FreeObject,
    details: FreeObject,
    ledger: FreeObject,
    last_error: Nullable(Type.String()),
    last_updated_at_unix_ms: NullableUnixMs,
  },
  { additionalProperties: false },
);
export type ProviderLaneRow = Static<typeof ProviderLaneRow>;

export const DeliveryProviderState = Type.Object(
  {
    ...envelope('delivery_provider_state'),
    delivery_id: DeliveryId,
    /** Keyed `platform:lane`, e.g. `ios:beta`: one row per lane so a store wave never erases beta. */
    lanes: Type.Record(Type.String({ pattern: '^(web|ios|android):(beta|store)$' }), ProviderLaneRow),
    created_at_unix_ms: UnixMs,
    updated_at_unix_ms: UnixMs,
  },
  { additionalProperties: false },
);
export type DeliveryProviderState = Static<typeof DeliveryProviderState>;

export const InviteKey = Type.Object(
  {
    kid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
    key: Type.String({ minLength: 32 }),
    created_at_unix_ms: UnixMs,
  },
  { additionalProperties: false },
);
export type InviteKeyRecord = Static<typeof InviteKey>;
/** secrets.json (mode 0600): never printed, never copied into any other file. */
export const DeliverySecrets = Type.Object(
  {
    ...envelope('delivery_secrets'),
    delivery_id: DeliveryId,
    active_kid: Type.String(),
    invite_keys: Type.Array(InviteKey, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type DeliverySecrets = Static<typeof DeliverySecrets>;

export { Hex64, Nullable, FreeObject, UnixMs };
