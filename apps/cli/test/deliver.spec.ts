import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@akc/core';
import { akc, RELAXED, snapshotTree, tempDir } from './run-cli';

function submit(cwd: string, extra: string[] = [], env: Record<string, string> = RELAXED) {
  const r = akc(
    [
      'deliver',
      '--request',
      'Beta of notes',
      '--recipient',
      'a@x.com',
      '--recipient',
      'b@x.com',
      '--platforms',
      'web',
      '--json',
      ...extra,
    ],
    { cwd, env },
  );
  if (r.code !== 0 || r.stderr) throw new Error(`submit failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown> & { delivery_id: string };
}

describe('akc deliver (real processes)', () => {
  it('prints help for the deliver topic', () => {
    const r = akc(['deliver', '--help'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--recipient');
  });

  it('submit --json prints exactly the stable shape (15.16) and exits 0 even when blocked (15.18)', () => {
    const cwd = tempDir();
    const out = submit(cwd);
    expect(Object.keys(out).sort()).toEqual([
      'delivery_dir',
      'delivery_id',
      'parsed',
      'preflight_ok',
      'required_human_inputs_count',
      'session_phase',
    ]);
    expect(out.session_phase).toBe('accepted');
    const blocked = akc(
      ['deliver', '--request', 'x', '--recipient', 'a@x.com', '--release-mode', 'both', '--json'],
      { cwd, env: {} },
    );
    expect(blocked.code).toBe(0);
    expect(JSON.parse(blocked.stdout).session_phase).toBe('blocked');
  });

  it('human output names the id, the phase and each preflight issue with a fix', () => {
    const r = akc(['deliver', '--request', 'x', '--recipient', 'a@x.com', '--platforms', 'web'], {
      cwd: tempDir(),
      env: {},
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^delivery [0-9a-f-]{36}: blocked/);
    expect(r.stdout).toContain('fix: ');
  });

  it('accepts --project-dir before or after the subcommand (fix of spec 1.1)', () => {
    const project = tempDir();
    const { delivery_id: id } = submit(tempDir(), ['--project-dir', project]);
    const elsewhere = tempDir();
    for (const args of [
      ['deliver', '--project-dir', project, 'status', '--delivery-id', id, '--json'],
      ['deliver', 'status', '--delivery-id', id, '--project-dir', project, '--json'],
      ['deliver', `--project-dir=${project}`, 'status', '--delivery-id', id, '--json'],
    ]) {
      const r = akc(args, { cwd: elsewhere });
      expect(r.stderr).toBe('');
      const body = JSON.parse(r.stdout);
      expect(Object.keys(body).sort()).toEqual(['delivery_id', 'metrics', 'request', 'session']);
    }
  });

  it('status never prints a secret; events, verify, resend, activation-report and web-invite-open work end to end', () => {
    const cwd = tempDir();
    const { delivery_id: id } = submit(cwd);
    const dir = join(cwd, '.akc/delivery', id);
    const secrets = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'));
    const status = akc(['deliver', 'status', '--delivery-id', id, '--json'], { cwd });
    expect(status.stdout).not.toContain(secrets.invite_keys[0].key);
    const token = JSON.parse(status.stdout).session.per_recipient['a@x.com'].invite_token_id;

    const link = akc(
      [
        'deliver',
        'activation-link',
        '--delivery-id',
        id,
        '--recipient',
        'A@x.com',
        '--base-url',
        'https://b.example/i',
        '--json',
      ],
      { cwd },
    );
    expect(link.code).toBe(0);
    const issued = JSON.parse(link.stdout);
    expect(issued.url).toContain(`akc_act=${encodeURIComponent(issued.activation_token)}`);
    expect(readFileSync(join(dir, 'events.json'), 'utf8')).not.toContain(issued.activation_token);
    const rep = akc(['deliver', 'activation-report', '--delivery-id', id, '--json'], {
      cwd,
      input: JSON.stringify({
        delivery_id: id,
        recipient_token_id: token,
        activation_token: issued.activation_token,
        platform: 'web',
        app_version: '1.0.0',
        first_run_at_unix_ms: Date.now(),
      }),
    });
    expect(rep.stderr).toBe('');
    expect(JSON.parse(rep.stdout).recipient_status).toBe('installed');

    const resend = akc(['deliver', 'resend', '--delivery-id', id, '--recipient', 'B@X.com'], { cwd });
    expect(resend.code).toBe(0);
    expect(resend.stdout).toContain('b@x.com');

    const events = akc(['deliver', 'events', '--delivery-id', id, '--json', '--type', 'delivery.request'], {
      cwd,
    });
    expect(JSON.parse(events.stdout).events.map((e: { event_type: string }) => e.event_type)).toEqual([
      'delivery.request.accepted',
      'delivery.request.parsed',
    ]);
    expect(akc(['deliver', 'verify', '--delivery-id', id], { cwd }).stdout).toContain('intact');
  });

  it('web-invite-open takes the invite --url and records the open once', () => {
    const cwd = tempDir();
    const { delivery_id: id } = submit(cwd);
    // Sign a link with the delivery's own key through the library, as the web lane will.
    const secrets = JSON.parse(readFileSync(join(cwd, '.akc/delivery', id, 'secrets.json'), 'utf8'));
    const token = JSON.parse(akc(['deliver', 'status', '--delivery-id', id, '--json'], { cwd }).stdout)
      .session.per_recipient['a@x.com'].invite_token_id;
    const exp = Date.now() + 3600_000;
    const key = secrets.invite_keys[0];
    const sig = core.signInvite({ deliveryId: id, tokenId: token, expiresAtUnixMs: exp, key });
    const url = core.buildInviteUrl('https://beta.example.com/app', {
      deliveryId: id,
      tokenId: token,
      expiresAtUnixMs: exp,
      kid: key.kid,
      signature: sig,
    });
    const first = akc(['deliver', 'web-invite-open', '--url', url], { cwd });
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('invite open recorded for a@x.com');
    expect(akc(['deliver', 'web-invite-open', '--url', url], { cwd }).stdout).toContain('recorded once');
    const bad = akc(
      [
        'deliver',
        'web-invite-open',
        '--url',
        url.replace(/akc_sig=([0-9a-f])/, (_m, c) => `akc_sig=${c === 'a' ? 'b' : 'a'}`),
      ],
      { cwd },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ESIGNATURE');
  });
});

/** The recipient's activation credential, signed with the delivery's key (as the invite carries it). */
function activationTokenOf(cwd: string, id: string, tokenId: string): string {
  const secrets = JSON.parse(readFileSync(join(cwd, '.akc/delivery', id, 'secrets.json'), 'utf8'));
  const key = secrets.invite_keys.find((k: { kid: string }) => k.kid === secrets.active_kid);
  return core.signActivationToken({ deliveryId: id, tokenId, key });
}

describe('bad input: a clear error, exit 2, nothing changed on disk, never a stack trace', () => {
  const cwd = tempDir();
  const { delivery_id: id } = submit(cwd);
  const files = join(cwd, 'inputs');
  mkdirSync(files);
  const file = (name: string, text: string | Buffer) => {
    writeFileSync(join(files, name), text);
    return join(files, name);
  };
  const big = file('big.txt', 'a@x.com\n'.repeat(800_000));
  const binary = file('bin.txt', Buffer.from([0x61, 0x00, 0x62]));
  const arr = file('arr.json', '["a@x.com"]');
  const badjson = file('bad.json', '{"recipients": [');
  const nonstring = file('ns.json', '{"recipients": ["a@x.com", 7]}');
  const commas = file('commas.txt', 'a@x.com,b@x.com\n');
  const unicode = file('uni.txt', 'dänä@example.com\n');
  const report = (body: unknown) =>
    file(`r-${Math.random()}.json`, typeof body === 'string' ? body : JSON.stringify(body));
  const status = JSON.parse(akc(['deliver', 'status', '--delivery-id', id, '--json'], { cwd }).stdout);
  const token = status.session.per_recipient['a@x.com'].invite_token_id as string;
  const act = activationTokenOf(cwd, id, token);
  const exp = Date.now() + 3600_000;

  const cases: Array<[string, string[], string, string?]> = [
    ['missing request', ['deliver', '--recipient', 'a@x.com'], 'EREQUEST'],
    ['no recipients', ['deliver', '--request', 'x'], 'ERECIPIENTSNONE'],
    ['invalid email', ['deliver', '--request', 'x', '--recipient', 'a@b'], 'EEMAIL'],
    ['unicode email', ['deliver', '--request', 'x', '--recipients-file', unicode], 'EEMAIL'],
    ['oversized recipients file', ['deliver', '--request', 'x', '--recipients-file', big], 'ERECIPIENTSFILE'],
    ['binary recipients file', ['deliver', '--request', 'x', '--recipients-file', binary], 'ERECIPIENTSFILE'],
    ['array recipients json', ['deliver', '--request', 'x', '--recipients-file', arr], 'ERECIPIENTSFILE'],
    [
      'malformed recipients json',
      ['deliver', '--request', 'x', '--recipients-file', badjson],
      'ERECIPIENTSFILE',
    ],
    [
      'non-string recipient',
      ['deliver', '--request', 'x', '--recipients-file', nonstring],
      'ERECIPIENTSFILE',
    ],
    ['commas in a text file', ['deliver', '--request', 'x', '--recipients-file', commas], 'ERECIPIENTSFILE'],
    [
      'bad platform',
      ['deliver', '--request', 'x', '--recipient', 'a@x.com', '--platforms', 'web,windows'],
      'EPLATFORM',
    ],
    [
      'bad release mode',
      ['deliver', '--request', 'x', '--recipient', 'a@x.com', '--release-mode', 'prod'],
      'EUSAGE',
    ],
    [
      'bad version',
      ['deliver', '--request', 'x', '--recipient', 'a@x.com', '--delivery-version', 'v1.2.3.4.5'],
      'EVERSION',
    ],
    ...['../x', '.', '..', '/etc', 'a/b', 'x'.repeat(200), 'é', 'a\u0001b'].map(
      (bad): [string, string[], string] => [
        `hostile id ${JSON.stringify(bad).slice(0, 20)}`,
        ['deliver', 'status', '--delivery-id', bad],
        'EDELIVERYID',
      ],
    ),
    [
      'unknown delivery',
      ['deliver', 'status', '--delivery-id', 'nope'],
      'ENOTFOUND',
      'missing delivery request',
    ],
    ['resend non-member', ['deliver', 'resend', '--delivery-id', id, '--recipient', 'z@x.com'], 'ENOTMEMBER'],
    ['gate-pass outside both', ['deliver', 'gate-pass', '--delivery-id', id], 'EGATEMODE'],
    ['promote store in beta', ['deliver', 'promote', '--delivery-id', id, '--lane', 'store'], 'EPROMOTE'],
    [
      'report non-object',
      ['deliver', 'activation-report', '--delivery-id', id, '--json-file', report([])],
      'EJSON',
      'JSON must be an object',
    ],
    [
      'report invalid json',
      ['deliver', 'activation-report', '--delivery-id', id, '--json-file', report('{"a":')],
      'EJSON',
    ],
    [
      'report oversized',
      ['deliver', 'activation-report', '--delivery-id', id, '--json-file', report('x'.repeat(2_000_000))],
      'EJSON',
    ],
    [
      'report wrong types',
      [
        'deliver',
        'activation-report',
        '--delivery-id',
        id,
        '--json-file',
        report({
          delivery_id: id,
          activation_token: act,
          platform: 'web',
          first_run_at_unix_ms: 'soon',
        }),
      ],
      'EREPORT',
    ],
    [
      'report negative timestamp',
      [
        'deliver',
        'activation-report',
        '--delivery-id',
        id,
        '--json-file',
        report({ delivery_id: id, activation_token: act, platform: 'web', first_run_at_unix_ms: -1 }),
      ],
      'EREPORT',
    ],
    [
      'report unknown token',
      [
        'deliver',
        'activation-report',
        '--delivery-id',
        id,
        '--json-file',
        report({
          delivery_id: id,
          recipient_token_id: '00000000-0000-4000-8000-000000000000',
          activation_token: act,
          platform: 'web',
          first_run_at_unix_ms: 1,
        }),
      ],
      'EACTIVATIONTOKEN',
      'another recipient',
    ],
    [
      'report without a credential',
      [
        'deliver',
        'activation-report',
        '--delivery-id',
        id,
        '--json-file',
        report({ delivery_id: id, recipient_token_id: token, platform: 'web', first_run_at_unix_ms: 1 }),
      ],
      'EACTIVATIONTOKEN',
      'activation_token is required',
    ],
    [
      'report with a forged credential',
      [
        'deliver',
        'activation-report',
        '--delivery-id',
        id,
        '--activation-token',
        `akc1.${act.split('.')[1]}.${token}.${'0'.repeat(64)}`,
        '--json-file',
        report({ delivery_id: id, platform: 'web', first_run_at_unix_ms: 1 }),
      ],
      'EACTIVATIONTOKEN',
      'signature mismatch',
    ],
    [
      'activation-link for a stranger',
      [
        'deliver',
        'activation-link',
        '--delivery-id',
        id,
        '--recipient',
        'z@x.com',
        '--base-url',
        'https://x.example',
      ],
      'ENOTMEMBER',
    ],
    [
      'activation-link without a base URL',
      ['deliver', 'activation-link', '--delivery-id', id, '--recipient', 'a@x.com'],
      'EINVITEBASE',
    ],
    [
      'invite tampered',
      [
        'deliver',
        'web-invite-open',
        '--delivery-id',
        id,
        '--invite-token-id',
        token,
        '--expires-at',
        String(exp),
        '--key-id',
        'k',
        '--signature',
        'deadbeef',
      ],
      'ESIGNATURE',
    ],
    [
      'invite truncated url',
      ['deliver', 'web-invite-open', '--url', `https://x.example/?akc_did=${id}&akc_tid=${token}`],
      'ESIGNATURE',
    ],
    [
      'invite expired',
      [
        'deliver',
        'web-invite-open',
        '--delivery-id',
        id,
        '--invite-token-id',
        token,
        '--expires-at',
        '1000',
        '--key-id',
        status.session ? 'k' : 'k',
        '--signature',
        'a'.repeat(64),
      ],
      'ESIGNATURE',
    ],
  ];

  it.each(cases.map(([n, a, c, t]) => [n, a, c, t ?? ''] as const))('%s', (_name, args, code, text) => {
    const before = snapshotTree(cwd);
    const r = akc(args, { cwd, env: RELAXED });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(code);
    if (text) expect(r.stderr).toContain(text);
    expect(r.stderr).toContain('fix:');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.stdout).toBe('');
    expect(snapshotTree(cwd)).toEqual(before);
  });
});
