/** How the android lane produces its bundle. `auto` picks one from local facts (see `chooseAndroidMethod`). */
export type AndroidMethod = 'auto' | 'eas' | 'gradle' | 'prebuilt';

/** The artifact type to produce (Play needs `aab`; Firebase App Distribution takes either). */
export type AndroidArtifact = 'aab' | 'apk';

/** The `lanes.android` slice of `.akc/config.json`, after `parseAndroidOptions` applied the defaults. */
export interface AndroidLaneOptions {
  /** @default 'auto' */
  readonly method: AndroidMethod;
  /** A built `.aab`/`.apk` to use as is; relative to the project folder. Wins over the env vars. */
  readonly prebuilt_path?: string;
  /** The `eas.json` build profile. @default 'production' */
  readonly eas_profile: string;
  /** Build on this machine (`eas build --local --output …`) instead of on EAS servers. @default false */
  readonly eas_local: boolean;
  /** @default 'aab' */
  readonly artifact: AndroidArtifact;
  /** Gradle task run as `:<module>:<task>`. @default 'bundleRelease' ('assembleRelease' when artifact is apk) */
  readonly gradle_task: string;
  /** Gradle module (subproject) holding the app. @default 'app' */
  readonly module: string;
  /** Extra Gradle arguments, e.g. ["--no-daemon"]. @default [] */
  readonly gradle_args: readonly string[];
  /** Kill a build tool that runs longer than this. @default 60 */
  readonly timeout_minutes: number;
}

const METHODS: readonly AndroidMethod[] = ['auto', 'eas', 'gradle', 'prebuilt'];
const STRING_KEYS = ['prebuilt_path', 'eas_profile', 'gradle_task', 'module'] as const;
const KNOWN = new Set<string>([
  'method',
  'eas_local',
  'artifact',
  'gradle_args',
  'timeout_minutes',
  ...STRING_KEYS,
]);

export type ParseResult<O> = { ok: true; value: O } | { ok: false; errors: string[] };

/** Validate and default `lanes.android`; every problem is returned at once. `undefined` means all defaults. */
export function parseAndroidOptions(raw: unknown): ParseResult<AndroidLaneOptions> {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, errors: ['lanes.android must be an object'] };
  const input = raw as Record<string, unknown>;
  const errors = Object.keys(input)
    .filter((k) => !KNOWN.has(k))
    .map((k) => `lanes.android.${k} is not an option (known: ${[...KNOWN].join(', ')})`);
  const method = input.method ?? 'auto';
  if (!METHODS.includes(method as AndroidMethod))
    errors.push(`lanes.android.method must be one of ${METHODS.join(', ')}`);
  const strings = readStrings(input, errors);
  const {
    artifact = 'aab',
    eas_local: local = false,
    gradle_args: args = [],
    timeout_minutes: timeout = 60,
  } = input;
  if (artifact !== 'aab' && artifact !== 'apk') errors.push('lanes.android.artifact must be aab or apk');
  if (typeof local !== 'boolean') errors.push('lanes.android.eas_local must be true or false');
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
    errors.push('lanes.android.gradle_args must be an array of strings');
  }
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
    errors.push('lanes.android.timeout_minutes must be a positive number');
  }
  if (errors.length > 0) return { ok: false, errors };
  const value: AndroidLaneOptions = {
    ...strings,
    method: method as AndroidMethod,
    eas_profile: strings.eas_profile ?? 'production',
    eas_local: local as boolean,
    artifact: artifact as AndroidArtifact,
    gradle_task: strings.gradle_task ?? (artifact === 'apk' ? 'assembleRelease' : 'bundleRelease'),
    module: strings.module ?? 'app',
    gradle_args: args as string[],
    timeout_minutes: timeout as number,
  };
  return { ok: true, value };
}

/** The string options, trimmed; an empty or non-string value (or a bad module path) is an error. */
function readStrings(
  input: Record<string, unknown>,
  errors: string[],
): Partial<Record<(typeof STRING_KEYS)[number], string>> {
  const strings: Partial<Record<(typeof STRING_KEYS)[number], string>> = {};
  for (const key of STRING_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.trim() === '')
      errors.push(`lanes.android.${key} must be a non-empty string`);
    else strings[key] = v.trim();
  }
  if (strings.module !== undefined && !/^[\w.-]+(:[\w.-]+)*$/.test(strings.module)) {
    errors.push('lanes.android.module must be a Gradle project path such as app or apps:mobile');
  }
  return strings;
}
