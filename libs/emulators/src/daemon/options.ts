import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Emulators whose port can be fixed (`--ports asc=4010,play=4011`); the rest get free ports. */
export const PORT_NAMES = ['asc', 'play', 'firebase', 'oauth', 'smtp', 'smtp-control'] as const;
/** One of {@link PORT_NAMES}. */
export type PortName = (typeof PORT_NAMES)[number];

/** Everything the daemon needs; flags win over `AKC_SANDBOX_*` variables, which win over defaults. */
export interface DaemonOptions {
  projectDir: string;
  /** ASC app bundle id. @default 'com.example.app' */
  bundleId: string;
  /** ASC app name. @default 'AKC Sandbox App' */
  appName: string;
  /** Play package name. @default the bundle id */
  packageName: string;
  /** Firebase app id (`1:<project number>:android:<hex>`). @default derived from the package name */
  firebaseAppId: string;
  /** TestFlight group created for the app. @default 'AKC Sandbox Testers' */
  betaGroupName: string;
  ports: Partial<Record<PortName, number>>;
  /** Delete the credentials folder on exit too (they are kept, and reused, by default). */
  purgeOnExit: boolean;
}

type Env = Record<string, string | undefined>;

/** Parses the daemon command line (`--project-dir`, `--bundle-id`, `--package-name`, `--firebase-app-id`, `--app-name`, `--beta-group`, `--ports`, `--purge-on-exit`). */
export function parseDaemonOptions(argv: string[], env: Env, cwd: string): DaemonOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'project-dir': { type: 'string' },
      'bundle-id': { type: 'string' },
      'package-name': { type: 'string' },
      'firebase-app-id': { type: 'string' },
      'app-name': { type: 'string' },
      'beta-group': { type: 'string' },
      ports: { type: 'string' },
      'purge-on-exit': { type: 'boolean' },
    },
  });
  const pick = (flag: string | undefined, name: string): string | undefined =>
    nonEmpty(flag) ?? nonEmpty(env[`AKC_SANDBOX_${name}`]);
  const bundleId = pick(values['bundle-id'], 'BUNDLE_ID') ?? 'com.example.app';
  const packageName = pick(values['package-name'], 'PACKAGE_NAME') ?? bundleId;
  return {
    projectDir: resolve(
      cwd,
      pick(values['project-dir'], 'PROJECT_DIR') ?? nonEmpty(env['AKC_PROJECT_DIR']) ?? '.',
    ),
    bundleId,
    appName: pick(values['app-name'], 'APP_NAME') ?? 'AKC Sandbox App',
    packageName,
    firebaseAppId: pick(values['firebase-app-id'], 'FIREBASE_APP_ID') ?? defaultFirebaseAppId(packageName),
    betaGroupName: pick(values['beta-group'], 'BETA_GROUP') ?? 'AKC Sandbox Testers',
    ports: parsePorts(pick(values.ports, 'PORTS') ?? ''),
    purgeOnExit: values['purge-on-exit'] === true || env['AKC_SANDBOX_PURGE_ON_EXIT'] === '1',
  };
}

/** `asc=4010,play=4011` -> `{ asc: 4010, play: 4011 }`; throws on unknown names or bad numbers. */
export function parsePorts(text: string): Partial<Record<PortName, number>> {
  const ports: Partial<Record<PortName, number>> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=');
    const port = Number(value);
    if (!isPortName(name))
      throw new Error(`unknown port name '${name ?? ''}' (use ${PORT_NAMES.join(', ')})`);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`invalid port for ${name}: '${value ?? ''}'`);
    ports[name] = port;
  }
  return ports;
}

function isPortName(name: string | undefined): name is PortName {
  return (PORT_NAMES as readonly string[]).includes(name ?? '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Stable per package so a restarted sandbox keeps the same id (and env files stay valid). */
function defaultFirebaseAppId(packageName: string): string {
  const hex = createHash('sha256').update(packageName).digest('hex').slice(0, 16);
  return `1:123456789012:android:${hex}`;
}
