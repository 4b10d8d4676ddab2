import { spawn, spawnSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { loadSandboxEnv, parseSandboxEnv } from '../src/sandbox/load-env';
import { akc, BIN, tempDir } from './run-cli';

const ENV_NAMES = [
  'AKC_SANDBOX',
  'AKC_ASC_BASE_URL',
  'APP_STORE_CONNECT_API_KEY_ID',
  'APP_STORE_CONNECT_API_ISSUER_ID',
  'APP_STORE_CONNECT_PRIVATE_KEY_PATH',
  'AKC_DELIVERY_ASC_BETA_GROUP_ID',
  'AKC_PLAY_ROOT_URL',
  'AKC_FIREBASE_ROOT_URL',
  'AKC_GOOGLE_TOKEN_URI',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'AKC_DELIVERY_FIREBASE_APP_ID',
  'AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS',
  'AKC_DELIVERY_PLAY_PACKAGE_NAME',
  'AKC_DELIVERY_SMTP_URL',
  'AKC_SANDBOX_CONTROL_URLS',
];

/** Every daemon pid seen, killed in afterAll if `akc sandbox stop` did not get them. */
const daemons = new Set<number>();
const projects: string[] = [];

function project(): string {
  const dir = tempDir();
  projects.push(dir);
  return dir;
}

function run(args: string[], cwd: string) {
  const r = akc([...args, '--json'], { cwd });
  if (r.code !== 0) throw new Error(`akc ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  if (typeof out['pid'] === 'number') daemons.add(out['pid']);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/status`, 'utf8').includes('State:\tZ');
  } catch {
    return false;
  }
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function ascToken(keyId: string, issuerId: string, pem: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part({ alg: 'ES256', kid: keyId, typ: 'JWT' })}.${part({ iss: issuerId, iat: now, exp: now + 300, aud: 'appstoreconnect-v1' })}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: pem, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

async function googleToken(serviceAccountPath: string): Promise<string> {
  const sa = JSON.parse(readFileSync(serviceAccountPath, 'utf8')) as Record<string, string>;
  const now = Math.floor(Date.now() / 1000);
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const claims = {
    iss: sa['client_email'],
    scope: 'https://www.googleapis.com/auth/androidpublisher',
    aud: sa['token_uri'],
    iat: now,
    exp: now + 600,
  };
  const input = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  const assertion = `${input}.${sign('sha256', Buffer.from(input), sa['private_key']!).toString('base64url')}`;
  const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
  const response = await fetch(sa['token_uri']!, { method: 'POST', body });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

afterAll(() => {
  for (const dir of projects) akc(['sandbox', 'stop'], { cwd: dir });
  for (const pid of daemons) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('akc sandbox (real processes)', () => {
  const cwd = project();
  let pid = 0;

  it('start runs every emulator on 127.0.0.1 and reports it', () => {
    const out = run(['sandbox', 'start', '--bundle-id', 'com.example.notes'], cwd);
    expect(out['started']).toBe(true);
    pid = out['pid'] as number;
    expect(alive(pid)).toBe(true);
    const urls = Object.values(out['urls'] as Record<string, string>);
    expect(urls).toHaveLength(5);
    for (const url of urls) expect(url).toMatch(/^(http|smtp):\/\/127\.0\.0\.1:\d+(\/token)?$/);
    expect(JSON.stringify(out)).not.toContain('PRIVATE KEY');
  });

  it('status says running and every control URL answers over HTTP', async () => {
    const out = run(['sandbox', 'status'], cwd);
    expect(Object.keys(out).sort()).toEqual([
      'env_file',
      'pid',
      'running',
      'started_at',
      'uptime_seconds',
      'urls',
    ]);
    expect(out).toMatchObject({ running: true, pid, env_file: join(cwd, '.akc/sandbox/sandbox.env') });
    const env = loadSandboxEnv(cwd)!;
    const control = JSON.parse(env['AKC_SANDBOX_CONTROL_URLS']!) as Record<string, string>;
    expect(Object.keys(control).sort()).toEqual(['asc', 'firebase', 'google_oauth', 'play', 'smtp']);
    for (const url of Object.values(control)) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/__control/health`)).status).toBe(200);
    }
  });

  it('writes a strict env file whose credentials work against the emulators', async () => {
    const env = loadSandboxEnv(cwd)!;
    expect(Object.keys(env)).toEqual(ENV_NAMES);
    expect(env['AKC_SANDBOX']).toBe('1');
    const dir = join(cwd, '.akc/sandbox');
    expect(mode(join(dir, 'sandbox.env'))).toBe(0o600);
    expect(mode(join(dir, 'credentials'))).toBe(0o700);
    for (const name of ['APP_STORE_CONNECT_PRIVATE_KEY_PATH', 'GOOGLE_APPLICATION_CREDENTIALS']) {
      expect(isAbsolute(env[name]!)).toBe(true);
      expect(mode(env[name]!)).toBe(0o600);
    }
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).not.toContain('PRIVATE KEY');
    const pem = readFileSync(env['APP_STORE_CONNECT_PRIVATE_KEY_PATH']!, 'utf8');
    const token = ascToken(
      env['APP_STORE_CONNECT_API_KEY_ID']!,
      env['APP_STORE_CONNECT_API_ISSUER_ID']!,
      pem,
    );
    const groups = await fetch(`${env['AKC_ASC_BASE_URL']}/v1/betaGroups`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await groups.json()) as { data: { id: string }[] };
    expect(body.data.map((g) => g.id)).toEqual([env['AKC_DELIVERY_ASC_BETA_GROUP_ID']]);
    const access = await googleToken(env['GOOGLE_APPLICATION_CREDENTIALS']!);
    const pkg = env['AKC_DELIVERY_PLAY_PACKAGE_NAME']!;
    expect(pkg).toBe('com.example.notes');
    const edit = await fetch(`${env['AKC_PLAY_ROOT_URL']}androidpublisher/v3/applications/${pkg}/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access}` },
    });
    expect(edit.status).toBe(200);
  });

  it('a second start reports the running sandbox instead of starting another', () => {
    const r = akc(['sandbox', 'start'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`already running for this project (pid ${pid}`);
    expect(run(['sandbox', 'start'], cwd)).toMatchObject({ started: false, pid });
  });

  it('stop ends the daemon and removes state and env, keeps credentials; stopping again is fine', () => {
    expect(run(['sandbox', 'stop'], cwd)).toMatchObject({ was_running: true, pid, forced: false });
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(cwd, '.akc/sandbox/state.json'))).toBe(false);
    expect(loadSandboxEnv(cwd)).toBeNull();
    expect(existsSync(join(cwd, '.akc/sandbox/credentials/service-account.json'))).toBe(true);
    expect(run(['sandbox', 'status'], cwd)).toEqual({
      running: false,
      pid: null,
      urls: null,
      env_file: null,
      started_at: null,
      uptime_seconds: null,
    });
    const again = akc(['sandbox', 'stop'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('not running');
  });
});

describe('stale state and --foreground', () => {
  it('cleans a state.json whose pid is dead, then starts (reusing the kept credentials)', () => {
    // A space and an apostrophe in the path: the env file must quote them the way sh and akc agree on.
    const cwd = join(project(), "Dana's app");
    mkdirSync(cwd);
    projects.push(cwd);
    const first = run(['sandbox', 'start'], cwd);
    run(['sandbox', 'stop'], cwd);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(cwd, '.akc/sandbox'), { recursive: true });
    writeFileSync(join(cwd, '.akc/sandbox/state.json'), JSON.stringify({ ...first, pid: dead }));
    const status = akc(['sandbox', 'status'], { cwd });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`stale files of dead pid ${dead}`);
    const second = run(['sandbox', 'start'], cwd);
    expect(second).toMatchObject({ started: true, cleaned_stale: true });
    expect(second['pid']).not.toBe(dead);
    expect(second['credentials']).toEqual(first['credentials']);
    const env = loadSandboxEnv(cwd)!;
    expect(env['GOOGLE_APPLICATION_CREDENTIALS']).toBe(
      join(cwd, '.akc/sandbox/credentials/service-account.json'),
    );
    expect(run(['sandbox', 'stop', '--purge'], cwd)).toMatchObject({ was_running: true, purged: true });
    expect(existsSync(join(cwd, '.akc/sandbox/credentials'))).toBe(false);
  });

  it('fails with EINTERNAL and the daemon log tail when the daemon cannot start', async () => {
    const cwd = project();
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = busy.address() as AddressInfo;
      const r = akc(['sandbox', 'start', '--ports', `asc=${port}`], { cwd });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('EINTERNAL');
      expect(r.stderr).toContain('EADDRINUSE');
      expect(existsSync(join(cwd, '.akc/sandbox/state.json'))).toBe(false);
      expect(existsSync(join(cwd, '.akc/sandbox/daemon.lock'))).toBe(false);
    } finally {
      busy.close();
    }
    expect(akc(['sandbox', 'start', '--ports', 'asc=x'], { cwd }).code).toBe(2);
  });

  it('--foreground runs until the CLI gets a signal, then cleans up', async () => {
    const cwd = project();
    const child = spawn(process.execPath, [BIN, 'sandbox', 'start', '--foreground'], { cwd, stdio: 'pipe' });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 10_000;
    while (!stdout.includes('Press Ctrl-C') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const state = JSON.parse(readFileSync(join(cwd, '.akc/sandbox/state.json'), 'utf8')) as { pid: number };
    daemons.add(state.pid);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(state.pid)).toBe(false);
    expect(existsSync(join(cwd, '.akc/sandbox/state.json'))).toBe(false);
  });
});

describe('parseSandboxEnv', () => {
  it('reads what sh reads: bare values, single quotes and escaped apostrophes', () => {
    const text = "# comment\n\nA=1\nB='has space'\nC='it'\\''s'\nD='{\"x\":\"y\"}'\n";
    expect(parseSandboxEnv(text)).toEqual({ A: '1', B: 'has space', C: "it's", D: '{"x":"y"}' });
    const file = join(tempDir(), 'sandbox.env');
    writeFileSync(file, text);
    const script = `set -a; . "$1"; set +a; printf '%s|%s|%s|%s' "$A" "$B" "$C" "$D"`;
    const sh = spawnSync('sh', ['-c', script, 'sh', file], { encoding: 'utf8' });
    expect(sh.stdout).toBe(`1|has space|it's|{"x":"y"}`);
  });

  it.each([
    ['export A=1', 'expected KEY=value'],
    ['A=$HOME', 'unexpected character'],
    ['A="x"', 'unexpected character'],
    ["A='open", 'unterminated'],
    ['A=1\nA=2', 'duplicate A'],
    ['no-equals', 'expected KEY=value'],
  ])('refuses %j', (text, reason) => {
    expect(() => parseSandboxEnv(text)).toThrow(reason);
  });
});
