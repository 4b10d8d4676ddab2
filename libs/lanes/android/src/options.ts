import { readBuildLaneOptions } from '@akc/core';

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

const SPEC = {
  lane: 'android',
  methods: ['auto', 'eas', 'gradle', 'prebuilt'] as AndroidMethod[],
  stringKeys: ['prebuilt_path', 'eas_profile', 'gradle_task', 'module'] as const,
  otherKeys: ['artifact', 'gradle_args'],
  checkStrings: (strings: { module?: string }, _input: unknown, errors: string[]) => {
    if (strings.module !== undefined && !/^[\w.-]+(:[\w.-]+)*$/.test(strings.module)) {
      errors.push('lanes.android.module must be a Gradle project path such as app or apps:mobile');
    }
  },
};

export type ParseResult<O> = { ok: true; value: O } | { ok: false; errors: string[] };

/** Validate and default `lanes.android`; every problem is returned at once. `undefined` means all defaults. */
export function parseAndroidOptions(raw: unknown): ParseResult<AndroidLaneOptions> {
  const read = readBuildLaneOptions(raw, SPEC);
  if ('ok' in read) return read;
  const { input, errors, strings } = read;
  const { artifact = 'aab', gradle_args: args = [] } = input;
  if (artifact !== 'aab' && artifact !== 'apk') errors.push('lanes.android.artifact must be aab or apk');
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
    errors.push('lanes.android.gradle_args must be an array of strings');
  }
  if (errors.length > 0) return { ok: false, errors };
  const value: AndroidLaneOptions = {
    ...strings,
    method: read.method,
    eas_profile: read.eas_profile,
    eas_local: read.eas_local,
    artifact: artifact as AndroidArtifact,
    gradle_task: strings.gradle_task ?? (artifact === 'apk' ? 'assembleRelease' : 'bundleRelease'),
    module: strings.module ?? 'app',
    gradle_args: args as string[],
    timeout_minutes: read.timeout_minutes,
  };
  return { ok: true, value };
}
