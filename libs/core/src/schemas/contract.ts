import { Type, type Static } from '@sinclair/typebox';
import { DeliveryId, FreeObject, UnixMs } from './common';

/**
 * activation_client_contract.v1.json: how a generated app reports first runs and heartbeats.
 * It holds no recipient's email or token: each recipient's token reaches only that recipient,
 * inside their own invite.
 */
export const ActivationContract = Type.Object(
  {
    schema_id: Type.Literal('akc.delivery.activation_client_contract.v1'),
    schema_version: Type.Literal(1),
    delivery_id: DeliveryId,
    delivery_version: Type.String({ minLength: 1 }),
    tenant_id: Type.String({ minLength: 1 }),
    repo_id: Type.String({ minLength: 1 }),
    platforms: Type.Array(Type.String()),
    generated_at_unix_ms: UnixMs,
    recipient_token_source: Type.String(),
    activation_auth: Type.Object(
      {
        scheme: Type.Literal('akc-activation-v1'),
        description: Type.String(),
        invite_link_param: Type.Literal('akc_act'),
        body_field: Type.Literal('activation_token'),
        http_header: Type.String(),
      },
      { additionalProperties: false },
    ),
    client_report_fields: Type.Object(
      { required: Type.Array(Type.String()), optional_heartbeat: Type.Array(Type.String()) },
      { additionalProperties: false },
    ),
    http_ingest: Type.Object(
      { description: Type.String(), content_type: Type.String(), example_body: FreeObject },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ActivationContract = Static<typeof ActivationContract>;
