import { randomUUID } from 'node:crypto';
import type { ReleaseMode } from '../schemas/common';
import type { ParsedRequest } from '../schemas/request';
import type { SessionPhase } from '../schemas/session';
import { akcError } from '../errors/akc-error';
import {
  collectHumanInputs,
  loadOperatorPrereqs,
  loadProjectConfig,
  loadRecipientsFile,
  normaliseRecipients,
  parsePlatforms,
  parseReleaseMode,
  parseRequestText,
  probeRepo,
  requiredAccounts,
  runAdapterPreflight,
  summarisePreflight,
} from '../ingest';
import { parseDeliveryVersion } from '../versioning';
import { generateInviteKey } from '../invites';
import { buildInitialDocuments, type PreflightIssue } from '../session/initial-documents';
import { createDeliveryFiles } from '../store/create-delivery';
import { AUDIT_MAX_ISSUES, emitAudit, storeIO, type ControlPlaneIO } from './io';

export interface SubmitInput {
  projectDir: string;
  request?: string;
  recipients?: string[];
  recipientsFile?: string;
  platforms?: string;
  releaseMode?: string;
  deliveryVersion?: string;
}

export interface SubmitResult {
  delivery_id: string;
  delivery_dir: string;
  session_phase: SessionPhase;
  preflight_ok: boolean;
  parsed: ParsedRequest;
  required_human_inputs_count: number;
  preflight_issues: PreflightIssue[];
  warnings: string[];
}

export const DEFAULT_PLATFORMS = 'web,ios,android';
export const DEFAULT_VERSION = '1.0.0';

/**
 * Create a delivery session (spec 1.2): validate every input first, in the spec's order, then
 * write all files at once. Any refusal leaves nothing on disk.
 */
export function submitDelivery(io: ControlPlaneIO, input: SubmitInput): SubmitResult {
  const requestText = (input.request ?? '').trim();
  if (!requestText) throw akcError('EREQUEST');
  const fromFile = input.recipientsFile
    ? loadRecipientsFile(input.recipientsFile, { cwd: io.cwd, homeDir: io.homeDir })
    : [];
  const recipients = normaliseRecipients(fromFile, input.recipients ?? []);
  const platforms = parsePlatforms(input.platforms ?? DEFAULT_PLATFORMS);
  const releaseMode: ReleaseMode = parseReleaseMode(input.releaseMode ?? 'beta');
  const deliveryVersion = (input.deliveryVersion ?? '').trim() || DEFAULT_VERSION;
  parseDeliveryVersion(deliveryVersion);

  const project = loadProjectConfig(input.projectDir);
  const prereqs = loadOperatorPrereqs(input.projectDir);
  const probes = probeRepo(input.projectDir);
  const parsed = parseRequestText(requestText, { platforms, releaseMode, recipients });
  const humanInputs = collectHumanInputs({ platforms, releaseMode, prereqs, probes, env: io.env });
  const preflight = runAdapterPreflight({
    platforms,
    releaseMode,
    prereqs,
    probes,
    env: io.env,
    tenantId: project.tenant_id,
    repoId: project.repo_id,
  });
  const now = io.now();
  const deliveryId = randomUUID();
  const inviteKey = generateInviteKey(now);
  const { docs, events } = buildInitialDocuments({
    deliveryId,
    tenantId: project.tenant_id,
    repoId: project.repo_id,
    requestText,
    platforms,
    recipients,
    releaseMode,
    deliveryVersion,
    parsed,
    humanInputs,
    requiredAccounts: requiredAccounts(humanInputs),
    preflight: { ...preflight, summary: { ...summarisePreflight(preflight, { platforms, releaseMode }) } },
    inviteKey,
    now,
  });
  const { paths } = createDeliveryFiles(input.projectDir, docs, events, storeIO(io, [inviteKey.key]));
  emitAudit(io, 'delivery.recipients.initialized', { delivery_id: deliveryId, recipients });
  emitAudit(io, 'delivery.preflight.decision', {
    delivery_id: deliveryId,
    skipped: false,
    blocked: docs.session.session_phase === 'blocked',
    issue_count: preflight.issues.length,
    enforced: preflight.enforced,
    issues: preflight.issues.slice(0, AUDIT_MAX_ISSUES),
  });
  return {
    delivery_id: deliveryId,
    delivery_dir: paths.dir,
    session_phase: docs.session.session_phase,
    preflight_ok: preflight.issues.length === 0,
    parsed,
    required_human_inputs_count: humanInputs.length,
    preflight_issues: preflight.issues,
    warnings: [...prereqs.warnings, ...preflight.warnings, ...parsed.warnings],
  };
}
