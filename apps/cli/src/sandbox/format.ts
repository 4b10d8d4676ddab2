import { isAbsolute, relative } from 'node:path';
import type { StartResult, StatusResult, StopResult } from './lifecycle';

const URL_LABELS: Record<string, string> = {
  app_store_connect: 'App Store Connect',
  google_play: 'Google Play',
  firebase_app_distribution: 'Firebase App Distribution',
  google_token_uri: 'Google OAuth token URI',
  smtp: 'SMTP sink',
};

function urlLines(urls: Record<string, string>): string[] {
  return Object.entries(urls).map(([key, url]) => `  ${(URL_LABELS[key] ?? key).padEnd(27)}${url}`);
}

/** A path as the user would type it from `cwd` (relative inside it, absolute outside). */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Human text for `akc sandbox start`: URLs, seeded ids, files and how to use them. Never key material. */
export function formatStart(r: StartResult, cwd: string, foreground: boolean): string {
  const env = shownPath(r.env_file, cwd);
  const s = r.seeded;
  const c = r.credentials;
  const head = r.started
    ? `Sandbox started (pid ${r.pid}${r.cleaned_stale ? '; removed the files of a dead one first' : ''}).`
    : `A sandbox is already running for this project (pid ${r.pid}, since ${r.started_at}); nothing started.`;
  return [
    head,
    ...urlLines(r.urls),
    `Seeded: App Store Connect app ${s['asc_app_id'] ?? '?'} (${s['asc_bundle_id'] ?? '?'}) with TestFlight group ` +
      `"${s['asc_beta_group_name'] ?? '?'}" (${s['asc_beta_group_id'] ?? '?'}); Play app ${s['play_package_name'] ?? '?'}; ` +
      `Firebase app ${s['firebase_app_id'] ?? '?'}.`,
    `Throw-away credentials: ASC key ${c['asc_key_id'] ?? '?'} (${shownPath(c['asc_private_key_path'] ?? '', cwd)}), ` +
      `service account ${c['service_account_email'] ?? '?'} (${shownPath(c['service_account_path'] ?? '', cwd)}).`,
    `Env file: ${env}`,
    'Use it:',
    `  set -a; . ${env}; set +a      # then run any akc command in this shell`,
    '  akc deliver ... --sandbox     # or per command',
    foreground
      ? 'Press Ctrl-C to stop.'
      : `Stop it with \`akc sandbox stop\` (log: ${shownPath(r.log_file, cwd)}).`,
  ].join('\n');
}

/** Human text for `akc sandbox status`. */
export function formatStatus(r: StatusResult, condition: string, pid: number | null, cwd: string): string {
  if (r.running && r.urls && r.env_file) {
    return [
      `Sandbox running (pid ${r.pid}, up ${r.uptime_seconds ?? 0} s, since ${r.started_at}).`,
      ...urlLines(r.urls),
      `Env file: ${shownPath(r.env_file, cwd)}`,
    ].join('\n');
  }
  if (condition === 'stale')
    return `Sandbox not running (stale files of dead pid ${pid}; \`akc sandbox start\` cleans them).`;
  if (condition === 'unhealthy')
    return `Sandbox not running: daemon pid ${pid} is alive but its emulators do not answer (try \`akc sandbox stop\`).`;
  return 'Sandbox not running (start one with `akc sandbox start`).';
}

/** Human text for `akc sandbox stop`. */
export function formatStop(r: StopResult): string {
  const lines = [
    r.was_running
      ? `Sandbox stopped (pid ${r.pid}${r.forced ? ', killed after SIGTERM timed out' : ''}).`
      : r.cleaned_stale
        ? 'Sandbox was not running; removed the files of a dead one.'
        : 'Sandbox was not running; nothing to stop.',
  ];
  if (r.purged) lines.push('Removed the sandbox credentials.');
  return lines.join('\n');
}
