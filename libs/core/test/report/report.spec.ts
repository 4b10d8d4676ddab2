import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestActivationReport, recordWebInviteOpen } from '../../src/control-plane/activation';
import { submitDelivery } from '../../src/control-plane/submit';
import { parseInviteUrl } from '../../src/invites';
import {
  buildReportModel,
  loadReportModel,
  renderDeliveryReport,
  writeReportFile,
  type ReportModel,
} from '../../src/report';
import { DeliveryStore } from '../../src/store/delivery-store';
import { createFixture, type Fixture } from '../control-plane/fixtures';
import { manualClock, tempProject, testIO, RELAXED } from '../helpers';

/** Local part uses only characters the address pattern allows, but each one matters in HTML. */
const XSS_EMAIL = "o'onerror=alert`1`&x=/@evil.com";
const XSS_VERSION = '<img src=https://evil.example/p.png onerror=alert(1)>';
const XSS_REQUEST =
  'Beta of notes <script>alert(1)</script> <link rel=stylesheet href=http://evil.example/s.css>';

function report(f: Fixture, email: string, extra: Record<string, unknown>) {
  return ingestActivationReport(f.io, f.project, f.id, {
    delivery_id: f.id,
    recipient_token_id: f.token(email),
    activation_token: f.activationToken(email),
    platform: 'web',
    app_version: '1.0.0',
    ...extra,
  });
}

function open(f: Fixture, email: string) {
  const p = parseInviteUrl(f.inviteUrl(email));
  return recordWebInviteOpen(f.io, f.project, f.id, {
    tokenId: p.tokenId,
    signature: p.signature,
    expiresAtUnixMs: p.expiresAtUnixMs,
    kid: p.kid,
  });
}

/** a@x.com active (open + first run + heartbeats), b@x.com first run only, the XSS address invited. */
function populated(): Fixture {
  const clock = manualClock();
  const f = createFixture(
    { recipients: ['a@x.com', 'b@x.com', XSS_EMAIL], request: XSS_REQUEST },
    testIO(RELAXED, clock.now),
  );
  clock.advance(1000);
  f.mutate((tx) => {
    const s = tx.get('session');
    const r = tx.get('recipients');
    s.per_recipient[XSS_EMAIL]!.platforms.web!.invited_at_unix_ms = tx.now();
    r.recipients[XSS_EMAIL]!.last_invite_sent_at_unix_ms = tx.now();
    tx.put('session', s);
    tx.put('recipients', r);
    const ps = tx.get('providerState');
    ps.lanes['web:beta'] = {
      platform: 'web',
      lane: 'beta',
      status: 'completed',
      adapter_kind: 'akc.web.invite',
      external_refs: {
        build_id: 'B-42',
        upload_url: 'https://uploads.example/secret-path',
        api_token: 'tkn',
      },
      details: {},
      ledger: {},
      last_error: 'retry after <b>5xx</b> from https://provider.example/v1?akc_sig=abc',
      last_updated_at_unix_ms: tx.now(),
    };
    tx.put('providerState', ps);
    // An event that (wrongly) carries an invite link and a token must still not leak them.
    tx.appendEvent('delivery.test.note', {
      invite_url: f.inviteUrl('a@x.com'),
      note: `opened ${f.inviteUrl('b@x.com')} <svg onload=alert(1)> ${f.activationToken('b@x.com')}`,
      recipient_token_id: f.token('a@x.com'),
      echoed: f.token('b@x.com'),
      credential: `bearer ${f.activationToken('a@x.com')}`,
    });
  });
  clock.advance(1000);
  open(f, 'a@x.com');
  clock.advance(1000);
  report(f, 'a@x.com', { first_run_at_unix_ms: clock.now(), app_version: XSS_VERSION });
  for (let i = 0; i < 3; i++) {
    clock.advance(60_000);
    report(f, 'a@x.com', { heartbeat_at_unix_ms: clock.now(), active: true });
  }
  report(f, 'b@x.com', { first_run_at_unix_ms: clock.now() });
  return f;
}

/** The funnel bar values as rendered in the SVG: stage -> "n · p%". */
function funnelValues(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/data-stage="([a-z_]+)">.*?<text class="val"[^>]*>([^<]*)<\/text>/g))
    out[m[1]!] = m[2]!;
  return out;
}

/** Every start tag in the page (what a browser would create as elements). */
const startTags = (html: string) => [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)];

