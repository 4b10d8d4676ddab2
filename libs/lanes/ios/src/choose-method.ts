import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findExecutable, type Env } from '@akc/core';
import { locateXcodeContainer } from './locate-xcode';
import type { IosLaneOptions, IosMethod } from './options';
import { IOS_PREBUILT_ENV, resolvePrebuiltSource } from './prebuilt-source';

/** A concrete build method (`auto` resolved). */
export type IosBuildMethod = Exclude<IosMethod, 'auto'>;

/** The method packaging will use and why; recorded as `outputs.method` / `outputs.method_reason`. */
export interface MethodChoice {
  readonly method: IosBuildMethod;
  readonly reason: string;
  /** False when `auto` found nothing usable; `method` is then the closest candidate, for the plan. */
  readonly available: boolean;
}

/** What `chooseIosMethod` looks at: local facts only (files and PATH), never a tool run. */
export interface MethodFacts {
  readonly projectDir: string;
  readonly options: IosLaneOptions;
  readonly env: Env;
}

/**
 * `auto` order: a prebuilt .ipa when one is named; xcodebuild when it is on PATH and an Xcode
 * workspace/project exists; EAS when eas.json exists and `eas` is on PATH. An explicit method is
 * taken as is (preflight checks its prerequisites).
 */
export function chooseIosMethod({ projectDir, options, env }: MethodFacts): MethodChoice {
  if (options.method !== 'auto') {
    return { method: options.method, reason: `lanes.ios.method is "${options.method}"`, available: true };
  }
  const prebuilt = resolvePrebuiltSource(projectDir, options, env);
  if (prebuilt)
    return { method: 'prebuilt', reason: `auto: ${prebuilt.from} names ${prebuilt.path}`, available: true };
  const xcodebuild = findExecutable('xcodebuild', env) !== null;
  const container = locateXcodeContainer(projectDir, options);
  const where = container ? relative(projectDir, container.path) : null;
  if (xcodebuild && where !== null) {
    return {
      method: 'xcodebuild',
      reason: `auto: xcodebuild is on PATH and ${where} exists`,
      available: true,
    };
  }
  const easJson = existsSync(join(projectDir, 'eas.json'));
  const eas = findExecutable('eas', env) !== null;
  const xcodeNote =
    where === null ? 'no Xcode workspace/project' : `${where} exists but xcodebuild is not on PATH`;
  if (easJson && eas) {
    return {
      method: 'eas',
      reason: `auto: eas.json exists and eas is on PATH (${xcodeNote})`,
      available: true,
    };
  }
  const reason =
    `auto: no build method is available: no prebuilt .ipa (lanes.ios.prebuilt_path or ${IOS_PREBUILT_ENV}); ` +
    `${xcodeNote}${where === null && !xcodebuild ? ' and xcodebuild is not on PATH' : ''}; ` +
    `${easJson ? 'eas.json exists' : 'no eas.json'} and eas is ${eas ? '' : 'not '}on PATH`;
  const method: IosBuildMethod = where !== null && !easJson ? 'xcodebuild' : 'eas';
  return { method, reason, available: false };
}
