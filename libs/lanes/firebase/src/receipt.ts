import type { AkcError, DispatchContext, DispatchReceipt, PlannedCall, RecipientDispatch } from '@akc/core';
import { testerName } from './api';
import type { FirebaseTarget } from './config';
import type { DistributeProgress } from './distribute-step';
import { KEYS, ledgerString, type ReleaseRecord } from './ledger-state';
import type { Work } from './work';

/** What a receipt is built from. */
export interface ReceiptInput {
  readonly ctx: DispatchContext;
  readonly target?: FirebaseTarget;
  readonly work?: Work;
  readonly progress?: DistributeProgress;
  readonly release?: ReleaseRecord;
  readonly error?: AkcError;
  readonly planned?: readonly PlannedCall[];
}

function recipientStates(input: ReceiptInput): Record<string, RecipientDispatch> {
  const { ctx, target, work, progress, error, planned } = input;
  const id = (email: string) => (target ? { provider_id: testerName(target.projectNumber, email) } : {});
  const out: Record<string, RecipientDispatch> = {};
  const notDone = error ? `not invited: ${error.message}` : 'not invited';
  for (const r of ctx.recipients) out[r.email] = { state: 'failed', detail: notDone };
  for (const email of work?.skipped ?? [])
    out[email] = { state: 'skipped', detail: 'android is not among the platforms' };
  for (const email of work?.already ?? []) out[email] = { state: 'already_invited', ...id(email) };
  for (const email of work?.pending ?? []) {
    out[email] = planned
      ? { state: 'planned', ...id(email) }
      : (progress?.outcomes.get(email) ?? { state: 'failed', detail: notDone });
  }
  return out;
}

function externalRefs({ ctx, target, release }: ReceiptInput): Record<string, unknown> {
  if (!target) return {};
  const pendingOp = release ? undefined : ledgerString(ctx.ledger, KEYS.uploadOperation);
  return {
    app: target.appName,
    app_id: target.appId,
    groups: [...target.groups],
    ...(release
      ? {
          release_name: release.name,
          release_display_version: release.displayVersion ?? null,
          release_build_version: release.buildVersion ?? null,
          upload_result: release.result ?? null,
        }
      : {}),
    ...(pendingOp ? { upload_operation: pendingOp } : {}),
  };
}

function statusOf(input: ReceiptInput, states: RecipientDispatch[]): DispatchReceipt['status'] {
  if (input.planned) return 'dry_run';
  const failed = states.filter((s) => s.state === 'failed').length;
  const good = states.filter((s) => s.state === 'invited' || s.state === 'already_invited').length;
  const trouble = failed > 0 || input.error !== undefined || input.progress?.groupError !== undefined;
  if (!trouble) return 'completed';
  return good > 0 ? 'partial' : 'failed';
}

function errorText(input: ReceiptInput, states: RecipientDispatch[]): string | undefined {
  if (input.error) return `${input.error.message}. Fix: ${input.error.hint}`;
  const failed = states.filter((s) => s.state === 'failed').length;
  const parts = [
    ...(failed > 0 ? [`${failed} recipient(s) not invited; see each recipient's detail for the fix`] : []),
    ...(input.progress?.groupError ? [input.progress.groupError] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Build the receipt: per-recipient states, status, external refs and, on failure, the fix. */
export function buildReceipt(input: ReceiptInput): DispatchReceipt {
  const recipients = recipientStates(input);
  const states = Object.values(recipients);
  const status = statusOf(input, states);
  const error = errorText(input, states);
  return {
    status,
    ok: status === 'completed' || status === 'dry_run',
    recipients,
    external_refs: externalRefs(input),
    ...(input.planned ? { planned_calls: input.planned } : {}),
    ...(error ? { error, error_code: input.error?.code ?? 'ELANE' } : {}),
  };
}
