#!/usr/bin/env node
/**
 * The `akc sandbox` daemon: every emulator on 127.0.0.1, throw-away credentials, seeded apps, and
 * `.akc/sandbox/{sandbox.env,state.json}` describing them, until SIGTERM/SIGINT/SIGHUP.
 *
 *   node dist/daemon/run-sandbox.js --project-dir DIR [--bundle-id ID] [--package-name PKG]
 *     [--firebase-app-id ID] [--app-name NAME] [--beta-group NAME] [--ports asc=4010,...] [--purge-on-exit]
 *
 * Exit codes: 0 after a clean stop, 1 when the start failed, 3 when another daemon serves the project.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { rmSync } from 'node:fs';
import { prepareCredentials, type SandboxCredentials } from './credentials';
import { startDaemonEmulators, type DaemonEmulators } from './emulators';
import { sandboxEnvVars } from './env-vars';
import {
  acquireLock,
  ensurePrivateDir,
  releaseLock,
  renderEnvFile,
  SandboxAlreadyRunning,
  writeFileAtomic,
} from './files';
import { sandboxLayout, type SandboxLayout, type SandboxStateFile } from './layout';
import { parseDaemonOptions, type DaemonOptions } from './options';
import { seedSandbox, type SeededIds } from './seed';

/** A started daemon sandbox. */
export interface RunningSandbox {
  readonly state: SandboxStateFile;
  /** Closes the emulators, removes state.json and sandbox.env (and credentials if purging). Idempotent. */
  stop(): Promise<void>;
}

/** Exit code when another live daemon already serves the project. */
export const EXIT_ALREADY_RUNNING = 3;

/** Starts the sandbox for `options.projectDir` and writes its files. Throws {@link SandboxAlreadyRunning}. */
export async function runSandboxDaemon(options: DaemonOptions): Promise<RunningSandbox> {
  const layout = sandboxLayout(options.projectDir);
  ensurePrivateDir(layout.dir);
  ensurePrivateDir(layout.credentialsDir);
  acquireLock(layout.lockFile);
  let emulators: DaemonEmulators | undefined;
  try {
    emulators = await startDaemonEmulators(options.ports);
    const credentials = prepareCredentials(layout.credentialsDir, emulators);
    const seeded = await seedSandbox(emulators, credentials, options);
    const state = buildState(options, layout, emulators, credentials, seeded);
    const vars = sandboxEnvVars(state);
    const header = [
      `akc sandbox (pid ${process.pid}, started ${state.started_at}); removed when the sandbox stops.`,
      'Use: set -a; . .akc/sandbox/sandbox.env; set +a   (or: akc deliver ... --sandbox)',
    ];
    // The env file first: whoever sees state.json may read the env file right away.
    writeFileAtomic(layout.envFile, renderEnvFile(vars, header));
    writeFileAtomic(layout.stateFile, `${JSON.stringify(state, null, 2)}\n`);
    return { state, stop: once(() => shutdown(layout, emulators, options.purgeOnExit)) };
  } catch (error) {
    await shutdown(layout, emulators, false);
    throw error;
  }
}

function buildState(
  options: DaemonOptions,
  layout: SandboxLayout,
  emulators: DaemonEmulators,
  credentials: SandboxCredentials,
  seeded: SeededIds,
): SandboxStateFile {
  return {
    version: 1,
    pid: process.pid,
    started_at: new Date().toISOString(),
    project_dir: options.projectDir,
    env_file: layout.envFile,
    urls: emulators.urls,
    control_urls: emulators.controlUrls,
    credentials: {
      asc_key_id: credentials.ascKeyId,
      asc_issuer_id: credentials.ascIssuerId,
      asc_private_key_path: credentials.ascPrivateKeyPath,
      service_account_email: credentials.serviceAccountEmail,
      service_account_path: credentials.serviceAccountPath,
    },
    seeded,
  };
}

async function shutdown(layout: SandboxLayout, emulators: DaemonEmulators | undefined, purge: boolean) {
  await emulators?.close();
  // The URLs die with the emulators, so the env file goes too; credentials stay for the next start.
  rmSync(layout.stateFile, { force: true });
  rmSync(layout.envFile, { force: true });
  if (purge) rmSync(layout.credentialsDir, { recursive: true, force: true });
  releaseLock(layout.lockFile);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

/** Process entry: start, log the (non-secret) summary, stop on a signal. */
async function main(): Promise<void> {
  let options: DaemonOptions;
  try {
    options = parseDaemonOptions(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    fail(error, 1);
    return;
  }
  const sandbox = await runSandboxDaemon(options).catch((error: unknown) => {
    fail(error, error instanceof SandboxAlreadyRunning ? EXIT_ALREADY_RUNNING : 1);
    return undefined;
  });
  if (!sandbox) return;
  log(`sandbox started for ${options.projectDir} (pid ${process.pid})`);
  for (const [name, url] of Object.entries(sandbox.state.urls)) log(`  ${name.padEnd(26)}${url}`);
  log(`  env file                  ${sandbox.state.env_file}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // Ctrl-C in `akc sandbox start --foreground` reaches us twice (terminal + forwarded): stop once.
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    // A hung close must not keep the daemon alive: stop is bounded.
    setTimeout(() => process.exit(0), 5000).unref();
    void sandbox.stop().then(() => {
      log('sandbox stopped');
      process.exit(0);
    });
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);
  // A sandbox whose project folder was deleted can never be stopped by `akc sandbox stop`:
  // notice it and stop, so no daemon is left orphaned.
  const watch = setInterval(() => {
    if (!existsSync(dirname(sandbox.state.env_file))) {
      clearInterval(watch);
      stop('SIGTERM');
    }
  }, 2000);
  watch.unref();
}

function log(line: string): void {
  process.stdout.write(`[${new Date().toISOString()}] ${line}\n`);
}

function fail(error: unknown, code: number): void {
  process.stderr.write(`akc sandbox daemon: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = code;
}

if (require.main === module) void main();
