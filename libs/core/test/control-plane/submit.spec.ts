import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { submitDelivery } from '../../src/control-plane/submit';
import { getEvents, getStatus } from '../../src/control-plane/queries';
import { deliveryPaths } from '../../src/store/paths';
import { readJson, snapshotTree, tempProject, testIO, RELAXED } from '../helpers';
import type { DeliverySession } from '../../src/schemas/session';

const io = testIO();
const base = { request: 'Beta of notes', recipients: ['a@x.com'] };

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('submit: input validation (spec 15.1-15.14), nothing written on refusal', () => {
  const project = tempProject();
  it.each([
    ['no request', { ...base, request: '   ' }, 'EREQUEST', '--request is required'],
    ['no recipients', { request: 'x', recipients: [] }, 'ERECIPIENTSNONE', 'recipients must come from'],
    ['invalid email', { ...base, recipients: ['a@b'] }, 'EEMAIL', "invalid recipient email: 'a@b'"],
    ['unicode email', { ...base, recipients: ['dänä@example.com'] }, 'EEMAIL', 'invalid recipient email'],
    ['unsupported platform', { ...base, platforms: 'web,windows' }, 'EPLATFORM', 'windows'],
    ['empty platforms', { ...base, platforms: ' , ' }, 'EPLATFORMNONE', 'at least one platform'],
    ['bad release mode', { ...base, releaseMode: 'prod' }, 'ERELEASEMODE', 'prod'],
    [
      'missing recipients file',
      { ...base, recipientsFile: '/nonexistent/r.txt' },
      'ERECIPIENTSFILE',
      'not found',
    ],
    ['unmappable version', { ...base, deliveryVersion: 'banana' }, 'EVERSION', 'banana'],
  ])('%s', (_name, input, code, text) => {
    const before = snapshotTree(project);
    const err = errorOf(() => submitDelivery(io, { projectDir: project, ...input }));
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
    expect(snapshotTree(project)).toEqual(before);
    expect(existsSync(join(project, '.akc'))).toBe(false);
  });

  it('rejects a JSON recipients file whose top level is an array (spec 15.11)', () => {
    const file = join(project, 'r.json');
    writeFileSync(file, '["x@y.com"]');
    expect(
      errorOf(() => submitDelivery(io, { projectDir: project, ...base, recipientsFile: file })).code,
    ).toBe('ERECIPIENTSFILE');
  });
});

