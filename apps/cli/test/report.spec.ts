import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import * as core from '@akc/core';
import { akc, RELAXED, tempDir } from './run-cli';
import { BROWSER_TEST_TIMEOUT_MS, blockNetwork, launchChromium } from './chromium';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

/** Allowed by the address pattern, and every character of it matters in HTML. */
const XSS_EMAIL = "o'onerror=alert`1`&x=/@evil.com";

function run(cwd: string, args: string[], input?: string) {
  const r = akc(args, { cwd, env: RELAXED, input });
  if (r.code !== 0) throw new Error(`akc ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r;
}

/** A web delivery to three people: a@x.com active (open + first run), b@x.com ran the app. */
function deliveryWithEvidence(cwd: string): string {
  const submitted = run(cwd, [
    'deliver',
    '--request',
    'Beta of notes <script>alert(1)</script>',
    '--recipient',
    'a@x.com',
    '--recipient',
    'b@x.com',
    '--recipient',
    XSS_EMAIL,
    '--platforms',
    'web',
    '--json',
  ]);
  const id = (JSON.parse(submitted.stdout) as { delivery_id: string }).delivery_id;
  const secrets = JSON.parse(readFileSync(join(cwd, '.akc/delivery', id, 'secrets.json'), 'utf8'));
  const key = secrets.invite_keys[0];
  const status = JSON.parse(run(cwd, ['deliver', 'status', '--delivery-id', id, '--json']).stdout);
  const tokenOf = (email: string): string => status.session.per_recipient[email].invite_token_id;

  const exp = Date.now() + 3600_000;
  const url = core.buildInviteUrl('https://beta.example.com/app', {
    deliveryId: id,
    tokenId: tokenOf('a@x.com'),
    expiresAtUnixMs: exp,
    kid: key.kid,
    signature: core.signInvite({ deliveryId: id, tokenId: tokenOf('a@x.com'), expiresAtUnixMs: exp, key }),
  });
  run(cwd, ['deliver', 'web-invite-open', '--url', url]);
  for (const [email, version] of [
    ['a@x.com', '<img src=https://evil.example/p.png onerror=alert(1)>'],
    ['b@x.com', '1.0.0'],
  ] as const) {
    const tokenId = tokenOf(email);
    run(
      cwd,
      ['deliver', 'activation-report', '--delivery-id', id],
      JSON.stringify({
        delivery_id: id,
        recipient_token_id: tokenId,
        activation_token: core.signActivationToken({ deliveryId: id, tokenId, key }),
        platform: 'web',
        app_version: version,
        first_run_at_unix_ms: Date.now(),
        heartbeat_at_unix_ms: Date.now(),
      }),
    );
  }
  return id;
}

/** Width and height from a PNG's signature and IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(buf.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('akc deliver report (real processes)', () => {
  const cwd = tempDir();
  const id = deliveryWithEvidence(cwd);

  it('writes the report, prints its path and a one-line funnel', () => {
    const r = run(cwd, ['deliver', 'report', '--delivery-id', id, '--out', 'report.html']);
    expect(r.stderr).toBe('');
    const file = join(cwd, 'report.html');
    expect(r.stdout).toContain(`report written to ${file} (${statSync(file).size} bytes)`);
    expect(r.stdout).toContain(
      'funnel: 3 recipients, 2 invited (66.7%), 2 opened / installed (66.7%), 2 first run (66.7%), 1 active (33.3%)',
    );
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--json prints {delivery_id, out, bytes, recipients, events}', () => {
    mkdirSync(join(cwd, 'out'), { recursive: true });
    const r = run(cwd, ['deliver', 'report', '--delivery-id', id, '--out', 'out/r.html', '--json']);
    const body = JSON.parse(r.stdout);
    expect(Object.keys(body).sort()).toEqual(['bytes', 'delivery_id', 'events', 'out', 'recipients']);
    expect(body).toMatchObject({ delivery_id: id, out: join(cwd, 'out/r.html'), recipients: 3 });
    expect(body.bytes).toBe(statSync(join(cwd, 'out/r.html')).size);
    expect(body.events).toBeGreaterThan(5);
  });

  it('--out - writes the page to stdout', () => {
    const r = run(cwd, ['deliver', 'report', '--delivery-id', id, '--out', '-']);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
  });

  it.each([
    ['a missing folder', ['--out', 'missing/r.html'], 'EOUTDIR'],
    ['a folder', ['--out', '.'], 'EOUTISDIR'],
    ['stdout with --json', ['--out', '-', '--json'], 'EOUTSTDOUT'],
  ])('refuses %s with exit 2 and writes nothing', (_what, args, code) => {
    const before = readdirSync(cwd).sort();
    const r = akc(['deliver', 'report', '--delivery-id', id, ...args], { cwd, env: RELAXED });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`akc deliver report: ${code} `);
    expect(r.stderr).toContain('fix: ');
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd).sort()).toEqual(before);
  });

  it('refuses an unknown delivery with ENOTFOUND', () => {
    const r = akc(['deliver', 'report', '--delivery-id', 'nope', '--out', 'x.html'], { cwd, env: RELAXED });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ENOTFOUND');
    expect(existsSync(join(cwd, 'x.html'))).toBe(false);
  });

  describe('in headless Chromium', () => {
    let browser: Browser | undefined;
    afterAll(async () => {
      await browser?.close();
    });

    it('renders offline: funnel and recipients visible, nothing fetched, no script ran from data', async () => {
      browser = await launchChromium();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const refused = await blockNetwork(context);
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      const dialogs: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });

      await page.goto(pathToFileURL(join(cwd, 'report.html')).href, { waitUntil: 'load' });
      await expect(page.title()).resolves.toBe(`Delivery report ${id}`);

      const bar = (stage: string) => page.locator(`#funnel g[data-stage="${stage}"] text.val`);
      await expect(bar('recipients').textContent()).resolves.toBe('3 · 100.0%');
      await expect(bar('opened_or_installed').textContent()).resolves.toBe('2 · 66.7%');
      await expect(bar('active').textContent()).resolves.toBe('1 · 33.3%');
      expect(await bar('active').isVisible()).toBe(true);
      expect(await page.locator('#funnel svg[role="img"] > title').textContent()).toBe('Recipient funnel');

      const rowA = page.locator('#recipients tbody tr', { hasText: 'a@x.com' });
      expect(await rowA.isVisible()).toBe(true);
      expect(await rowA.locator('td').nth(1).innerText()).toContain('active');
      expect(await rowA.innerText()).toContain('invite_opened');
      const xss = page.locator('#recipients tbody tr', { hasText: XSS_EMAIL });
      expect(await xss.locator('td').first().textContent()).toBe(XSS_EMAIL);
      expect(await page.locator('#request-summary').textContent()).toContain('<script>alert(1)</script>');
      expect(await page.locator('img, iframe, link, object, embed, script[src]').count()).toBe(0);

      // The inline filter script runs (allowed by its CSP hash).
      await page.locator('#recipient-filter').fill('b@x.com');
      await expect(page.locator('#recipient-count').textContent()).resolves.toBe('1');
      expect(await page.locator('#recipients tbody tr:visible').count()).toBe(1);
      await page.locator('#recipient-filter').fill('');

      const shots = tempDir();
      const shot = join(shots, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      const { width, height } = pngSize(shot);
      expect(statSync(shot).size).toBeGreaterThan(1000);
      expect(width).toBeGreaterThan(0);
      expect(height).toBeGreaterThan(900);
      if (process.env.AKC_REPORT_SCREENSHOT) copyFileSync(shot, process.env.AKC_REPORT_SCREENSHOT);

      await context.close();
      expect(refused).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  });
});
