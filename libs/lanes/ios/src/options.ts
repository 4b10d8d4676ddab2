import { readBuildLaneOptions } from '@akc/core';

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

const SPEC = {
  lane: 'ios',
  methods: ['auto', 'eas', 'xcodebuild', 'prebuilt'] as IosMethod[],
  stringKeys: [
    'prebuilt_path',
    'eas_profile',
    'workspace',
    'project',
    'scheme',
    'export_options_plist',
  ] as const,
  otherKeys: [],
  checkStrings: (_strings: unknown, input: Readonly<Record<string, unknown>>, errors: string[]) => {
    if (input.workspace !== undefined && input.project !== undefined)
      errors.push('lanes.ios: set workspace or project, not both');
  },
};

export type ParseResult<O> = { ok: true; value: O } | { ok: false; errors: string[] };

/** Validate and default `lanes.ios`; every problem is returned at once. `undefined` means all defaults. */
export function parseIosOptions(raw: unknown): ParseResult<IosLaneOptions> {
  const read = readBuildLaneOptions(raw, SPEC);
  if ('ok' in read) return read;
  const { errors, strings } = read;
  if (errors.length > 0) return { ok: false, errors };
  const value: IosLaneOptions = {
    ...strings,
    method: read.method,
    eas_profile: read.eas_profile,
    eas_local: read.eas_local,
    timeout_minutes: read.timeout_minutes,
  };
  return { ok: true, value };
}
