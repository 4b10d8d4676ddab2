import type { LandingRedirects } from './landing';
import { PLATFORMS } from '../schemas/constants';

/**
 * Checks configured landing redirects: known platforms only, each an absolute http(s) URL
 * without credentials. Throws a RangeError naming the bad entry (a startup mistake, not a request).
 */
export function validateRedirects(
  raw: Readonly<Record<string, string | undefined>>,
  /** App links may use the app's own URL scheme (e.g. notes://activate). */
  anyScheme = false,
): LandingRedirects {
  const out: LandingRedirects = {};
  for (const [platform, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!(PLATFORMS as readonly string[]).includes(platform)) {
      throw new RangeError(`landing redirect for unknown platform '${platform}'`);
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new RangeError(`landing redirect for ${platform} is not an absolute URL`);
    }
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    const scheme =
      /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) &&
      !['javascript:', 'data:', 'file:', 'vbscript:'].includes(url.protocol);
    if (!(web || (anyScheme && scheme)) || url.username !== '' || url.password !== '') {
      throw new RangeError(
        anyScheme
          ? `app link for ${platform} must be an http(s) or app-scheme URL without credentials`
          : `landing redirect for ${platform} must be an http(s) URL without credentials`,
      );
    }
    out[platform as keyof LandingRedirects] = url.toString();
  }
  return out;
}
