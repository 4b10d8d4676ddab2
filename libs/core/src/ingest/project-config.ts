/**
 * `.akc/project.json` / `.akc/project.yaml` (spec §12.1): the tenant and repo a project belongs
 * to, and where the tenant outputs live. Unlike the original, a malformed file is an error
 * up front rather than a crash halfway through a command.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { akcError } from '../errors/akc-error';

/** The resolved project config. `path` is the file that was read, or null when there is none. */
export interface ProjectConfig {
  tenant_id: string;
  repo_id: string;
  /** Absolute (resolved against the project dir), or null when unset. */
  outputs_root: string | null;
  path: string | null;
}

/** Default tenant and repo id when the config is absent or leaves them empty. */
export const DEFAULT_SCOPE_ID = 'local';
const MAX_CONFIG_BYTES = 1024 * 1024;
const SAFE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * True when `id` can be used as one path segment: 1-128 of `A-Z a-z 0-9 _ . -`, no `..`, not `.`.
 * @example isPathSafeId('acme-prod') // true
 * @example isPathSafeId('../etc')    // false
 */
export function isPathSafeId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes('..') && id !== '.';
}

/**
 * Load the project config. `.akc/project.json` wins over `.akc/project.yaml`.
 * The YAML reader accepts only flat `key: value` lines (plus comments and blank lines).
 * Unknown keys are ignored because other akc commands share the file.
 * @throws AkcError EPROJECTCONFIG for malformed content, wrong types or unsafe ids.
 */
export function loadProjectConfig(projectDir: string): ProjectConfig {
  for (const [name, parse] of [
    ['project.json', parseJsonConfig],
    ['project.yaml', parseFlatYaml],
    ['project.yml', parseFlatYaml],
  ] as const) {
    const file = path.join(projectDir, '.akc', name);
    if (!fs.existsSync(file)) continue;
    return toConfig(file, parse(file, readConfigText(file)), projectDir);
  }
  return { tenant_id: DEFAULT_SCOPE_ID, repo_id: DEFAULT_SCOPE_ID, outputs_root: null, path: null };
}

function configError(file: string, reason: string) {
  return akcError('EPROJECTCONFIG', { path: file, reason });
}

function readConfigText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw configError(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!stat.isFile()) throw configError(file, 'is not a regular file');
  if (stat.size > MAX_CONFIG_BYTES) throw configError(file, `is larger than ${MAX_CONFIG_BYTES} bytes`);
  return fs.readFileSync(file, 'utf8');
}

function parseJsonConfig(file: string, text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw configError(file, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw configError(file, 'the top level must be a JSON object');
  return doc as Record<string, unknown>;
}

/** Flat `key: value` YAML subset: no nesting, lists, anchors or multi-line values. */
function parseFlatYaml(file: string, text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (line.trim() === '' || line === '---') return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s+(.*))?$/.exec(line);
    if (!m || m[1] === undefined) {
      throw configError(
        file,
        `line ${i + 1} is not a flat "key: value" pair (only that YAML subset is supported)`,
      );
    }
    out[m[1]] = yamlScalar(file, i + 1, (m[2] ?? '').trim());
  });
  return out;
}

function yamlScalar(file: string, lineNo: number, v: string): string | null {
  if (v === '' || v === '~' || v === 'null') return null;
  const quoted = /^"([^"\\]*)"$|^'([^']*)'$/.exec(v);
  if (quoted) return quoted[1] ?? quoted[2] ?? '';
  if (/^[[{&*!|>"']/.test(v))
    throw configError(file, `line ${lineNo}: only plain or simply quoted string values are supported`);
  return v;
}

function toConfig(file: string, doc: Record<string, unknown>, projectDir: string): ProjectConfig {
  const tenant = optionalString(file, doc, 'tenant_id');
  const repo = optionalString(file, doc, 'repo_id');
  const outputsRoot = optionalString(file, doc, 'outputs_root');
  return {
    tenant_id: scopeId(file, 'tenant_id', tenant),
    repo_id: scopeId(file, 'repo_id', repo),
    outputs_root: outputsRoot ? path.resolve(projectDir, outputsRoot) : null,
    path: file,
  };
}

function optionalString(file: string, doc: Record<string, unknown>, key: string): string | undefined {
  const v = doc[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw configError(file, `${key} must be a string, got ${Array.isArray(v) ? 'an array' : typeof v}`);
  return v;
}

function scopeId(file: string, key: string, v: string | undefined): string {
  // Empty means "default" in the original layout rules (spec §12.1).
  if (v === undefined || v === '') return DEFAULT_SCOPE_ID;
  if (v.trim() !== v) throw configError(file, `${key} '${v}' has surrounding whitespace`);
  if (!isPathSafeId(v)) {
    throw configError(file, `${key} '${v}' is not path-safe (use 1-128 of A-Z a-z 0-9 _ . - with no '..')`);
  }
  return v;
}
