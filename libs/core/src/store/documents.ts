import type { DeliveryRequest } from '../schemas/request';
import type { DeliverySession } from '../schemas/session';
import type {
  DeliveryProviderState,
  DeliveryRecipients,
  DeliverySecrets,
  EventRow,
  EvidenceRecord,
} from '../schemas/sidecars';
import type { DeliveryPaths } from './paths';
import type { ActivationContract } from '../schemas/contract';
import * as validators from '../generated/validators';
import type { ValidateFunction } from '../generated/validators';
import { akcError } from '../errors/akc-error';

/** The versioned JSON documents of one delivery, by short name. */
export interface DocTypes {
  request: DeliveryRequest;
  session: DeliverySession;
  recipients: DeliveryRecipients;
  providerState: DeliveryProviderState;
  secrets: DeliverySecrets;
  contract: ActivationContract;
}
export type DocName = keyof DocTypes;
/** The documents every delivery has from creation (the contract is written by packaging). */
export type InitialDocs = Omit<DocTypes, 'contract'>;
export type InitialDocName = keyof InitialDocs;

export const DOC_VALIDATORS: Record<DocName, ValidateFunction> = {
  request: validators.delivery_request,
  session: validators.delivery_session,
  recipients: validators.delivery_recipients,
  providerState: validators.delivery_provider_state,
  secrets: validators.delivery_secrets,
  contract: validators.delivery_activation_contract,
};

export const DOC_FILES: Record<DocName, keyof DeliveryPaths> = {
  request: 'request',
  session: 'session',
  recipients: 'recipients',
  providerState: 'providerState',
  secrets: 'secrets',
  contract: 'contract',
};

/** Files written with mode 0600 and never passed through output. */
export const PRIVATE_DOCS: ReadonlySet<DocName> = new Set(['secrets']);

/** The append-only logs, their header schema ids, array keys and row validators. */
export interface LogTypes {
  events: EventRow;
  evidence: EvidenceRecord;
}
export type LogName = keyof LogTypes;
export const LOGS: Record<
  LogName,
  { file: keyof DeliveryPaths; schemaId: string; arrayKey: string; validate: ValidateFunction }
> = {
  events: {
    file: 'events',
    schemaId: 'akc:delivery_events:v1',
    arrayKey: 'events',
    validate: validators.delivery_event,
  },
  evidence: {
    file: 'evidence',
    schemaId: 'akc:delivery_activation_evidence:v1',
    arrayKey: 'records',
    validate: validators.delivery_evidence_record,
  },
};

/** First validation error as readable text. */
export function describeErrors(v: ValidateFunction): string {
  const e = v.errors?.[0];
  if (!e) return 'invalid';
  const where = e.instancePath || '(root)';
  const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

/** Validate before any write; ESCHEMA names the document and the first problem. */
export function assertValid(kind: string, v: ValidateFunction, data: unknown): void {
  if (!v(data)) throw akcError('ESCHEMA', { kind, reason: describeErrors(v) });
}
