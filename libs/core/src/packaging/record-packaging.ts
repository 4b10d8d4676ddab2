import type { Platform } from '../schemas/common';
import type { ActivationContract } from '../schemas/contract';
import type { ProviderVersions } from '../versioning';
import type { PreflightProblem } from '../lane/contract';
import { EVENT } from '../events/event-types';
import type { DeliveryStore } from '../store/delivery-store';
import type { Transaction } from '../store/transaction';
import type { DeliverySnapshot } from './lane-context';
import type { PackagingMode, PackagingResult, PackagingRow } from './types';

type Issue = PackagingResult['preflight_issues'][number];

/** Fail closed: preflight problems with enforcement (or explicit execute) stop packaging. */
export function recordPackagingBlocked(
  store: DeliveryStore,
  r: {
    mode: PackagingMode;
    enforced: boolean;
    issues: Issue[];
    plans: Array<{ platform: Platform; problems: PreflightProblem[] }>;
  },
): PackagingResult {
  const error = 'packaging preflight blocked';
  store.transact((tx) => {
    const session = tx.get('session');
    const now = tx.now();
    const outputs = { preflight_issues: r.issues, enforced: r.enforced, mode: r.mode };
    session.pipeline.build = {
      ...session.pipeline.build,
      status: 'blocked',
      completed_at_unix_ms: now,
      error,
      outputs,
    };
    session.pipeline.package = {
      ...session.pipeline.package,
      status: 'blocked',
      completed_at_unix_ms: now,
      error,
      outputs,
    };
    session.session_phase = 'failed';
    tx.put('session', session);
    tx.appendEvent(EVENT.failed, {
      phase: 'packaging_preflight',
      mode: r.mode,
      enforced: r.enforced,
      issues: r.issues,
    });
  });
  return {
    ok: false,
    journey: 'blocked',
    mode: r.mode,
    enforced: r.enforced,
    per_platform: {},
    provider_versions: null,
    preflight_issues: r.issues,
    error,
  };
}

function publicVersions(v: ProviderVersions): Record<string, unknown> {
  const { semver: _s, ...rest } = v;
  return { ...rest };
}

/** Record every lane's outcome, the phase, the events and (on success) the activation client contract. */
export function recordPackagingOutcome(
  store: DeliveryStore,
  snap: DeliverySnapshot,
  r: {
    mode: PackagingMode;
    enforced: boolean;
    rows: PackagingRow[];
    versions: ProviderVersions;
    issues: Issue[];
    now: () => number;
  },
): PackagingResult {
  const ok = r.rows.every((row) => row.ok);
  const ready = ok && r.rows.every((row) => row.distribution_ready);
  const journey = !ok ? 'failed' : ready ? 'executed_distribution' : 'inspectable_plan';
  const perPlatform = Object.fromEntries(
    r.rows.map((row) => [row.platform, row]),
  ) as PackagingResult['per_platform'];
  const provider = publicVersions(r.versions);
  const error = ok ? null : (r.rows.find((row) => row.error)?.error ?? 'packaging failed');
  store.transact((tx) => {
    const session = tx.get('session');
    const now = tx.now();
    session.pipeline.build = {
      ...session.pipeline.build,
      status: 'completed',
      completed_at_unix_ms: now,
      error: null,
      outputs: { mode: r.mode, enforced: r.enforced },
    };
    session.pipeline.package = {
      status: ok ? 'completed' : 'failed',
      started_at_unix_ms: session.pipeline.build.started_at_unix_ms,
      completed_at_unix_ms: now,
      error,
      run_id: null,
      outputs: {
        delivery_version: r.versions.delivery_version,
        journey,
        mode: r.mode,
        provider_versions: provider,
        per_platform: perPlatform,
      },
    };
    session.session_phase = ok ? 'packaging' : 'failed';
    tx.put('session', session);
    if (ok) {
      tx.appendEvent(EVENT.buildPackaged, {
        delivery_version: r.versions.delivery_version,
        journey,
        per_platform: summarise(r.rows),
      });
      if (ready) writeContract(tx, snap, r.now());
    } else {
      tx.appendEvent(EVENT.failed, {
        phase: 'packaging',
        error,
        delivery_version: r.versions.delivery_version,
        per_platform: summarise(r.rows),
      });
    }
  });
  return {
    ok,
    journey,
    mode: r.mode,
    enforced: r.enforced,
    per_platform: perPlatform,
    provider_versions: provider,
    preflight_issues: r.issues,
    error,
  };
}

function summarise(rows: PackagingRow[]): Record<string, unknown> {
  return Object.fromEntries(
    rows.map((row) => [
      row.platform,
      {
        ok: row.ok,
        lane: row.lane_id,
        execution_mode: row.execution_mode,
        artifact_authority: row.artifact_authority,
        distribution_ready: row.distribution_ready,
        artifacts: row.artifacts.map((a) => ({ kind: a.kind, bytes: a.bytes, sha256: a.sha256 })),
        error: row.error,
      },
    ]),
  );
}

/** The activation client contract: the protocol only, no recipient's email or token. */
function writeContract(tx: Transaction, snap: DeliverySnapshot, now: number): void {
  const { request } = snap;
  const contract: ActivationContract = {
    schema_id: 'akc.delivery.activation_client_contract.v1',
    schema_version: 1,
    delivery_id: request.delivery_id,
    delivery_version: request.delivery_version,
    tenant_id: request.tenant_id,
    repo_id: request.repo_id,
    platforms: [...request.platforms],
    generated_at_unix_ms: now,
    recipient_token_source:
      "Each recipient's recipient_token_id (akc_tid) and activation credential (akc_act) reach only that recipient, in their own invite link; the invite landing of `akc deliver serve` hands both to the app (web: in the URL fragment; iOS/Android: in the app link). This file lists no recipient.",
    activation_auth: {
      scheme: 'akc-activation-v1',
      description:
        "Every report must carry the recipient's activation credential, a token of the form akc1.<kid>.<recipient_token_id>.<hmac> signed by the delivery. A report is accepted only when the token verifies for this delivery and names the same recipient as the report; anything else is refused (HTTP 403, CLI exit 2) and changes nothing.",
      invite_link_param: 'akc_act',
      body_field: 'activation_token',
      http_header: 'Authorization: Bearer <activation_token> (may replace the body field on HTTP)',
    },
    client_report_fields: {
      required: ['delivery_id', 'activation_token', 'platform', 'app_version', 'first_run_at_unix_ms'],
      optional_heartbeat: ['heartbeat_at_unix_ms', 'active', 'recipient_token_id'],
    },
    http_ingest: {
      description:
        'POST the JSON body to the delivery ingest endpoint (`akc deliver serve`) or pipe it to `akc deliver activation-report --delivery-id <id>`.',
      content_type: 'application/json',
      example_body: {
        delivery_id: request.delivery_id,
        activation_token: '<akc_act from the invite link>',
        platform: 'web|ios|android',
        app_version: request.delivery_version,
        first_run_at_unix_ms: 0,
        heartbeat_at_unix_ms: 0,
        active: true,
      },
    },
  };
  tx.put('contract', contract);
}
