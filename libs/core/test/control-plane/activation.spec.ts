import { readFileSync, writeFileSync } from 'node:fs';
import { getEvents, getStatus, verifyDelivery } from '../../src/control-plane/queries';
import {
  ingestActivationReport,
  ingestActivationReports,
  recordWebInviteOpen,
} from '../../src/control-plane/activation';
import { issueActivationLink } from '../../src/control-plane/activation-link';
import { generateInviteKey, signActivationToken, verifyActivationToken } from '../../src/invites';
import { parseInviteUrl } from '../../src/invites';
import { computeDeliveryMetrics } from '../../src/metrics/compute-metrics';
import { readLogRows } from '../../src/store/delivery-store';
import { manualClock, snapshotTree, testIO, RELAXED } from '../helpers';
import { createFixture, type Fixture } from './fixtures';

function report(f: Fixture, email: string, extra: Record<string, unknown> = {}) {
  return ingestActivationReport(f.io, f.project, f.id, {
    delivery_id: f.id,
    recipient_token_id: f.token(email),
    activation_token: f.activationToken(email),
    platform: 'web',
    app_version: '1.0.0',
    ...extra,
  });
}

function open(f: Fixture, email: string, url = f.inviteUrl(email)) {
  const p = parseInviteUrl(url);
  return recordWebInviteOpen(f.io, f.project, f.id, {
    tokenId: p.tokenId,
    signature: p.signature,
    expiresAtUnixMs: p.expiresAtUnixMs,
    kid: p.kid,
  });
}

function errorText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return `${(e as { code: string }).code} ${(e as Error).message}`;
  }
  throw new Error('expected an error');
}

