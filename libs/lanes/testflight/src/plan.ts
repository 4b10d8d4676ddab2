import type { DispatchContext, DispatchReceipt, PlannedCall, RecipientDispatch } from '@akc/core';
import { iosNumbers, ipaPath } from '@akc/provider-app-store-connect';
import { resolveBundleId, resolveGroupRef } from './asc-config';
import type { TestflightOptions } from './options';
import type { RecipientLedgerState } from './recipients';

function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function buildCalls(ctx: DispatchContext, o: TestflightOptions): PlannedCall[] {
  const n = iosNumbers(ctx);
  const calls: PlannedCall[] = [];
  const add = (method: string, endpoint: string, purpose: string) =>
    calls.push({ method, endpoint, purpose });
  if (!ctx.ledger.get('app_id')) {
    const bundleId = attempt(() => resolveBundleId(ctx, o.bundle_id), '<bundle id not configured>');
    add('GET', `/v1/apps?filter[bundleId]=${bundleId}`, 'find the app by exact bundle id');
  }
  if (!ctx.ledger.get('upload_id') && !ctx.ledger.get('build_id')) {
    const file = ipaPath(ctx) ?? '<no .ipa in the artifact>';
    add('POST', '/v1/buildUploads', `reserve build ${n.label}`);
    add('POST', '/v1/buildUploadFiles', `declare ${file}`);
    add('PUT', '<pre-signed upload operation URLs>', `stream ${file} from disk, part by part`);
    add('PATCH', '/v1/buildUploadFiles/{id}', 'commit the file with its MD5 checksum');
  }
  if (ctx.ledger.get('build_state') !== 'VALID') {
    add(
      'GET',
      '/v1/buildUploads/{id}?include=build',
      `wait for the upload to become a build (up to ${o.max_wait_ms} ms)`,
    );
    add('GET', '/v1/builds/{id}', 'wait until processingState is VALID');
  }
  if (o.uses_non_exempt_encryption !== undefined && !ctx.ledger.get('export_compliance'))
    add('PATCH', '/v1/builds/{id}', `usesNonExemptEncryption=${o.uses_non_exempt_encryption} if unset`);
  return calls;
}

function groupCalls(ctx: DispatchContext, o: TestflightOptions): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const add = (method: string, endpoint: string, purpose: string) =>
    calls.push({ method, endpoint, purpose });
  if (!ctx.ledger.get('group_id')) {
    const ref = attempt(() => resolveGroupRef(ctx), {
      kind: 'name' as const,
      value: '<group not configured>',
    });
    if (ref.kind === 'id') add('GET', `/v1/betaGroups/${ref.value}`, 'read the beta group');
    else
      add('GET', `/v1/betaGroups?filter[app]={app}&filter[name]=${ref.value}`, 'find the beta group by name');
    if (ref.kind === 'name' && o.create_group)
      add('POST', '/v1/betaGroups', `create group ${ref.value} if absent`);
  }
  if (!ctx.ledger.get('build_in_group'))
    add('POST', '/v1/builds/{id}/relationships/betaGroups', 'make the build available to the group');
  if (!ctx.ledger.get('beta_review_submission_id'))
    add('POST', '/v1/betaAppReviewSubmissions', 'submit for beta app review (external groups only)');
  return calls;
}

function recipientPlan(ctx: DispatchContext, calls: PlannedCall[]): Record<string, RecipientDispatch> {
  const out: Record<string, RecipientDispatch> = {};
  for (const r of ctx.recipients) {
    if (!r.platforms.includes('ios')) {
      out[r.email] = { state: 'skipped', detail: 'not an iOS recipient' };
      continue;
    }
    const prev = ctx.ledger.getRecipient<RecipientLedgerState>(r.email);
    if (prev?.state === 'invited' && !ctx.resend) {
      out[r.email] = { state: 'already_invited', provider_id: prev.tester_id };
    } else if (prev?.state === 'invited') {
      calls.push({
        method: 'POST',
        endpoint: '/v1/betaTesterInvitations',
        purpose: `send ${r.email} the invitation again`,
      });
      out[r.email] = {
        state: 'planned',
        provider_id: prev.tester_id,
        detail: 'invitation would be sent again',
      };
    } else {
      calls.push({
        method: 'GET',
        endpoint: `/v1/betaTesters?filter[email]=${r.email}`,
        purpose: `find tester ${r.email}`,
      });
      calls.push({
        method: 'POST',
        endpoint: '/v1/betaTesters',
        purpose: `create ${r.email} in the group (or add the existing tester); Apple sends the invitation`,
      });
      out[r.email] = { state: 'planned' };
    }
  }
  return out;
}

/** Dry run: no network, no key read; the exact calls a run would make from the current ledger. */
export function planTestflight(ctx: DispatchContext, o: TestflightOptions): DispatchReceipt {
  const calls = [...buildCalls(ctx, o), ...groupCalls(ctx, o)];
  const recipients = recipientPlan(ctx, calls);
  return { status: 'dry_run', ok: true, recipients, external_refs: {}, planned_calls: calls };
}
