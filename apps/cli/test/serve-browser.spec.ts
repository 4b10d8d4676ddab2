import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { akc } from './run-cli';
import { serveProcess } from './serve-process';
import { sandboxProject } from './sandbox-project';
import { blockNetwork, BROWSER_TEST_TIMEOUT_MS, launchChromium } from './chromium';

async function emailedLink(smtp: string, to: string): Promise<string> {
  const link = (await serveProcess.invitesFromSink(smtp)).get(to);
  if (!link) throw new Error(`no invite mail for ${to}`);
  return link;
}

describe('the invite landing in headless Chromium', () => {
  jest.setTimeout(BROWSER_TEST_TIMEOUT_MS * 2);
  let browser: Browser | null = null;
  let serve: ChildProcess | null = null;
  afterAll(async () => {
    await browser?.close();
    if (serve && serve.exitCode === null) serve.kill('SIGKILL');
  });

  it('the emailed link opens the hosted build, whose script reports a signed first run: the recipient is active', async () => {
    const { dir, env, ctl } = sandboxProject();
    const submitted = akc(
      [
        'deliver',
        '--request',
        'Notes 1.4 web beta',
        '--recipient',
        'dana@example.com',
        '--recipient',
        'lee@example.com',
        '--platforms',
        'web',
        '--release-mode',
        'beta',
        '--delivery-version',
        '1.4.0',
        '--package',
        '--json',
      ],
      { cwd: dir, env },
    );
    expect(submitted.code).toBe(0);
    const id = (JSON.parse(submitted.stdout) as { delivery_id: string }).delivery_id;
    expect(akc(['deliver', 'resume', '--delivery-id', id, '--execute'], { cwd: dir, env }).code).toBe(0);
    const link = new URL(await emailedLink(ctl.smtp, 'dana@example.com'));
    expect(link.searchParams.get('akc_act')).toMatch(/^akc1\./);

    const started = await serveProcess.startServe({ cwd: dir, env: { ...process.env, ...env } });
    serve = started.child;
    browser = await launchChromium();
    const context = await browser.newContext();
    const refused = await blockNetwork(context, (u) => u.startsWith(started.url));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${started.url}/i${link.search}`);
    await page.waitForFunction("document.getElementById('activation')?.textContent?.startsWith('activated')");
    expect(await page.textContent('#activation')).toBe('activated: active');
    // The app dropped the credential from its address bar; the cookie is HttpOnly (invisible to scripts).
    expect(page.url()).toBe(`${started.url}/app/${id}/`);
    expect(await page.evaluate('document.cookie')).toBe('');
    await page.screenshot({ path: join(mkdtempSync(join(tmpdir(), 'akc-landing-')), 'landing.png') });

    // A second visit without the invite is refused the build; another browser profile too.
    const stranger = await browser.newContext();
    const denied = await (await stranger.newPage()).goto(`${started.url}/app/${id}/`);
    expect(denied?.status()).toBe(403);
    await stranger.close();
    await context.close();
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);

    const status = JSON.parse(
      akc(['deliver', 'status', '--delivery-id', id, '--json', '--recipients'], { cwd: dir, env }).stdout,
    ) as {
      session: {
        per_recipient: Record<string, { status: string; platforms: { web: { heartbeat_count: number } } }>;
      };
    };
    expect(status.session.per_recipient['dana@example.com']!.status).toBe('active');
    expect(status.session.per_recipient['dana@example.com']!.platforms.web.heartbeat_count).toBe(1);
    expect(status.session.per_recipient['lee@example.com']!.status).toBe('invited');
    serve.kill('SIGTERM');
  });
});