describe('submit: what a new delivery holds', () => {
  it('normalises, de-duplicates, file first then CLI (15.3, 15.4), and de-duplicates platforms', () => {
    const project = tempProject();
    writeFileSync(join(project, 'team.txt'), '# team\nx@y.com  # lead\n\nQ@q.co\n');
    const r = submitDelivery(io, {
      projectDir: project,
      request: 'x',
      recipientsFile: join(project, 'team.txt'),
      recipients: ['A@X.com', ' a@x.com ', 'q@q.co'],
      platforms: 'Web, IOS,web',
    });
    const request = getStatus(io, project, r.delivery_id).request;
    expect(request.recipients).toEqual(['x@y.com', 'q@q.co', 'a@x.com']);
    expect(request.platforms).toEqual(['web', 'ios']);
  });

  it('defaults platforms, mode and version; writes every file, secrets 0600 and nowhere else (15.15, 15.17)', () => {
    const project = tempProject();
    const r = submitDelivery(io, { projectDir: project, ...base });
    const p = deliveryPaths(project, r.delivery_id);
    const status = getStatus(io, project, r.delivery_id);
    expect(status.request.platforms).toEqual(['web', 'ios', 'android']);
    expect(status.request.release_mode).toBe('beta');
    expect(status.request.delivery_version).toBe('1.0.0');
    for (const f of [p.request, p.session, p.recipients, p.events, p.providerState, p.evidence, p.secrets])
      expect(existsSync(f)).toBe(true);
    expect(statSync(p.secrets).mode & 0o777).toBe(0o600);
    const key = readJson<{ invite_keys: Array<{ key: string }> }>(p.secrets).invite_keys[0]!.key;
    const everything = readdirSync(p.dir)
      .filter((n) => n !== 'secrets.json')
      .map((n) => readFileSync(join(p.dir, n), 'utf8'))
      .join('\n');
    expect(everything).not.toContain(key);
    expect(JSON.stringify(status)).not.toContain(key);
    expect(readdirSync(join(project, '.akc/delivery')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('first events are accepted, parsed, preflight.completed with seq 1..3 (15.25)', () => {
    const project = tempProject();
    const f = submitDelivery(io, { projectDir: project, ...base });
    const events = getEvents(io, project, f.delivery_id).events;
    expect(events.map((e) => e.event_type)).toEqual([
      'delivery.request.accepted',
      'delivery.request.parsed',
      'delivery.preflight.completed',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('strict preflight in an empty repo blocks a both-mode delivery on all platforms (15.18, 15.26)', () => {
    const project = tempProject();
    const r = submitDelivery(testIO({}), {
      projectDir: project,
      ...base,
      platforms: 'web,ios,android',
      releaseMode: 'both',
    });
    expect(r.session_phase).toBe('blocked');
    expect(r.preflight_ok).toBe(false);
    const s = getStatus(io, project, r.delivery_id).session;
    expect(s.pipeline.distribution.status).toBe('blocked');
    expect(s.per_platform.ios!.channels.beta.status).toBe('blocked');
    const pre = getEvents(io, project, r.delivery_id).events[2]!.payload as {
      ok: boolean;
      platforms: Record<string, { lanes: Record<string, { applicable: boolean }> }>;
    };
    expect(pre.ok).toBe(false);
    expect(pre.platforms.web!.lanes.beta!.applicable).toBe(true);
    expect(pre.platforms.ios!.lanes.beta!.applicable).toBe(true);
  });

  it('relaxed preflight accepts; the provider row is per lane (15.19, 15.20)', () => {
    for (const env of [RELAXED, { AKC_DELIVERY_ENFORCE_ADAPTER_PREFLIGHT: '0' }]) {
      const project = tempProject();
      const r = submitDelivery(testIO(env), {
        projectDir: project,
        ...base,
        platforms: 'web',
        releaseMode: 'both',
      });
      expect(r.session_phase).toBe('accepted');
      const ps = readJson<{
        lanes: Record<string, { status: string; details: { preflight: { issues: unknown[] } } }>;
      }>(deliveryPaths(project, r.delivery_id).providerState);
      expect(Object.keys(ps.lanes).sort()).toEqual(['web:beta', 'web:store']);
      expect(ps.lanes['web:beta']!.status).toBe('not_started');
      expect(ps.lanes['web:beta']!.details.preflight.issues).toEqual([]);
    }
  });

  it('operator prereqs satisfy web while ios stays blocked (15.21)', () => {
    const project = tempProject();
    mkdirSync(join(project, '.akc/delivery'), { recursive: true });
    writeFileSync(
      join(project, '.akc/delivery/operator_prereqs.json'),
      JSON.stringify({
        web: { hosting_endpoint: 'https://notes.example.com', invite_email_configured: true },
      }),
    );
    const r = submitDelivery(testIO({}), { projectDir: project, ...base, platforms: 'web,ios' });
    const s = getStatus(io, project, r.delivery_id).session;
    expect(s.per_platform.web!.channels.beta.status).toBe('not_started');
    expect((s.per_platform.web!.channels.beta.details.preflight as { ok: boolean }).ok).toBe(true);
    expect(s.per_platform.ios!.channels.beta.status).toBe('blocked');
    expect(s.session_phase).toBe('blocked');
  });

  it('mode decides lanes, store sub-rows, the gate and the plan (15.22-15.24)', () => {
    const store = getStatus(
      io,
      ...(() => {
        const p = tempProject();
        return [
          p,
          submitDelivery(io, { projectDir: p, ...base, platforms: 'web', releaseMode: 'store' }).delivery_id,
        ] as const;
      })(),
    ).session;
    expect(store.per_platform.web!.channels.beta.status).toBe('not_applicable');
    expect(store.store_release.android.status).toBe('not_applicable');
    expect(store.distribution_plan).toBeUndefined();
    expect(store.human_readiness_gate.status).toBe('not_applicable');
    const p = tempProject();
    const both: DeliverySession = getStatus(
      io,
      p,
      submitDelivery(io, { projectDir: p, ...base, platforms: 'ios', releaseMode: 'both' }).delivery_id,
    ).session;
    expect(both.distribution_plan!.sequence_phases).toEqual([
      'beta_delivery',
      'human_readiness_gate',
      'store_promotion',
    ]);
    expect(both.distribution_plan!.current_phase).toBe('beta_delivery');
    expect(both.distribution_plan!.v1_excluded_channels).toContain('enterprise_distribution');
    expect(both.human_readiness_gate.status).toBe('pending');
    expect(both.store_release.ios.status).toBe('not_started');
    // Store sub-rows follow the mode: a beta delivery has no store release.
    const q = tempProject();
    const beta = getStatus(
      io,
      q,
      submitDelivery(io, { projectDir: q, ...base, platforms: 'ios' }).delivery_id,
    ).session;
    expect(beta.store_release.ios.status).toBe('not_applicable');
  });

  it('recipient rows start pending with one token shared by session and sidecar (15.27, 15.28)', () => {
    const project = tempProject();
    const r = submitDelivery(io, {
      projectDir: project,
      ...base,
      recipients: ['a@x.com', 'b@x.com'],
      platforms: 'web,android',
    });
    const s = getStatus(io, project, r.delivery_id).session;
    const side = readJson<{
      recipients: Record<
        string,
        {
          invite_token_id: string;
          platforms: string[];
          resend_count: number;
          status: string;
          last_invite_sent_at_unix_ms: null;
        }
      >;
    }>(deliveryPaths(project, r.delivery_id).recipients);
    for (const email of ['a@x.com', 'b@x.com']) {
      const row = s.per_recipient[email]!;
      expect(row.status).toBe('pending');
      expect(row.activation_proof).toEqual({
        status: 'pending',
        provider_proof: 'pending',
        app_proof: 'pending',
      });
      expect(row.invite_token_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(side.recipients[email]).toEqual({
        email,
        platforms: ['web', 'android'],
        invite_token_id: row.invite_token_id,
        status: 'pending',
        last_invite_sent_at_unix_ms: null,
        resend_count: 0,
      });
    }
  });

  it('parses the request but never widens targets from free text (15.29-15.31)', () => {
    const project = tempProject();
    const r = submitDelivery(io, {
      projectDir: project,
      request: 'ship ios app to testers, cc evil@x.com',
      recipients: ['a@x.com'],
      platforms: 'web',
    });
    expect(r.parsed.requested_platforms).toEqual(['web']);
    expect(r.parsed.request_mentions_platforms).toContain('ios');
    expect(r.parsed.warnings).toHaveLength(1);
    expect(r.parsed.warnings[0]).toContain('--platforms');
    expect(r.parsed.recipient_set).toEqual(['a@x.com']);
    const d = submitDelivery(io, {
      projectDir: project,
      request: 'build a dog walking app and send it to these 3 users',
      recipients: ['a@x.com'],
      platforms: 'web',
    });
    expect(d.parsed.app_goal).toBe('build a dog walking app');
  });

  it('redacts secret env values from every document it writes', () => {
    const project = tempProject();
    const secret = 'sg-very-secret-value-123';
    const r = submitDelivery(testIO({ ...RELAXED, SENDGRID_API_KEY: secret }), {
      projectDir: project,
      request: `use key ${secret}`,
      recipients: ['a@x.com'],
      platforms: 'web',
    });
    const text = readdirSync(deliveryPaths(project, r.delivery_id).dir)
      .map((n) => readFileSync(join(deliveryPaths(project, r.delivery_id).dir, n), 'utf8'))
      .join('');
    expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
