import type { Platform } from '../schemas/common';
import type { DeliveryRequest } from '../schemas/request';
import type { DeliverySession, RecipientPlatformState, RecipientState } from '../schemas/session';
import type {
  DeliveryProviderState,
  DeliveryRecipients,
  EventRow,
  EvidenceRecord,
} from '../schemas/sidecars';
import { computeDeliveryMetrics, type DeliveryMetrics } from '../metrics/compute-metrics';
import { openDelivery, type ControlPlaneIO } from '../control-plane/io';
import { createScrubber, safeRefs, summarizePayload, type Scrubber } from './safe-text';

/** How many of the newest events the report shows by default. */
export const DEFAULT_REPORT_EVENT_LIMIT = 2000;

/**
 * The funnel: each stage counts recipients who reached it or a later one, so the numbers never
 * grow from one stage to the next.
 */
export interface ReportFunnel {
  recipients: number;
  invited: number;
  /** Opened a web invite, or a provider saw an install. */
  opened_or_installed: number;
  first_run: number;
  active: number;
}

/** One piece of evidence behind a proof: the first of its kind (the last for heartbeats). */
export interface ReportEvidence {
  kind: string;
  /** Who recorded it (`serve`, `cli`, `client_activation_report`, a provider), if known. */
  source: string | null;
  at_unix_ms: number | null;
  /** How many records of this kind exist for the recipient on this platform. */
  count: number;
  app_version: string | null;
}

export interface ReportRecipientPlatform {
  platform: string;
  provider_proof: string;
  app_proof: string;
  invited_at_unix_ms: number | null;
  evidence: ReportEvidence[];
  last_heartbeat_at_unix_ms: number | null;
  heartbeat_count: number | null;
  last_active: boolean | null;
  last_app_version: string | null;
  /** Other timestamps or counters the activation model carries (e.g. `last_seen`), by label. */
  extra: Array<{ label: string; value: string; at_unix_ms: number | null }>;
}

export interface ReportRecipient {
  email: string;
  status: string;
  proof_status: string;
  provider_proof: string;
  app_proof: string;
  status_changed_at_unix_ms: number | null;
  last_invite_sent_at_unix_ms: number | null;
  resend_count: number;
  platforms: ReportRecipientPlatform[];
}

export interface ReportLane {
  platform: string;
  lane: string;
  /** The session's view of the lane. */
  status: string;
  /** The last provider outcome (`completed`, `dry_run`, `partial`, ...), if the lane ran. */
  outcome: string | null;
  adapter: string | null;
  refs: Array<[string, string]>;
  error: string | null;
  updated_at_unix_ms: number | null;
  /** Preflight problems recorded for the lane. */
  problems: string[];
  /** Store listing state (ios/android store lanes). */
  store_status: string | null;
}

export interface ReportEvent {
  seq: number;
  at_unix_ms: number;
  type: string;
  summary: string;
}

/** Everything the HTML report shows, already cleaned of links and tokens; plain JSON. */
export interface ReportModel {
  generated_at_unix_ms: number;
  delivery: {
    id: string;
    request_summary: string;
    app_goal: string;
    release_mode: string;
    platforms: string[];
    phase: string;
    blocked_reason: string | null;
    version: string;
    revision: number;
    created_at_unix_ms: number;
    updated_at_unix_ms: number;
    gate: string;
    gate_passed_at_unix_ms: number | null;
    activation: string;
  };
  funnel: ReportFunnel;
  metrics: DeliveryMetrics;
  recipients: ReportRecipient[];
  lanes: ReportLane[];
  events: { total: number; limit: number; omitted: number; shown: ReportEvent[] };
  evidence_total: number;
}

export interface ReportSources {
  request: DeliveryRequest;
  session: DeliverySession;
  recipients: DeliveryRecipients;
  providerState: DeliveryProviderState;
  events: readonly EventRow[];
  evidence: readonly EvidenceRecord[];
}

export interface ReportOptions {
  /** Show at most this many of the newest events (default 2000). */
  eventLimit?: number;
  generatedAtUnixMs: number;
}