describe('delivery report: model and HTML from real store files', () => {
  const f = populated();
  const model = loadReportModel(f.io, f.project, f.id);
  const html = renderDeliveryReport(model);

  it('counts the funnel cumulatively from the recipients proofs', () => {
    expect(model.funnel).toEqual({
      recipients: 3,
      invited: 3,
      opened_or_installed: 2,
      first_run: 2,
      active: 1,
    });
    expect(funnelValues(html)).toEqual({
      recipients: '3 · 100.0%',
      invited: '3 · 100.0%',
      opened_or_installed: '2 · 66.7%',
      first_run: '2 · 66.7%',
      active: '1 · 33.3%',
    });
    expect(html).toContain('role="img" aria-labelledby="funnel-title funnel-desc"');
    expect(html).toMatch(/<desc id="funnel-desc">Recipients: 3 \(100\.0%\); Invited: 3/);
  });

  it('shows each recipient with its proofs and the evidence behind them', () => {
    const a = model.recipients.find((r) => r.email === 'a@x.com')!;
    expect(a.status).toBe('active');
    const web = a.platforms[0]!;
    expect(web).toMatchObject({ platform: 'web', provider_proof: 'satisfied', app_proof: 'satisfied' });
    // Heartbeats are coalesced into the platform state (older stores also kept them as evidence rows).
    expect(web.evidence.map((e) => e.kind).filter((k) => k !== 'heartbeat')).toEqual([
      'invite_opened',
      'app_first_run',
    ]);
    expect(web.evidence[0]!.source).toBe('cli');
    expect(web.evidence[1]!.source).toBe('client_activation_report');
    expect(web.heartbeat_count).toBe(3);
    expect(html).toMatch(/heartbeat <time datetime="[^"]+">[^<]+<\/time> · count 3 · active/);
    const b = model.recipients.find((r) => r.email === 'b@x.com')!;
    expect(b).toMatchObject({ status: 'installed', proof_status: 'partial' });
  });

  it('renders fields the activation model may gain (e.g. last_seen) when present', () => {
    const store = f.store;
    const session = store.read('session');
    const web = session.per_recipient['b@x.com']!.platforms.web! as unknown as Record<string, unknown>;
    web.last_seen_at_unix_ms = 1_800_000_500_000;
    web.seen_count = 7;
    web.session_token = 'never-shown-value';
    const m = buildReportModel(
      {
        request: store.read('request'),
        session,
        recipients: store.read('recipients'),
        providerState: store.read('providerState'),
        events: [],
        evidence: [],
      },
      { generatedAtUnixMs: 0 },
    );
    const b = m.recipients.find((r) => r.email === 'b@x.com')!.platforms[0]!;
    expect(b.extra).toEqual([
      { label: 'last seen at', value: '', at_unix_ms: 1_800_000_500_000 },
      { label: 'seen count', value: '7', at_unix_ms: null },
    ]);
    const out = renderDeliveryReport(m);
    expect(out).toContain('<div class="muted">last seen at <time datetime="2027-01-15T08:08:20.000Z">');
    expect(out).toContain('<div class="muted">seen count 7</div>');
    expect(out).not.toContain('never-shown-value');
  });

  it('escapes untrusted addresses, request text, app versions and payloads (rendered inert)', () => {
    expect(html).toContain('o&#39;onerror=alert&#96;1&#96;&amp;x=/@evil.com');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=[link to evil.example] onerror=alert(1)&gt;');
    expect(html).toContain('&lt;svg onload=alert(1)&gt;');
    const tags = startTags(html);
    expect(tags.filter((t) => t[1]!.toLowerCase() === 'script')).toHaveLength(1);
    expect(
      tags.filter((t) => /^(img|link|iframe|object|embed|base|form|a|audio|video)$/i.test(t[1]!)),
    ).toEqual([]);
    expect(tags.filter((t) => /\son[a-z]+\s*=/i.test(t[2]!))).toEqual([]);
    expect(tags.filter((t) => /^svg$/i.test(t[1]!))).toHaveLength(1);
  });

  it('references nothing on the network and prints no invite link or token', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    const attrs = startTags(html).map((t) => t[2]!);
    expect(attrs.filter((a) => /\b(src|href|srcset|action|xlink:href|poster|data)\s*=/i.test(a))).toEqual([]);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    const session = f.store.read('session');
    for (const r of Object.values(session.per_recipient)) expect(html).not.toContain(r.invite_token_id);
    const sig = parseInviteUrl(f.inviteUrl('a@x.com')).signature;
    expect(html).not.toContain(sig.slice(0, 16));
    expect(html).toContain('invite_url=[hidden]');
    expect(html).toContain('recipient_token_id=[hidden]');
    expect(html).toContain('echoed=[token]');
    expect(html).not.toContain(f.activationToken('a@x.com').split('.')[3]!);
    expect(html).toContain('credential=[hidden]');
    expect(html).toContain('&lt;svg onload=alert(1)&gt; [activation token]');
  });

  it('lists lanes with their status, outcome and only safe provider refs', () => {
    const beta = model.lanes.find((l) => l.platform === 'web' && l.lane === 'beta')!;
    expect(beta).toMatchObject({ status: 'not_started', outcome: 'completed', adapter: 'akc.web.invite' });
    expect(beta.refs).toEqual([['build_id', 'B-42']]);
    expect(beta.error).toBe('retry after <b>5xx</b> from [link to provider.example]');
    expect(html).toContain('retry after &lt;b&gt;5xx&lt;/b&gt; from [link to provider.example]');
    expect(html).not.toContain('tkn');
    expect(model.lanes.map((l) => `${l.platform}:${l.lane}`)).toEqual(['web:beta', 'web:store']);
  });

  it('lists every event with a short payload summary when under the limit', () => {
    expect(model.events.omitted).toBe(0);
    expect(model.events.shown.map((e) => e.seq)).toEqual(model.events.shown.map((_, i) => i + 1));
    expect(html).not.toContain('id="events-omitted"');
    expect(html).toMatch(
      /<td class="mono nw">delivery\.activation\.first_run<\/td><td class="mono">recipient=a@x\.com/,
    );
  });

  it('shows the newest N events and says how many were omitted', () => {
    const small = loadReportModel(f.io, f.project, f.id, { eventLimit: 5 });
    const total = small.events.total;
    expect(small.events.shown.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((i) => total - 5 + i));
    const out = renderDeliveryReport(small);
    expect(out).toContain(
      `Showing the newest 5 of ${total} events; ${total - 5} older events (seq 1 to ${total - 5}) are omitted.`,
    );
    expect(out.match(/<tr><td class="mono">\d+<\/td>/g)).toHaveLength(5);
  });

  it('never writes to the delivery folder', () => {
    const dir = f.store.paths.dir;
    const before = readdirSync(dir).sort();
    loadReportModel(f.io, f.project, f.id);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe('large logs', () => {
  it('a log of 2,500 events shows the newest 2,000 with a note of the 500 omitted', () => {
    const f = createFixture();
    f.mutate((tx) => {
      for (let i = 0; i < 2500; i++) tx.appendEvent('delivery.test.bulk', { i });
    });
    const model = loadReportModel(f.io, f.project, f.id);
    const total = model.events.total;
    expect(total).toBeGreaterThan(2500);
    expect(model.events.shown).toHaveLength(2000);
    expect(model.events.omitted).toBe(total - 2000);
    expect(model.events.shown[1999]!.summary).toBe('i=2499');
    expect(renderDeliveryReport(model)).toContain(
      `Showing the newest 2,000 of ${total.toLocaleString('en-US')} events; ${(total - 2000).toLocaleString('en-US')} older events`,
    );
  });

  it('a delivery with 10,000 recipients renders completely and stays a reasonable size', () => {
    const project = tempProject();
    const io = testIO();
    const recipients = Array.from({ length: 10_000 }, (_, i) => `person${i}@example.com`);
    const { delivery_id: id } = submitDelivery(io, {
      projectDir: project,
      request: 'Beta for everyone',
      recipients,
      platforms: 'web,ios',
    });
    const store = new DeliveryStore(project, id, { now: io.now });
    const session = store.read('session');
    for (const email of recipients.slice(0, 2000)) {
      session.per_recipient[email]!.platforms.web!.invited_at_unix_ms = io.now();
    }
    const model: ReportModel = buildReportModel(
      {
        request: store.read('request'),
        session,
        recipients: store.read('recipients'),
        providerState: store.read('providerState'),
        events: store.readLog('events'),
        evidence: store.readLog('evidence'),
      },
      { generatedAtUnixMs: io.now() },
    );
    const html = renderDeliveryReport(model);
    expect(model.funnel).toMatchObject({ recipients: 10_000, invited: 2000 });
    expect(html.match(/<tr><td class="mono">person\d+@example\.com<\/td>/g)).toHaveLength(10_000);
    expect(html).toContain('person9999@example.com');
    // About 750 bytes per recipient on two platforms (7.5 MB); the bound leaves room, not a blow-up.
    expect(Buffer.byteLength(html)).toBeLessThan(12 * 1024 * 1024);
  });
});

describe('writeReportFile', () => {
  const dir = tempProject('akc-report-out-');

  it('writes atomically and leaves no temp file', () => {
    const r = writeReportFile(dir, 'r.html', '<!doctype html><p>one</p>');
    expect(r).toEqual({ path: join(dir, 'r.html'), bytes: 25 });
    writeReportFile(dir, join(dir, 'r.html'), '<!doctype html><p>two</p>');
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toBe('<!doctype html><p>two</p>');
    expect(readdirSync(dir)).toEqual(['r.html']);
  });

  it.each([
    ['a missing folder', 'nope/r.html', 'EOUTDIR', /the folder .*nope does not exist/],
    ['a file as folder', 'file.txt/r.html', 'EOUTDIR', /is not a folder/],
    ['a folder as target', 'sub', 'EOUTISDIR', /is a folder, not a file/],
  ])('refuses %s (%s)', (_what, out, code, message) => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'file.txt'), 'x');
    let err: { code?: string; message?: string; exit?: number } = {};
    try {
      writeReportFile(dir, out, 'x');
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.code).toBe(code);
    expect(err.exit).toBe(2);
    expect(err.message).toMatch(message);
  });
});
