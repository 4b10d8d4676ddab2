import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Where the browser checks find Chromium: AKC_CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.AKC_CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Headless, sandbox-free (containers), and quiet: no background traffic of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Generous for a loaded 2-core machine: a cold Chromium start can take several seconds there. */
export const BROWSER_TEST_TIMEOUT_MS = 60_000;

/**
 * Launch headless Chromium through playwright-core. Each launch gets a fresh temporary profile
 * (user-data-dir) that Playwright removes on `close()`; always close the browser in `afterAll`.
 *
 * @throws Error naming the missing executable when Chromium is not installed.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's chromium (CI installs it via .ci/run: ` +
        'apt-get install chromium) or set AKC_CHROMIUM_PATH to a Chromium executable.',
    );
  }
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true, timeout: 30_000 });
}

/**
 * Abort every request a context makes unless `allow(url)` says yes (default: only `file:` and
 * `data:`), and collect the URLs of all that were refused, to assert none happened.
 */
export async function blockNetwork(
  context: BrowserContext,
  allow: (url: string) => boolean = (url) => url.startsWith('file:') || url.startsWith('data:'),
): Promise<string[]> {
  const refused: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (allow(url)) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  // Requests the router does not see (e.g. a WebSocket or a service worker) still show up here.
  context.on('request', (req) => {
    if (!allow(req.url()) && !refused.includes(req.url())) refused.push(req.url());
  });
  return refused;
}