const PROVIDER_KINDS = ['invite_opened', 'provider_install'];
const KNOWN_STATE_KEYS = new Set<string>([
  'provider_proof',
  'app_proof',
  'invited_at_unix_ms',
  'invite_opened_at_unix_ms',
  'provider_install_at_unix_ms',
  'first_run_at_unix_ms',
  'last_heartbeat_at_unix_ms',
  'heartbeat_count',
  'last_active',
  'last_app_version',
]);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Funnel counts from the session's per-recipient state (cumulative: a later stage implies the earlier). */
export function computeReportFunnel(session: DeliverySession, recipients?: DeliveryRecipients): ReportFunnel {
  const f: ReportFunnel = { recipients: 0, invited: 0, opened_or_installed: 0, first_run: 0, active: 0 };
  for (const [email, r] of Object.entries(session.per_recipient)) {
    const states = Object.values(r.platforms);
    const active = r.status === 'active';
    const firstRun = active || states.some((s) => s.first_run_at_unix_ms !== null);
    const opened =
      firstRun ||
      r.status === 'installed' ||
      states.some((s) => s.invite_opened_at_unix_ms !== null || s.provider_install_at_unix_ms !== null);
    const invited =
      opened ||
      r.status === 'invited' ||
      states.some((s) => s.invited_at_unix_ms !== null) ||
      (recipients?.recipients[email]?.last_invite_sent_at_unix_ms ?? null) !== null;
    f.recipients++;
    if (invited) f.invited++;
    if (opened) f.opened_or_installed++;
    if (firstRun) f.first_run++;
    if (active) f.active++;
  }
  return f;
}

type EvidenceIndex = Map<string, Map<string, Map<string, ReportEvidence>>>;

function indexEvidence(rows: readonly EvidenceRecord[], scrub: Scrubber): EvidenceIndex {
  const index: EvidenceIndex = new Map();
  for (const row of rows) {
    const email = String(row.recipient_email).toLowerCase();
    const byPlatform = index.get(email) ?? new Map<string, Map<string, ReportEvidence>>();
    index.set(email, byPlatform);
    const platform = String(row.platform);
    const byKind = byPlatform.get(platform) ?? new Map<string, ReportEvidence>();
    byPlatform.set(platform, byKind);
    const kind = String(row.evidence_kind);
    const payload = obj(row.payload);
    const seen = byKind.get(kind);
    const at = num(row.occurred_at_unix_ms);
    // The first record of a kind is what satisfied the proof; for heartbeats the last one matters.
    const replace = !seen || (kind === 'heartbeat' && (at ?? 0) >= (seen.at_unix_ms ?? 0));
    const source = str(payload.source);
    const version = str(payload.app_version);
    if (replace) {
      byKind.set(kind, {
        kind,
        source: source === null ? null : scrub(source, 60),
        at_unix_ms: at,
        count: (seen?.count ?? 0) + 1,
        app_version: version === null ? null : scrub(version, 60),
      });
    } else seen.count++;
  }
  return index;
}

function extraFields(state: RecipientPlatformState, scrub: Scrubber): ReportRecipientPlatform['extra'] {
  const out: ReportRecipientPlatform['extra'] = [];
  for (const [key, value] of Object.entries(state as unknown as Record<string, unknown>)) {
    if (KNOWN_STATE_KEYS.has(key) || value === null || value === undefined) continue;
    if (typeof value === 'object' || /token|secret|key|url|link|signature/i.test(key)) continue;
    const label = scrub(key.replace(/_unix_ms$/, '').replace(/_/g, ' '), 40);
    const at = key.endsWith('_unix_ms') ? num(value) : null;
    out.push({ label, value: at === null ? scrub(String(value), 60) : '', at_unix_ms: at });
  }
  return out;
}

