import { join } from 'node:path';

/**
 * Files of a sandbox under `<project>/.akc/sandbox/`. Also exported as `@akc/emulators/sandbox-layout`
 * (this module imports nothing else), which the `akc sandbox` commands use without loading the emulators.
 */
export interface SandboxLayout {
  /** `<project>/.akc/sandbox` (mode 0700). */
  dir: string;
  /** `credentials/` (mode 0700): `AuthKey_<kid>.p8`, `asc-key.json`, `service-account.json`. */
  credentialsDir: string;
  /** Shell-sourceable `KEY=value` lines (mode 0600); exists while the sandbox runs. */
  envFile: string;
  /** {@link SandboxStateFile}; exists while the sandbox runs. */
  stateFile: string;
  /** Daemon stdout/stderr when started detached. */
  logFile: string;
  /** Holds the daemon pid; taken with O_EXCL so two daemons never serve one project. */
  lockFile: string;
}

/** The layout for a project root. */
export function sandboxLayout(projectDir: string): SandboxLayout {
  const dir = join(projectDir, '.akc', 'sandbox');
  return {
    dir,
    credentialsDir: join(dir, 'credentials'),
    envFile: join(dir, 'sandbox.env'),
    stateFile: join(dir, 'state.json'),
    logFile: join(dir, 'sandbox.log'),
    lockFile: join(dir, 'daemon.lock'),
  };
}

/** Base URLs of a running sandbox (snake_case, as in every akc JSON file). */
export interface SandboxStateUrls {
  app_store_connect: string;
  google_play: string;
  firebase_app_distribution: string;
  google_token_uri: string;
  smtp: string;
}

/** Control-API base URLs (each answers `GET /__control/health`); also `AKC_SANDBOX_CONTROL_URLS`. */
export interface SandboxControlUrls {
  asc: string;
  play: string;
  firebase: string;
  google_oauth: string;
  smtp: string;
}

/** `state.json`: what a running sandbox serves. Holds ids and paths, never key material. */
export interface SandboxStateFile {
  version: 1;
  pid: number;
  started_at: string;
  project_dir: string;
  env_file: string;
  urls: SandboxStateUrls;
  control_urls: SandboxControlUrls;
  credentials: {
    asc_key_id: string;
    asc_issuer_id: string;
    asc_private_key_path: string;
    service_account_email: string;
    service_account_path: string;
  };
  seeded: {
    asc_app_id: string;
    asc_bundle_id: string;
    asc_beta_group_id: string;
    asc_beta_group_name: string;
    play_package_name: string;
    firebase_app_id: string;
    firebase_group_alias: string;
  };
}
