import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { IosLaneOptions } from './options';

/** The Xcode container xcodebuild is pointed at. */
export interface XcodeContainer {
  readonly flag: '-workspace' | '-project';
  readonly path: string;
  /** The scheme to build: the option, else the container's name. */
  readonly scheme: string;
  readonly schemeFromOption: boolean;
}

/**
 * The configured workspace/project, or the first `*.xcworkspace` (then `*.xcodeproj`, never
 * `Pods.xcodeproj`) in `ios/` and then the project root. Null when there is none.
 */
export function locateXcodeContainer(projectDir: string, options: IosLaneOptions): XcodeContainer | null {
  const configured = options.workspace ?? options.project;
  if (configured !== undefined) {
    const path = resolve(projectDir, configured);
    const flag = options.workspace !== undefined ? '-workspace' : '-project';
    return existsSync(path) ? withScheme(flag, path, options) : null;
  }
  for (const dir of [join(projectDir, 'ios'), projectDir]) {
    const names = listDir(dir);
    const ws = names.find((n) => n.endsWith('.xcworkspace'));
    if (ws) return withScheme('-workspace', join(dir, ws), options);
    const proj = names.find((n) => n.endsWith('.xcodeproj') && n !== 'Pods.xcodeproj');
    if (proj) return withScheme('-project', join(dir, proj), options);
  }
  return null;
}

/** The ExportOptions.plist to use: the option, else `ios/ExportOptions.plist` when it exists. */
export function locateExportOptions(projectDir: string, options: IosLaneOptions): string | null {
  if (options.export_options_plist !== undefined) return resolve(projectDir, options.export_options_plist);
  const fallback = join(projectDir, 'ios', 'ExportOptions.plist');
  return existsSync(fallback) ? fallback : null;
}

function withScheme(flag: XcodeContainer['flag'], path: string, options: IosLaneOptions): XcodeContainer {
  const scheme = options.scheme ?? basename(path, extname(path));
  return { flag, path, scheme, schemeFromOption: options.scheme !== undefined };
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
