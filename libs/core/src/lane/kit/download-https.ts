import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { get } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { akcError } from '../../errors/akc-error';
import type { Platform } from '../../schemas/common';

const MAX_REDIRECTS = 5;

/** Who is downloading: the EPACKAGING error names the platform and carries the lane's hint. */
export interface DownloadFailure {
  readonly platform: Platform;
  readonly hint: string;
}

/**
 * Download `url` to `to`, streamed to disk (never buffered whole), via `<to>.partial` + rename.
 * Only https is allowed, for the first URL and for every redirect. Abortable through `signal`.
 * Every failure is EPACKAGING for `failure.platform` with `failure.hint`; signed query strings are
 * kept out of messages.
 */
export async function downloadHttps(
  url: string,
  to: string,
  signal: AbortSignal,
  failure: DownloadFailure,
): Promise<void> {
  const partial = `${to}.partial`;
  const refuse = (reason: string): Error =>
    akcError('EPACKAGING', { platform: failure.platform, reason, hint: failure.hint });
  try {
    const res = await openHttps(url, signal, MAX_REDIRECTS, refuse);
    await pipeline(res, createWriteStream(partial), { signal });
    renameSync(partial, to);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

function openHttps(
  url: string,
  signal: AbortSignal,
  redirectsLeft: number,
  refuse: (reason: string) => Error,
): Promise<IncomingMessage> {
  if (!/^https:\/\//i.test(url)) {
    return Promise.reject(refuse(`refusing to download the artifact over a non-https URL: ${redact(url)}`));
  }
  return new Promise((resolve, reject) => {
    const req = get(url, { signal }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        if (redirectsLeft <= 0) return reject(refuse(`too many redirects downloading ${redact(url)}`));
        return resolve(openHttps(new URL(location, url).toString(), signal, redirectsLeft - 1, refuse));
      }
      if (status !== 200) {
        res.resume();
        return reject(refuse(`downloading ${redact(url)} returned HTTP ${status}`));
      }
      resolve(res);
    });
    req.on('error', (e) => reject(refuse(`downloading ${redact(url)} failed: ${e.message}`)));
  });
}

/** Artifact URLs are often signed: keep the query string out of messages. */
function redact(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?…`;
}
