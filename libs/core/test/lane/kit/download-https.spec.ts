import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { downloadHttps } from '../../../src/lane/kit';
import { isAkcError } from '../../../src/errors/akc-error';
import { cleanupSandboxes, createBuildSandbox } from '../../../src/testing';

afterEach(cleanupSandboxes);

const failure = { platform: 'ios', hint: 'Use lanes.ios.eas_local.' } as const;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('lane kit: downloadHttps', () => {
  it('refuses a non-https URL with EPACKAGING for the platform, keeping the signed query out', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const e = await rejection(
      downloadHttps(
        'http://example.com/app.ipa?X-Amz-Signature=secret',
        join(sb.workDir, 'app.ipa'),
        new AbortController().signal,
        failure,
      ),
    );
    expect(isAkcError(e) && e.code).toBe('EPACKAGING');
    expect(isAkcError(e) && e.params).toEqual({
      platform: 'ios',
      reason: 'refusing to download the artifact over a non-https URL: http://example.com/app.ipa?…',
      hint: 'Use lanes.ios.eas_local.',
    });
    expect(readdirSync(sb.workDir)).toEqual([]);
  });

  it('reports a connection failure as EPACKAGING and leaves no .partial', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const port = await closedPort();
    const e = await rejection(
      downloadHttps(
        `https://127.0.0.1:${port}/a.aab?token=t`,
        join(sb.workDir, 'a.aab'),
        new AbortController().signal,
        {
          platform: 'android',
          hint: 'h',
        },
      ),
    );
    expect(isAkcError(e) && e.params).toMatchObject({
      platform: 'android',
      reason: expect.stringMatching(
        new RegExp(`^downloading https://127\\.0\\.0\\.1:${port}/a\\.aab\\?… failed: `),
      ),
      hint: 'h',
    });
    expect(readdirSync(sb.workDir)).toEqual([]);
  });
});
