import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreflightProblem } from '@akc/core';
import type { WebLaneOptions } from './options';

/** The build command and where it came from. */
export interface BuildCommand {
  readonly argv: readonly string[];
  readonly source: 'build_command option' | 'package.json build script';
}

/** The default build: the project's `build` script, run by the npm found on PATH. */
export const NPM_BUILD_ARGV = ['npm', 'run', 'build'] as const;

type PackageJson =
  { ok: true; scripts: Readonly<Record<string, unknown>> } | { ok: false; problem: PreflightProblem };

/** Read `<projectDir>/package.json`; a missing or unparseable file is a problem with a fix. */
export function readPackageJson(projectDir: string): PackageJson {
  const file = join(projectDir, 'package.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {
      ok: false,
      problem: {
        id: 'web.package_json.missing',
        reason: `no package.json in ${projectDir}`,
        fix: 'Run akc with --project-dir pointing at the web app (the folder with its package.json), or set lanes.web.build_command in .akc/config.json.',
      },
    };
  }
  try {
    const json: unknown = JSON.parse(text);
    const scripts =
      typeof json === 'object' && json !== null ? (json as { scripts?: unknown }).scripts : undefined;
    return {
      ok: true,
      scripts: typeof scripts === 'object' && scripts !== null ? (scripts as Record<string, unknown>) : {},
    };
  } catch (e) {
    return {
      ok: false,
      problem: {
        id: 'web.package_json.invalid',
        reason: `${file} is not valid JSON (${(e as Error).message})`,
        fix: 'Fix the JSON syntax of package.json (npm pkg get name shows whether npm can read it).',
      },
    };
  }
}

/**
 * The build to run: `build_command` when configured, else `npm run build` when package.json has
 * a `build` script. Returns the problem (with its fix) when neither applies.
 */
export function resolveBuildCommand(
  projectDir: string,
  options: WebLaneOptions,
): { ok: true; command: BuildCommand } | { ok: false; problem: PreflightProblem } {
  if (options.build_command)
    return { ok: true, command: { argv: options.build_command, source: 'build_command option' } };
  const pkg = readPackageJson(projectDir);
  if (!pkg.ok) return pkg;
  if (typeof pkg.scripts.build !== 'string' || pkg.scripts.build.trim() === '') {
    return {
      ok: false,
      problem: {
        id: 'web.build_script.missing',
        reason: `package.json in ${projectDir} has no "build" script`,
        fix: 'Add a "build" script to package.json (e.g. "build": "vite build"), or set lanes.web.build_command in .akc/config.json.',
      },
    };
  }
  return { ok: true, command: { argv: NPM_BUILD_ARGV, source: 'package.json build script' } };
}
