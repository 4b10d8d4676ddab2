/** Environment values the control plane reads; passed in, never read from process.env here. */
export type Env = Readonly<Record<string, string | undefined>>;

const TRUTHY = new Set(['1', 'true', 'yes', 'on']);
const FALSY = new Set(['0', 'false', 'no', 'off']);

/** True when the trimmed, lower-cased value is 1/true/yes/on. */
export function isTruthyEnv(v: string | undefined): boolean {
  return v !== undefined && TRUTHY.has(v.trim().toLowerCase());
}

/** True when the trimmed, lower-cased value is 0/false/no/off. Unset or empty is neither. */
export function isFalsyEnv(v: string | undefined): boolean {
  return v !== undefined && FALSY.has(v.trim().toLowerCase());
}

/** First non-empty (trimmed) value among the named variables. */
export function firstEnv(env: Env, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = env[n]?.trim();
    if (v) return v;
  }
  return undefined;
}
