/** Options every build lane (ios, android) shares: method, EAS profile and locality, tool timeout. */
export interface BuildLaneOptionSpec<M extends string, K extends string> {
  /** The config key under `lanes`, e.g. 'ios'. */
  readonly lane: string;
  /** Accepted values of `method` (the first is not the default; 'auto' is). */
  readonly methods: readonly M[];
  /** String options (trimmed, non-empty); must include 'eas_profile'. */
  readonly stringKeys: readonly K[];
  /** The lane's other, non-string options (validated by the lane). */
  readonly otherKeys: readonly string[];
  /** Checks across the string options (e.g. two that exclude each other), run right after they are read. */
  readonly checkStrings?: (
    strings: Partial<Record<K, string>>,
    input: Readonly<Record<string, unknown>>,
    errors: string[],
  ) => void;
}

/** The shared options read, the raw input for the lane's own keys, and every problem so far. */
export interface BuildLaneOptionsRead<M extends string, K extends string> {
  readonly input: Readonly<Record<string, unknown>>;
  /** Problems found so far; the lane appends its own and refuses when any. */
  readonly errors: string[];
  readonly method: M;
  readonly strings: Partial<Record<K, string>>;
  readonly eas_profile: string;
  readonly eas_local: boolean;
  readonly timeout_minutes: number;
}

/**
 * Read the shared part of `lanes.<lane>`: unknown keys, `method` (default 'auto'), the string
 * options, `eas_profile` (default 'production'), `eas_local` (default false) and
 * `timeout_minutes` (default 60). Every problem is collected; `undefined`/`null` means all
 * defaults. Only a non-object is refused outright.
 */
export function readBuildLaneOptions<M extends string, K extends string>(
  raw: unknown,
  spec: BuildLaneOptionSpec<M, K>,
): BuildLaneOptionsRead<M, K> | { ok: false; errors: string[] } {
  const { lane } = spec;
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, errors: [`lanes.${lane} must be an object`] };
  const input = raw as Record<string, unknown>;
  const known = new Set<string>([
    'method',
    'eas_local',
    ...spec.otherKeys,
    'timeout_minutes',
    ...spec.stringKeys,
  ]);
  const errors = Object.keys(input)
    .filter((k) => !known.has(k))
    .map((k) => `lanes.${lane}.${k} is not an option (known: ${[...known].join(', ')})`);
  const method = input.method ?? 'auto';
  if (!spec.methods.includes(method as M))
    errors.push(`lanes.${lane}.method must be one of ${spec.methods.join(', ')}`);
  const strings: Partial<Record<K, string>> = {};
  for (const key of spec.stringKeys) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.trim() === '')
      errors.push(`lanes.${lane}.${key} must be a non-empty string`);
    else strings[key] = v.trim();
  }
  spec.checkStrings?.(strings, input, errors);
  const { eas_local: local = false, timeout_minutes: timeout = 60 } = input;
  if (typeof local !== 'boolean') errors.push(`lanes.${lane}.eas_local must be true or false`);
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
    errors.push(`lanes.${lane}.timeout_minutes must be a positive number`);
  }
  const profile = (strings as Partial<Record<string, string>>).eas_profile;
  return {
    input,
    errors,
    method: method as M,
    strings,
    eas_profile: profile ?? 'production',
    eas_local: local === true,
    timeout_minutes: typeof timeout === 'number' ? timeout : 60,
  };
}
