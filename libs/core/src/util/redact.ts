import type { Env } from './env';

const SECRET_NAME = /token|secret|password|passwd|private|key|credential|auth/i;
/** Short values are too likely to appear by chance; names like *_KEY_ID hold identifiers, not secrets. */
const MIN_LENGTH = 8;
const NOT_SECRET = /(_ID|_PATH|_FILE|_URL|_NAME)$/;

/**
 * A redactor for every text the control plane persists or prints: the values of environment
 * variables whose names look secret (and their URL-encoded forms), plus any extra values given.
 */
export function createRedactor(env: Env, extra: readonly string[] = []): (text: string) => string {
  const values = new Set<string>();
  for (const [name, v] of Object.entries(env)) {
    if (!v || v.length < MIN_LENGTH || !SECRET_NAME.test(name) || NOT_SECRET.test(name)) continue;
    values.add(v);
    values.add(encodeURIComponent(v));
    values.add(JSON.stringify(v).slice(1, -1));
  }
  for (const v of extra) if (v.length >= MIN_LENGTH) values.add(v);
  const list = [...values].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (t) => t;
  return (text) => {
    let out = text;
    for (const v of list) if (out.includes(v)) out = out.split(v).join('[redacted]');
    return out;
  };
}
