/** How the ios lane produces its `.ipa`. `auto` picks one from local facts (see `chooseMethod`). */
export type IosMethod = 'auto' | 'eas' | 'xcodebuild' | 'prebuilt';

/** The `lanes.ios` slice of `.akc/config.json`, after `parseIosOptions` applied the defaults. */
export interface IosLaneOptions {
  /** @default 'auto' */
  readonly method: IosMethod;
  /** A built `.ipa` to use as is; relative to the project folder. Wins over `AKC_IOS_IPA_PATH`. */
  readonly prebuilt_path?: string;
  /** The `eas.json` build profile. @default 'production' */
  readonly eas_profile: string;
  /** Build on this machine (`eas build --local --output …`) instead of on EAS servers. @default false */
  readonly eas_local: boolean;
  /** `.xcworkspace` for xcodebuild, relative to the project folder (found under `ios/` when unset). */
  readonly workspace?: string;
  /** `.xcodeproj` for xcodebuild when there is no workspace. */
  readonly project?: string;
  /** The Xcode scheme. @default the workspace or project name */
  readonly scheme?: string;
  /** ExportOptions.plist for `xcodebuild -exportArchive`. @default 'ios/ExportOptions.plist' when present */
  readonly export_options_plist?: string;
  /** Kill a build tool that runs longer than this. @default 60 */
  readonly timeout_minutes: number;
}

const METHODS: readonly IosMethod[] = ['auto', 'eas', 'xcodebuild', 'prebuilt'];
const STRING_KEYS = [
  'prebuilt_path',
  'eas_profile',
  'workspace',
  'project',
  'scheme',
  'export_options_plist',
] as const;
const KNOWN = new Set<string>(['method', 'eas_local', 'timeout_minutes', ...STRING_KEYS]);

export type ParseResult<O> = { ok: true; value: O } | { ok: false; errors: string[] };

/** Validate and default `lanes.ios`; every problem is returned at once. `undefined` means all defaults. */
export function parseIosOptions(raw: unknown): ParseResult<IosLaneOptions> {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, errors: ['lanes.ios must be an object'] };
  const input = raw as Record<string, unknown>;
  const errors = Object.keys(input)
    .filter((k) => !KNOWN.has(k))
    .map((k) => `lanes.ios.${k} is not an option (known: ${[...KNOWN].join(', ')})`);
  const method = input.method ?? 'auto';
  if (!METHODS.includes(method as IosMethod))
    errors.push(`lanes.ios.method must be one of ${METHODS.join(', ')}`);
  const strings = readStrings(input, errors);
  const { eas_local: local = false, timeout_minutes: timeout = 60 } = input;
  if (typeof local !== 'boolean') errors.push('lanes.ios.eas_local must be true or false');
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
    errors.push('lanes.ios.timeout_minutes must be a positive number');
  }
  if (errors.length > 0) return { ok: false, errors };
  const value: IosLaneOptions = {
    ...strings,
    method: method as IosMethod,
    eas_profile: strings.eas_profile ?? 'production',
    eas_local: local as boolean,
    timeout_minutes: timeout as number,
  };
  return { ok: true, value };
}

/** The string options, trimmed; an empty or non-string value is an error, as is setting both workspace and project. */
function readStrings(
  input: Record<string, unknown>,
  errors: string[],
): Partial<Record<(typeof STRING_KEYS)[number], string>> {
  const strings: Partial<Record<(typeof STRING_KEYS)[number], string>> = {};
  for (const key of STRING_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.trim() === '') errors.push(`lanes.ios.${key} must be a non-empty string`);
    else strings[key] = v.trim();
  }
  if (input.workspace !== undefined && input.project !== undefined)
    errors.push('lanes.ios: set workspace or project, not both');
  return strings;
}
