/**
 * Which command `akc deliver --compile` runs. Precedence:
 * 1. `AKC_COMPILE_CMD` (non-blank): a command line split without a shell (see command-line.ts);
 * 2. `compile.command` in `<project>/.akc/config.json`: an argv array, or a string split the same way;
 * 3. the default, `akc compile`, which this port provides as the standalone executable
 *    `akc-compile` (the oclif-style `akc <topic>` → `akc-<topic>` convention): it is used when an
 *    executable file of that name is found on the `PATH` given in `env` (absolute entries only;
 *    `PATHEXT` extensions on Windows). `akc` itself is not probed: it is this CLI.
 * Otherwise there is no compile command: `resolveCompileCommand` returns null and
 * `noCompileCommandError()` is the error to report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { akcError, type AkcError } from '../errors/akc-error';
import type { Env } from '../util/env';
import { CommandLineError, splitCommandLine } from './command-line';
import { compileError } from './compile-errors';

/** The executable looked up on PATH for the default `akc compile`. */
export const DEFAULT_COMPILE_EXECUTABLE = 'akc-compile';
/** The environment variable that overrides the compile command. */
export const COMPILE_CMD_ENV = 'AKC_COMPILE_CMD';
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A resolved compile command (the goal is appended later by `runCompile`). */
export interface CompileCommand {
  argv: string[];
  source: 'env' | 'config' | 'default';
}

/** Inputs of `resolveCompileCommand`; nothing is read from `process`. */
export interface ResolveCompileCommandOptions {
  projectDir: string;
  env: Env;
  /**
   * The parsed `.akc/config.json` when the caller already has it (null: no config file).
   * When omitted, the file is read from `projectDir`.
   */
  config?: unknown;
  /** @default process.platform — only decides the PATH separator and PATHEXT use. */
  platform?: NodeJS.Platform;
}

/**
 * Resolve the compile command. Called once per `akc deliver --compile`, before the compile
 * stage starts; `projectDir` need not contain a config file.
 * @throws AkcError (compile code) for an `AKC_COMPILE_CMD` that cannot be split; EPROJECTCONFIG
 *   for an unreadable or malformed `.akc/config.json` or a `compile.command` of the wrong type.
 */
export function resolveCompileCommand(opts: ResolveCompileCommandOptions): CompileCommand | null {
  const fromEnv = opts.env[COMPILE_CMD_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { argv: splitOrThrow(fromEnv, (r) => compileError(`${COMPILE_CMD_ENV} ${r}`)), source: 'env' };
  }
  const configFile = path.join(opts.projectDir, '.akc', 'config.json');
  const config = opts.config === undefined ? readCompileConfig(opts.projectDir) : opts.config;
  const fromConfig = configuredArgv(config, configFile);
  if (fromConfig) return { argv: fromConfig, source: 'config' };
  const found = findExecutableOnPath(DEFAULT_COMPILE_EXECUTABLE, opts.env, opts.platform ?? process.platform);
  return found ? { argv: [found], source: 'default' } : null;
}

/** The error for "no compile command": what was looked for, and how to configure one. */
export function noCompileCommandError(): AkcError {
  return compileError(
    `no compile command: ${COMPILE_CMD_ENV} is not set, .akc/config.json has no compile.command, ` +
      `and no '${DEFAULT_COMPILE_EXECUTABLE}' executable is on PATH`,
  );
}

/**
 * Read and parse `<projectDir>/.akc/config.json`; null when the file does not exist.
 * @throws AkcError EPROJECTCONFIG naming the file when it is unreadable, too large or not a JSON object.
 */
export function readCompileConfig(projectDir: string): unknown {
  const file = path.join(projectDir, '.akc', 'config.json');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw configError(file, `cannot be read (${code ?? 'error'})`);
  }
  if (!stat.isFile()) throw configError(file, 'is not a regular file');
  if (stat.size > MAX_CONFIG_BYTES) throw configError(file, `is larger than ${MAX_CONFIG_BYTES} bytes`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw configError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw configError(file, `not valid JSON (${(e as Error).message})`);
  }
}

function configuredArgv(config: unknown, file: string): string[] | null {
  if (config === null || config === undefined) return null;
  if (!isObject(config)) throw configError(file, 'the top level must be a JSON object');
  const compile = config['compile'];
  if (compile === undefined || compile === null) return null;
  if (!isObject(compile)) throw configError(file, 'compile must be an object');
  const command = compile['command'];
  if (command === undefined || command === null) return null;
  if (typeof command === 'string') {
    if (command.trim() === '') return null;
    return splitOrThrow(command, (r) => configError(file, `compile.command ${r}`));
  }
  if (Array.isArray(command) && command.length > 0 && command.every((w) => typeof w === 'string')) {
    if ((command[0] as string).trim() === '') throw configError(file, 'compile.command[0] is empty');
    return [...(command as string[])];
  }
  throw configError(file, 'compile.command must be a command string or a non-empty array of strings');
}

function splitOrThrow(line: string, fail: (reason: string) => AkcError): string[] {
  try {
    const argv = splitCommandLine(line);
    if (argv.length === 0 || argv[0] === '') throw new CommandLineError('names no program');
    return argv;
  } catch (e) {
    if (e instanceof CommandLineError) throw fail(`is not a valid command line: ${e.message}`);
    throw e;
  }
}

/**
 * The absolute path of the first executable regular file called `name` in the absolute
 * directories of `env.PATH` (`Path` on Windows, trying each `PATHEXT` extension), else null.
 * Relative and empty PATH entries are skipped: they would depend on the current directory.
 */
export function findExecutableOnPath(name: string, env: Env, platform: NodeJS.Platform): string | null {
  const win = platform === 'win32';
  const pathValue = env['PATH'] ?? (win ? env['Path'] : undefined) ?? '';
  const exts = win ? ['', ...(env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  for (const dir of pathValue.split(win ? ';' : ':')) {
    if (!dir || !path.isAbsolute(dir)) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate, win)) return candidate;
    }
  }
  return null;
}

function isExecutableFile(file: string, win: boolean): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (!win) fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function configError(file: string, reason: string): AkcError {
  return akcError('EPROJECTCONFIG', { path: file, reason });
}
