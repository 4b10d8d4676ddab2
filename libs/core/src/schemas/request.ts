import { Type, type Static } from '@sinclair/typebox';
import {
  DeliveryId,
  Email,
  FreeObject,
  Hex64,
  Nullable,
  Platform,
  ReleaseMode,
  UnixMs,
  envelope,
  Lane,
} from './common';

export const ParsedRequest = Type.Object(
  {
    app_goal: Type.String(),
    requested_platforms: Type.Array(Platform),
    delivery_mode: ReleaseMode,
    recipient_set: Type.Array(Email),
    release_lanes: Type.Array(Lane),
    request_mentions_platforms: Type.Array(Platform),
    warnings: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type ParsedRequest = Static<typeof ParsedRequest>;

export const HumanInputRow = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    status: Type.Literal('missing'),
    blocking_for: Type.Array(Lane),
    reason: Type.String(),
    ask_order: Type.Integer({ minimum: 1 }),
    context: FreeObject,
    ui_prompt: Type.Object(
      {
        audience: Type.String(),
        title: Type.String(),
        question: Type.String(),
        help_text: Type.String(),
        value_kind: Type.String(),
        sensitive: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    answer_binding: Type.Object(
      { kind: Type.String(), property: Type.String(), scope: Type.String() },
      { additionalProperties: false },
    ),
    account: Type.String(),
  },
  { additionalProperties: false },
);
export type HumanInputRow = Static<typeof HumanInputRow>;

export const DerivedIntentRef = Type.Object({
  intent_id: Type.String(),
  stable_intent_sha256: Hex64,
  semantic_fingerprint: Type.String(),
  goal_text_fingerprint: Type.String(),
});

export const DeliveryRequest = Type.Object(
  {
    ...envelope('delivery_request'),
    delivery_id: DeliveryId,
    request_text: Type.String({ minLength: 1, maxLength: 20000 }),
    platforms: Type.Array(Platform, { minItems: 1, maxItems: 3, uniqueItems: true }),
    recipients: Type.Array(Email, { minItems: 1, uniqueItems: true }),
    release_mode: ReleaseMode,
    app_stack: Type.String(),
    delivery_version: Type.String({ minLength: 1, maxLength: 256 }),
    derived_intent_ref: Nullable(DerivedIntentRef),
    required_accounts: Type.Array(Type.String()),
    parsed: ParsedRequest,
    required_human_inputs: Type.Array(HumanInputRow),
    created_at_unix_ms: UnixMs,
    compile_outputs_ref: Type.Optional(FreeObject),
    tenant_id: Type.String({ minLength: 1 }),
    repo_id: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type DeliveryRequest = Static<typeof DeliveryRequest>;
