import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Env } from '../../util/env';
import type { PreflightProblem } from '../contract';
import { findExecutable } from './find-executable';

/** Problems and warnings from one group of local checks. */
export interface PreflightFindings {
  problems: PreflightProblem[];
  warnings: string[];
}

/** The facts and the platform's wording for `checkEasProject`. */
export interface EasProjectCheck {
  readonly projectDir: string;
  readonly env: Env;
  /** Problem ids are `<platform>.eas_*`; options are named `lanes.<platform>.*`. */
  readonly platform: 'ios' | 'android';
  /** The eas.json build profile the lane will use. */
  readonly profile: string;
  /** `lanes.<platform>.eas_local`. */
  readonly local: boolean;
  /** The env var app.config must read for the build number, e.g. AKC_BUILD_NUMBER. */
  readonly buildNumberEnv: string;
  /** The env var app.config must read for the version name, e.g. AKC_MARKETING_VERSION. */
  readonly versionNameEnv: string;
  /** The app.config key the build number goes to, e.g. ios.buildNumber. */
  readonly buildNumberKey: string;
  /** The version env vars as the remote-build warning names them, e.g. "A/B". */
  readonly remoteEnvLabel: string;
}

const APP_CONFIGS = ['app.config.js', 'app.config.ts', 'app.config.mjs', 'app.config.cjs'];

/** EAS: eas on PATH, eas.json with the profile; warnings about version injection and login. */
export function checkEasProject(input: EasProjectCheck): PreflightFindings {
  const { projectDir, env, platform, profile } = input;
  const out: PreflightFindings = { problems: [], warnings: [] };
  if (!findExecutable('eas', env)) {
    out.problems.push({
      id: `${platform}.eas_not_found`,
      reason: 'eas is not on PATH',
      fix: 'Install it: npm install -g eas-cli',
    });
  }
  const easJson = join(projectDir, 'eas.json');
  const profiles = readEasProfiles(easJson);
  if (profiles === null) {
    out.problems.push({
      id: `${platform}.eas_json_missing`,
      reason: `${easJson} is missing or not JSON`,
      fix: 'Run `eas build:configure` in the project folder.',
    });
  } else if (!profiles.includes(profile)) {
    out.problems.push({
      id: `${platform}.eas_profile_missing`,
      reason: `eas.json has no build profile "${profile}" (has: ${profiles.join(', ') || 'none'})`,
      fix: `Add build.${profile} to eas.json or set lanes.${platform}.eas_profile to one of its profiles.`,
    });
  }
  if (!env.EXPO_TOKEN)
    out.warnings.push(
      'EXPO_TOKEN is not set: non-interactive eas build needs it unless `eas login` was run here.',
    );
  out.warnings.push(...appConfigWarnings(input));
  if (!input.local) {
    out.warnings.push(
      `remote EAS builds evaluate app.config on EAS servers, where ${input.remoteEnvLabel} from this ` +
        `machine are not set; set lanes.${platform}.eas_local: true, or make the build profile supply the version numbers.`,
    );
  }
  return out;
}

function appConfigWarnings(input: EasProjectCheck): string[] {
  const { projectDir, buildNumberEnv: build, versionNameEnv: name } = input;
  const config = APP_CONFIGS.map((n) => join(projectDir, n)).find((p) => existsSync(p));
  if (config === undefined) {
    return existsSync(join(projectDir, 'app.json'))
      ? [
          `app.json is static and cannot read ${build}: add an app.config.js that sets ${input.buildNumberKey} from it.`,
        ]
      : [];
  }
  const text = readFileSync(config, 'utf8');
  return text.includes(build) && text.includes(name)
    ? []
    : [
        `${relative(projectDir, config)} does not read ${build} and ${name}: the build keeps its own numbers.`,
      ];
}

function readEasProfiles(path: string): string[] | null {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { build?: unknown };
    return typeof json.build === 'object' && json.build !== null ? Object.keys(json.build) : [];
  } catch {
    return null;
  }
}
