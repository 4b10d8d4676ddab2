import { isAbsolute, normalize } from 'node:path';
import { splitCommand } from './split-command';

/**
 * The web lane's config slice (`lanes.web` in .akc/config.json), after `parseWebOptions`.
 * Commands are argv arrays here; the config file may also give them as one string.
 */
export interface WebLaneOptions {
  /** The build command. @default ['npm', 'run', 'build'] when package.json has a `build` script */
  readonly build_command?: readonly string[];
  /** The build's output folder, relative to the project. @default first existing of dist, build, out, web-build */
  readonly output_dir?: string;
  /** Run after the archive is written; its last `http(s)://` stdout line is the hosting URL. */
  readonly deploy_command?: readonly string[];
  /** A fixed hosting URL (used when the deploy command prints none, or there is no deploy command). */
  readonly hosting_url?: string;
}

/** The `lanes.web` keys this lane understands. */
export const WEB_OPTION_KEYS = ['build_command', 'output_dir', 'deploy_command', 'hosting_url'] as const;

type Parsed = { ok: true; value: WebLaneOptions } | { ok: false; errors: string[] };

function parseCommand(key: string, raw: unknown, errors: string[]): string[] | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') {
    const split = splitCommand(raw);
    if (!split.ok) errors.push(`${key}: ${split.error}; use an argv array or a script file`);
    else if (split.argv.length === 0) errors.push(`${key}: must not be empty`);
    else return split.argv;
    return undefined;
  }
  if (Array.isArray(raw) && raw.length > 0 && raw.every((w) => typeof w === 'string' && w.length > 0)) {
    return raw as string[];
  }
  errors.push(`${key}: must be a command string or a non-empty array of non-empty strings`);
  return undefined;
}

function parseOutputDir(raw: unknown, errors: string[]): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') {
    errors.push('output_dir: must be a non-empty string (a folder relative to the project)');
    return undefined;
  }
  const rel = normalize(raw.trim());
  if (isAbsolute(rel) || rel === '..' || rel.startsWith('../') || rel.startsWith('..\\')) {
    errors.push(`output_dir: '${raw}' must be a folder inside the project (relative, without leading ..)`);
    return undefined;
  }
  return rel;
}

function parseHostingUrl(raw: unknown, errors: string[]): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && isHttpUrl(raw.trim())) return raw.trim();
  errors.push(`hosting_url: must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
  return undefined;
}

/** True for an absolute http: or https: URL with a host. */
export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    return new URL(text).host !== '';
  } catch {
    return false;
  }
}

/**
 * Validate and normalise `lanes.web`. Absent or null means "all defaults". Unknown keys are errors
 * (a typo would otherwise be silently ignored). A normalised value parses to itself.
 */
export function parseWebOptions(raw: unknown): Parsed {
  if (raw === undefined || raw === null) return { ok: true, value: {} };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: ['lanes.web must be an object'] };
  }
  const obj = raw as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(obj)) {
    if (!(WEB_OPTION_KEYS as readonly string[]).includes(key)) {
      errors.push(`unknown option '${key}' (known: ${WEB_OPTION_KEYS.join(', ')})`);
    }
  }
  const value: WebLaneOptions = {
    ...optional('build_command', parseCommand('build_command', obj.build_command, errors)),
    ...optional('output_dir', parseOutputDir(obj.output_dir, errors)),
    ...optional('deploy_command', parseCommand('deploy_command', obj.deploy_command, errors)),
    ...optional('hosting_url', parseHostingUrl(obj.hosting_url, errors)),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