function recipientPlatform(
  session: DeliverySession,
  platform: string,
  state: RecipientPlatformState,
  evidence: Map<string, ReportEvidence> | undefined,
  scrub: Scrubber,
): ReportRecipientPlatform {
  const shown: ReportEvidence[] = [];
  for (const kind of [...PROVIDER_KINDS, 'app_first_run', 'heartbeat', 'other']) {
    const e = evidence?.get(kind);
    if (e) shown.push(e);
  }
  for (const [kind, e] of evidence ?? []) if (!shown.some((s) => s.kind === kind)) shown.push(e);
  // Mobile provider proof can come from the store listing rather than a per-recipient record.
  const hasProviderRecord = shown.some((e) => PROVIDER_KINDS.includes(e.kind));
  if (state.provider_proof === 'satisfied' && !hasProviderRecord && platform !== 'web') {
    const store = session.store_release[platform as Exclude<Platform, 'web'>];
    if (store?.status === 'live')
      shown.unshift({
        kind: 'store_live',
        source: 'store_release',
        at_unix_ms: null,
        count: 1,
        app_version: null,
      });
  }
  const lastVersion = str(state.last_app_version);
  return {
    platform,
    provider_proof: String(state.provider_proof),
    app_proof: String(state.app_proof),
    invited_at_unix_ms: num(state.invited_at_unix_ms),
    evidence: shown,
    last_heartbeat_at_unix_ms: num(state.last_heartbeat_at_unix_ms),
    heartbeat_count: num(state.heartbeat_count),
    last_active: typeof state.last_active === 'boolean' ? state.last_active : null,
    last_app_version: lastVersion === null ? null : scrub(lastVersion, 60),
    extra: extraFields(state, scrub),
  };
}

function recipientRow(
  email: string,
  r: RecipientState,
  src: ReportSources,
  index: EvidenceIndex,
  scrub: Scrubber,
): ReportRecipient {
  const row = src.recipients.recipients[email];
  const evidence = index.get(email.toLowerCase());
  return {
    email: scrub(email, 254),
    status: String(r.status),
    proof_status: String(r.activation_proof.status),
    provider_proof: String(r.activation_proof.provider_proof),
    app_proof: String(r.activation_proof.app_proof),
    status_changed_at_unix_ms: num(r.status_changed_at_unix_ms),
    last_invite_sent_at_unix_ms: num(row?.last_invite_sent_at_unix_ms),
    resend_count: num(row?.resend_count) ?? 0,
    platforms: Object.entries(r.platforms).map(([p, st]) =>
      recipientPlatform(src.session, p, st, evidence?.get(p), scrub),
    ),
  };
}

function problemTexts(details: Record<string, unknown>, scrub: Scrubber): string[] {
  const out: string[] = [];
  const issues = obj(details.preflight).issues;
  if (Array.isArray(issues))
    for (const i of issues) {
      const reason = str(obj(i).reason) ?? (typeof i === 'string' ? i : null);
      if (reason) out.push(scrub(`preflight: ${reason}`, 200));
    }
  const dispatch = details.dispatch_preflight;
  if (Array.isArray(dispatch))
    for (const d of dispatch) {
      const reason = typeof d === 'string' ? d : (str(obj(d).reason) ?? str(obj(d).message));
      if (reason) out.push(scrub(`dispatch: ${reason}`, 200));
    }
  return out.slice(0, 10);
}

