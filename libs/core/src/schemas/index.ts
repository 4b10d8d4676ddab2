/**
 * Every persisted document kind and its TypeBox schema. `tools/gen-schemas.js` turns this map
 * into the published JSON Schemas (libs/core/schemas/*.schema.json) and precompiled Ajv
 * validators (src/generated/validators.js), so no schema is compiled at CLI start.
 */
import { DeliveryRequest } from './request';
import { ActivationContract } from './contract';
import { DeliverySession } from './session';
import {
  DeliveryRecipients,
  DeliveryProviderState,
  DeliverySecrets,
  EventRow,
  EvidenceRecord,
  LogHeader,
} from './sidecars';

export const DOCUMENT_SCHEMAS = {
  delivery_request: DeliveryRequest,
  delivery_session: DeliverySession,
  delivery_recipients: DeliveryRecipients,
  delivery_provider_state: DeliveryProviderState,
  delivery_secrets: DeliverySecrets,
  delivery_event: EventRow,
  delivery_evidence_record: EvidenceRecord,
  delivery_log_header: LogHeader,
  delivery_activation_contract: ActivationContract,
} as const;
export type DocumentKind = keyof typeof DOCUMENT_SCHEMAS;