describe('activation reports (15.68-15.76, fixed 16.26)', () => {
  it('a first run alone satisfies app proof; the recipient is installed (app ran), proof partial (15.68)', () => {
    const f = createFixture();
    const r = report(f, 'a@x.com', { first_run_at_unix_ms: f.io.now() });
    expect(r.recorded.first_run).toBe(true);
    const row = getStatus(f.io, f.project, f.id).session.per_recipient['a@x.com']!;
    expect(row.activation_proof).toEqual({
      provider_proof: 'pending',
      app_proof: 'satisfied',
      status: 'partial',
    });
    expect(row.status).toBe('installed');
    expect(f.store.read('recipients').recipients['a@x.com']!.status).toBe('installed');
  });

  it('then a valid invite open makes the recipient active with exactly one active event, after first_run (15.69)', () => {
    const f = createFixture();
    report(f, 'a@x.com', { first_run_at_unix_ms: f.io.now() });
    const o = open(f, 'a@x.com');
    expect(o.replay).toBe(false);
    const s = getStatus(f.io, f.project, f.id).session;
    expect(s.per_recipient['a@x.com']!.status).toBe('active');
    expect(s.per_recipient['a@x.com']!.activation_proof.status).toBe('satisfied');
    const types = getEvents(f.io, f.project, f.id).events.map((e) => e.event_type);
    expect(types.filter((t) => t === 'delivery.recipient.active')).toHaveLength(1);
    expect(types.indexOf('delivery.activation.first_run')).toBeLessThan(
      types.indexOf('delivery.recipient.active'),
    );
    expect(s.activation_proof).toEqual({
      status: 'partial',
      recipients_total: 2,
      recipients_provider_satisfied: 1,
      recipients_fully_satisfied: 1,
    });
  });

  it('a first run in the same report as earlier evidence: first_run is recorded before recipient.active', () => {
    const f = createFixture();
    open(f, 'a@x.com');
    const r = report(f, 'a@x.com', { first_run_at_unix_ms: f.io.now() });
    expect(r.events.map((e) => e.event_type)).toEqual([
      'delivery.activation.first_run',
      'delivery.recipient.active',
    ]);
  });

  it.each([
    [
      'unknown token',
      { recipient_token_id: '00000000-0000-4000-8000-000000000000', first_run_at_unix_ms: 1 },
      'recipient_token_id',
    ],
    ['wrong delivery', { delivery_id: 'other', first_run_at_unix_ms: 1 }, 'does not match'],
    ['platform out of scope', { platform: 'ios', first_run_at_unix_ms: 1 }, 'not enabled'],
    ['no timestamps', {}, 'expected first_run_at_unix_ms and/or heartbeat_at_unix_ms'],
    ['negative timestamp', { first_run_at_unix_ms: -5 }, 'must not be negative'],
    ['string timestamp', { first_run_at_unix_ms: '1733300000000' }, 'integer'],
    ['float timestamp', { first_run_at_unix_ms: 1.5 }, 'integer'],
    ['boolean timestamp', { heartbeat_at_unix_ms: true }, 'integer'],
    ['far-future timestamp', { first_run_at_unix_ms: 9e15 }, 'future'],
    ['bad platform', { platform: 'windows' }, 'invalid platform'],
    ['unknown field', { first_run_at_unix_ms: 1, sneaky: 1 }, 'unknown field'],
    ['non-boolean active', { heartbeat_at_unix_ms: 1, active: 'yes' }, 'active must be'],
  ])('rejects %s and writes nothing (15.70-15.74)', (_name, extra, text) => {
    const f = createFixture();
    const before = snapshotTree(f.project);
    expect(errorText(() => report(f, 'a@x.com', extra))).toContain(text);
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it('rejects non-objects (15.75) and accepts an upper-case platform (15.76)', () => {
    const f = createFixture();
    expect(errorText(() => ingestActivationReport(f.io, f.project, f.id, []))).toContain(
      'JSON must be an object',
    );
    expect(report(f, 'a@x.com', { platform: 'WEB', first_run_at_unix_ms: 1 }).platform).toBe('web');
  });

  it('coalesces heartbeats: last seen and a count, no evidence row, no event (15.73, issue 6)', () => {
    const f = createFixture();
    const n = getEvents(f.io, f.project, f.id).events.length;
    for (let i = 1; i <= 5; i++) report(f, 'a@x.com', { heartbeat_at_unix_ms: 1000 * i, active: i !== 5 });
    const st = getStatus(f.io, f.project, f.id).session.per_recipient['a@x.com']!.platforms.web!;
    expect(st.heartbeat_count).toBe(5);
    expect(st.last_heartbeat_at_unix_ms).toBe(5000);
    expect(st.last_active).toBe(false);
    expect(st.app_proof).toBe('pending');
    expect(getEvents(f.io, f.project, f.id).events).toHaveLength(n);
    expect(readLogRows(f.store.paths, 'evidence')).toHaveLength(0);
  });

  it('records a repeated first run once', () => {
    const f = createFixture();
    report(f, 'a@x.com', { first_run_at_unix_ms: 1 });
    expect(report(f, 'a@x.com', { first_run_at_unix_ms: 2 }).recorded.duplicate_first_run).toBe(true);
    expect(readLogRows(f.store.paths, 'evidence')).toHaveLength(1);
  });
});

describe('activation credentials (issue 6)', () => {
  const firstRun = { first_run_at_unix_ms: 1 };

  it.each([
    ['no token', { activation_token: undefined }, 'activation_token is required'],
    ['a blank token', { activation_token: ' ' }, 'activation_token is required'],
    ['a malformed token', { activation_token: 'akc1.abc' }, 'malformed activation_token'],
    ['a tampered signature', { activation_token: 'TAMPER' }, 'signature mismatch'],
    ['an unknown key id', { activation_token: 'KID' }, 'unknown activation key id'],
  ])('refuses a report with %s (EACTIVATIONTOKEN, nothing written)', (_name, extra, text) => {
    const f = createFixture();
    const good = f.activationToken('a@x.com');
    const parts = good.split('.');
    const token =
      extra.activation_token === 'TAMPER'
        ? [
            parts[0],
            parts[1],
            parts[2],
            `${parts[3]!.slice(0, -1)}${parts[3]!.endsWith('0') ? '1' : '0'}`,
          ].join('.')
        : extra.activation_token === 'KID'
          ? ['akc1', 'AAAAAAAAAAAA', parts[2], parts[3]].join('.')
          : extra.activation_token;
    const before = snapshotTree(f.project);
    const payload: Record<string, unknown> = {
      delivery_id: f.id,
      recipient_token_id: f.token('a@x.com'),
      platform: 'web',
      ...firstRun,
    };
    if (token !== undefined) payload.activation_token = token;
    expect(errorText(() => ingestActivationReport(f.io, f.project, f.id, payload))).toMatch(
      new RegExp(`^EACTIVATIONTOKEN .*${text}`),
    );
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it("refuses another recipient's token, and a token of another delivery for the same person", () => {
    const f = createFixture();
    const other = createFixture({ projectDir: f.project });
    const before = snapshotTree(f.project);
    expect(
      errorText(() => report(f, 'a@x.com', { ...firstRun, activation_token: f.activationToken('b@x.com') })),
    ).toContain('issued for another recipient');
    // b's own token, but reporting as b with a token minted by another delivery
    const foreign = other.activationToken('b@x.com');
    expect(
      errorText(() =>
        ingestActivationReport(f.io, f.project, f.id, {
          delivery_id: f.id,
          activation_token: foreign,
          platform: 'web',
          ...firstRun,
        }),
      ),
    ).toMatch(/EACTIVATIONTOKEN .*(signature mismatch|unknown activation key id)/);
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it('accepts a report that carries only the token (the recipient comes from it)', () => {
    const f = createFixture();
    const r = ingestActivationReport(f.io, f.project, f.id, {
      delivery_id: f.id,
      activation_token: f.activationToken('b@x.com'),
      platform: 'web',
      ...firstRun,
    });
    expect(r.recipient).toBe('b@x.com');
    expect(readLogRows(f.store.paths, 'evidence')[0]).toMatchObject({
      evidence_kind: 'app_first_run',
      payload: { authenticated: true },
    });
  });

  it('a token signed with the key id of a rotated-out key stops working', () => {
    const f = createFixture();
    const token = f.activationToken('a@x.com');
    const fresh = generateInviteKey(f.io.now());
    f.mutate((tx) => {
      const sec = tx.get('secrets');
      tx.put('secrets', { ...sec, invite_keys: [fresh], active_kid: fresh.kid });
    });
    expect(errorText(() => report(f, 'a@x.com', { ...firstRun, activation_token: token }))).toContain(
      'unknown activation key id',
    );
    const renewed = signActivationToken({ deliveryId: f.id, tokenId: f.token('a@x.com'), key: fresh });
    expect(report(f, 'a@x.com', { ...firstRun, activation_token: renewed }).recorded.first_run).toBe(true);
  });

  it('a resent heartbeat (same timestamp) is counted once', () => {
    const f = createFixture();
    report(f, 'a@x.com', { heartbeat_at_unix_ms: 5000 });
    const again = report(f, 'a@x.com', { heartbeat_at_unix_ms: 5000 });
    expect(again.recorded).toMatchObject({ heartbeat: false, duplicate_heartbeat: true });
    report(f, 'a@x.com', { heartbeat_at_unix_ms: 4000 });
    const st = getStatus(f.io, f.project, f.id).session.per_recipient['a@x.com']!.platforms.web!;
    expect(st.heartbeat_count).toBe(2);
    expect(st.last_heartbeat_at_unix_ms).toBe(5000);
  });

  it('ingests a batch in one transaction: good reports recorded, refused ones named, in order', () => {
    const f = createFixture();
    const base = { delivery_id: f.id, platform: 'web' };
    const results = ingestActivationReports(f.io, f.project, f.id, [
      { ...base, activation_token: f.activationToken('a@x.com'), first_run_at_unix_ms: 1 },
      { ...base, activation_token: 'akc1.x', first_run_at_unix_ms: 1 },
      { ...base, activation_token: f.activationToken('b@x.com'), heartbeat_at_unix_ms: 7 },
      { ...base, activation_token: f.activationToken('a@x.com'), first_run_at_unix_ms: 2 },
      { ...base, activation_token: f.activationToken('b@x.com'), platform: 'ios', heartbeat_at_unix_ms: 8 },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'ok',
      'EACTIVATIONTOKEN',
      'ok',
      'ok',
      'EREPORT',
    ]);
    expect(results[3]).toMatchObject({ recorded: { duplicate_first_run: true } });
    const s = getStatus(f.io, f.project, f.id).session;
    expect(s.per_recipient['a@x.com']!.platforms.web!.first_run_at_unix_ms).toBe(1);
    expect(s.per_recipient['b@x.com']!.platforms.web!.heartbeat_count).toBe(1);
    expect(readLogRows(f.store.paths, 'evidence')).toHaveLength(1);
    expect(verifyDelivery(f.io, f.project, f.id).ok).toBe(true);
  });

  it('a batch with nothing to record changes nothing on disk', () => {
    const f = createFixture();
    const before = snapshotTree(f.project);
    const r = ingestActivationReports(f.io, f.project, f.id, [{ delivery_id: f.id, platform: 'web' }]);
    expect(r[0]).toMatchObject({ ok: false });
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it('activation-link issues a personal link whose akc_act verifies; the log keeps only its hash', () => {
    const f = createFixture();
    const r = issueActivationLink(f.io, f.project, f.id, 'A@X.com', 'https://beta.example.com/app');
    expect(r.recipient).toBe('a@x.com');
    const link = parseInviteUrl(r.url);
    expect(link.tokenId).toBe(f.token('a@x.com'));
    expect(link.activationToken).toBe(r.activation_token);
    const keys = f.store.read('secrets').invite_keys;
    expect(verifyActivationToken({ deliveryId: f.id, token: link.activationToken, keys }).tokenId).toBe(
      f.token('a@x.com'),
    );
    const log = readFileSync(f.store.paths.events, 'utf8');
    expect(log).toContain('delivery.invite.link_issued');
    expect(log).toContain(r.url_sha256);
    expect(log).not.toContain(r.activation_token);
    expect(open(f, 'a@x.com', r.url).replay).toBe(false);
    expect(
      errorText(() => issueActivationLink(f.io, f.project, f.id, 'zed@x.com', 'https://x.example')),
    ).toContain('ENOTMEMBER');
  });
});

describe('web invite opens (15.66, 15.67, fixed 16.11)', () => {
  it('verifies, records once and replays are accepted without new evidence', () => {
    const f = createFixture();
    const url = f.inviteUrl('b@x.com');
    const first = open(f, 'b@x.com', url);
    expect(first.record!.evidence_kind).toBe('invite_opened');
    expect(first.record!.payload).toEqual({ source: 'cli', key_id: parseInviteUrl(url).kid });
    expect(first.events[0]!.payload).toMatchObject({ kind: 'web_invite_opened', recipient: 'b@x.com' });
    expect(
      getStatus(f.io, f.project, f.id).session.per_recipient['b@x.com']!.activation_proof.provider_proof,
    ).toBe('satisfied');
    const before = snapshotTree(f.project);
    expect(open(f, 'b@x.com', url).replay).toBe(true);
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it('rejects a bad, tampered, upper/lower-mixed-but-wrong, truncated or expired signature and writes nothing', () => {
    const clock = manualClock();
    const f = createFixture({}, testIO(RELAXED, clock.now));
    const p = parseInviteUrl(f.inviteUrl('a@x.com'));
    const before = snapshotTree(f.project);
    const attempt = (over: Partial<typeof p>) => () =>
      recordWebInviteOpen(f.io, f.project, f.id, {
        tokenId: p.tokenId,
        signature: p.signature,
        expiresAtUnixMs: p.expiresAtUnixMs,
        kid: p.kid,
        ...over,
      });
    expect(errorText(attempt({ signature: 'deadbeef' }))).toContain('signature');
    expect(
      errorText(attempt({ signature: p.signature.slice(0, 63) + (p.signature.endsWith('0') ? '1' : '0') })),
    ).toContain('signature mismatch');
    expect(errorText(attempt({ expiresAtUnixMs: p.expiresAtUnixMs + 1 }))).toContain('signature mismatch');
    expect(errorText(attempt({ kid: 'nokid' }))).toContain('unknown key id');
    clock.advance(8 * 24 * 3600 * 1000);
    expect(errorText(attempt({}))).toContain('expired');
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it('accepts the signature hex in upper case', () => {
    const f = createFixture();
    const p = parseInviteUrl(f.inviteUrl('a@x.com'));
    expect(
      recordWebInviteOpen(f.io, f.project, f.id, { ...p, signature: p.signature.toUpperCase() }).replay,
    ).toBe(false);
  });
});

describe('rollup and metrics (15.77-15.80, fixed 16.26)', () => {
  it('store mode, web only (15.77, fixed): a published web app is not proof; the opened invite is', () => {
    const f = createFixture({ releaseMode: 'store' });
    f.mutate((tx) => {
      const s = tx.get('session');
      s.per_platform.web!.channels.store.status = 'completed';
      s.per_recipient['a@x.com']!.platforms.web!.invited_at_unix_ms = tx.now();
      tx.put('session', s);
    });
    report(f, 'a@x.com', { first_run_at_unix_ms: 5 });
    expect(getStatus(f.io, f.project, f.id).session.per_recipient['a@x.com']!.status).toBe('installed');
    open(f, 'a@x.com');
    expect(getStatus(f.io, f.project, f.id).session.per_recipient['a@x.com']!.status).toBe('active');
  });

  it('store mode, mobile: a live store release is provider proof; with a first run the recipient is active', () => {
    const f = createFixture({ releaseMode: 'store', platforms: 'android' });
    f.mutate((tx) => {
      const s = tx.get('session');
      s.store_release.android.status = 'live';
      tx.put('session', s);
    });
    report(f, 'a@x.com', { platform: 'android', first_run_at_unix_ms: 5 });
    expect(getStatus(f.io, f.project, f.id).session.per_recipient['a@x.com']!.status).toBe('active');
  });

  it('metrics: six keys; opens are acceptances not installs; activation counts full proof (15.38, 15.80)', () => {
    const f = createFixture();
    open(f, 'a@x.com');
    let st = getStatus(f.io, f.project, f.id);
    expect(Object.keys(st.metrics).sort()).toEqual([
      'activation_rate',
      'install_rate',
      'invite_acceptance_rate',
      'request_to_first_active_ms',
      'request_to_invite_sent_ms',
      'request_to_store_live_ms',
    ]);
    expect(st.metrics.invite_acceptance_rate).toBe(0.5);
    expect(st.metrics.install_rate).toBe(0);
    report(f, 'a@x.com', { first_run_at_unix_ms: 5 });
    st = getStatus(f.io, f.project, f.id);
    expect(st.metrics).toMatchObject({
      invite_acceptance_rate: 0.5,
      install_rate: 0.5,
      activation_rate: 0.5,
      request_to_invite_sent_ms: null,
      request_to_store_live_ms: null,
    });
    expect(st.metrics.request_to_first_active_ms).toBeGreaterThanOrEqual(0);
    expect(st.session.activation_proof.status).toBe('partial');
    open(f, 'b@x.com');
    report(f, 'b@x.com', { first_run_at_unix_ms: 5 });
    expect(getStatus(f.io, f.project, f.id).session.activation_proof.status).toBe('complete');
  });

  it('counts an invite milestone from a beta wave (15.79)', () => {
    const f = createFixture();
    f.mutate((tx) => {
      const s = tx.get('session');
      s.milestones.first_invite_sent_at_unix_ms = tx.now() + 10;
      tx.put('session', s);
    });
    const st = getStatus(f.io, f.project, f.id);
    expect(computeDeliveryMetrics(st.request, st.session).request_to_invite_sent_ms).toBeGreaterThanOrEqual(
      0,
    );
  });
});

describe('verify', () => {
  it('proves an intact log and detects a tampered event', () => {
    const f = createFixture();
    report(f, 'a@x.com', { first_run_at_unix_ms: 5 });
    expect(verifyDelivery(f.io, f.project, f.id).ok).toBe(true);
    const file = f.store.paths.events;
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('"app_goal":"Beta of the notes app"', '"app_goal":"Something else"'),
    );
    const v = verifyDelivery(f.io, f.project, f.id);
    expect(v.ok).toBe(false);
    expect(v.events.problems.join(' ')).toContain('hash does not match');
  });
});