function laneRows(src: ReportSources, scrub: Scrubber): ReportLane[] {
  const out: ReportLane[] = [];
  for (const [platform, channels] of Object.entries(src.session.per_platform)) {
    for (const lane of ['beta', 'store'] as const) {
      const ch = channels.channels[lane];
      const details = obj(ch.details);
      const last = obj(details.last_dispatch);
      const row = src.providerState.lanes[`${platform}:${lane}`];
      const refs = safeRefs({ ...obj(last.external_refs), ...obj(row?.external_refs) }, scrub);
      const store =
        lane === 'store' && platform !== 'web'
          ? src.session.store_release[platform as Exclude<Platform, 'web'>]
          : undefined;
      if (store?.external_ref && !refs.some(([k]) => k === 'store_ref'))
        refs.push(...safeRefs({ store_ref: store.external_ref }, scrub));
      const error = str(row?.last_error) ?? str(last.error);
      const adapter = str(row?.adapter_kind) ?? str(last.lane_id);
      const outcome = str(row?.status) ?? str(last.status);
      out.push({
        platform: scrub(platform, 20),
        lane,
        status: String(ch.status),
        outcome: outcome === null ? null : scrub(outcome, 40),
        adapter: adapter === null ? null : scrub(adapter, 80),
        refs,
        error: error === null ? null : scrub(error, 400),
        updated_at_unix_ms: num(row?.last_updated_at_unix_ms) ?? num(last.at_unix_ms),
        problems: problemTexts(details, scrub),
        store_status: store ? String(store.status) : null,
      });
    }
  }
  return out;
}

/**
 * The report model from a delivery's documents. Pure: every string that came from the files is
 * scrubbed (links, invite parameters and token ids hidden; cut short), nothing is escaped yet.
 */
export function buildReportModel(src: ReportSources, opts: ReportOptions): ReportModel {
  const { request, session } = src;
  const tokens: string[] = [];
  for (const r of Object.values(session.per_recipient)) tokens.push(r.invite_token_id);
  for (const r of Object.values(src.recipients.recipients)) tokens.push(r.invite_token_id);
  const scrub = createScrubber(tokens);
  const limit = Math.max(1, Math.floor(opts.eventLimit ?? DEFAULT_REPORT_EVENT_LIMIT));
  const shownRows = src.events.length > limit ? src.events.slice(-limit) : src.events;
  const index = indexEvidence(src.evidence, scrub);
  return {
    generated_at_unix_ms: opts.generatedAtUnixMs,
    delivery: {
      id: scrub(session.delivery_id, 128),
      request_summary: scrub(request.request_text, 280),
      app_goal: scrub(request.parsed.app_goal, 200),
      release_mode: String(session.release_mode),
      platforms: session.platforms.map((p) => String(p)),
      phase: String(session.session_phase),
      blocked_reason: session.blocked_reason === null ? null : scrub(session.blocked_reason, 400),
      version: scrub(session.delivery_version, 64),
      revision: session.revision,
      created_at_unix_ms: session.created_at_unix_ms,
      updated_at_unix_ms: session.updated_at_unix_ms,
      gate: String(session.human_readiness_gate.status),
      gate_passed_at_unix_ms: num(session.human_readiness_gate.passed_at_unix_ms),
      activation: String(session.activation_proof.status),
    },
    funnel: computeReportFunnel(session, src.recipients),
    metrics: computeDeliveryMetrics(request, session),
    recipients: Object.entries(session.per_recipient).map(([email, r]) =>
      recipientRow(email, r, src, index, scrub),
    ),
    lanes: laneRows(src, scrub),
    events: {
      total: src.events.length,
      limit,
      omitted: src.events.length - shownRows.length,
      shown: shownRows.map((e) => ({
        seq: e.seq,
        at_unix_ms: e.occurred_at_unix_ms,
        type: scrub(String(e.event_type), 128),
        summary: summarizePayload(e.payload, scrub),
      })),
    },
    evidence_total: src.evidence.length,
  };
}

/**
 * Read a delivery's request, session, recipients, provider state, events and evidence through the
 * store (read-only; secrets.json is never opened) and build the report model.
 *
 * @throws AkcError ENOTFOUND / EDELIVERYID / ECORRUPT as the store does.
 */
export function loadReportModel(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  opts: { eventLimit?: number } = {},
): ReportModel {
  const store = openDelivery(io, projectDir, deliveryId);
  const sources: ReportSources = {
    request: store.read('request'),
    session: store.read('session'),
    recipients: store.read('recipients'),
    providerState: store.read('providerState'),
    events: store.readLog('events'),
    evidence: store.readLog('evidence'),
  };
  return buildReportModel(sources, { eventLimit: opts.eventLimit, generatedAtUnixMs: io.now() });
}
