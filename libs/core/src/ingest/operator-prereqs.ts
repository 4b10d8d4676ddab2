/**
 * `.akc/delivery/operator_prereqs.json` (spec §2.10): facts an operator records about accounts
 * and assets that the repo cannot show. Unlike the original, an unreadable file is reported as a
 * warning instead of silently counting as `{}`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every key path the delivery code reads. `ios.testflight_group` is new in this port. */
export type PrereqKey =
  | 'ios.bundle_id'
  | 'apple.team_id'
  | 'ios.signing_assets'
  | 'ios.xcode_or_eas_export'
  | 'ios.app_store_connect_api'
  | 'ios.app_store_connect_app'
  | 'ios.firebase_app_id'
  | 'ios.testflight_group'
  | 'android.firebase_app_id'
  | 'android.firebase_distribution_auth'
  | 'android.firebase_app_distribution_groups'
  | 'android.play_package'
  | 'android.play_publisher_api'
  | 'android.gradle_project'
  | 'android.signing_keystore'
  | 'web.hosting_endpoint'
  | 'web.invite_base_url'
  | 'web.invite_email_configured';

/** The loaded document plus warnings the caller should show (bad JSON, wrong top level). */
export interface OperatorPrereqs {
  prereqs: Readonly<Record<string, unknown>>;
  warnings: string[];
}

/** Path of the operator prereqs file inside a project. */
export function operatorPrereqsPath(projectDir: string): string {
  return path.join(projectDir, '.akc', 'delivery', 'operator_prereqs.json');
}

const MAX_PREREQS_BYTES = 1024 * 1024;

/**
 * Read the operator prereqs of a project. A missing file gives `{prereqs: {}, warnings: []}`;
 * an unreadable, oversized, invalid-JSON or non-object file gives empty prereqs and one warning
 * naming the file, so every check that depends on it reports as missing.
 */
export function loadOperatorPrereqs(projectDir: string): OperatorPrereqs {
  const file = operatorPrereqsPath(projectDir);
  if (!fs.existsSync(file)) return { prereqs: {}, warnings: [] };
  const warn = (why: string): OperatorPrereqs => ({
    prereqs: {},
    warnings: [
      `operator prereqs ${file} ignored: ${why}; fix the file (a JSON object such as {"ios": {"bundle_id": "com.example.app"}})`,
    ],
  });
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return warn('it is not a regular file');
    if (stat.size > MAX_PREREQS_BYTES) return warn(`it is larger than ${MAX_PREREQS_BYTES} bytes`);
    const doc: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      return warn('the top level is not a JSON object');
    return { prereqs: doc as Record<string, unknown>, warnings: [] };
  } catch (e) {
    return warn(
      e instanceof SyntaxError ? `invalid JSON (${e.message})` : `cannot be read (${(e as Error).message})`,
    );
  }
}

/** Wrap an in-memory document (tests, library callers) as {@link OperatorPrereqs}. */
export function operatorPrereqs(doc: Readonly<Record<string, unknown>> = {}): OperatorPrereqs {
  return { prereqs: doc, warnings: [] };
}

/** The raw value at a dotted key path, or undefined when any step is missing or not an object. */
export function prereqValue(p: OperatorPrereqs, key: PrereqKey): unknown {
  let node: unknown = p.prereqs;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Truthiness of a flag key, as in the original: a non-empty string, `true`, a non-zero number,
 * or a non-empty array/object counts.
 */
export function prereqFlag(p: OperatorPrereqs, key: PrereqKey): boolean {
  const v = prereqValue(p, key);
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0;
  if (typeof v === 'string') return v.trim() !== '';
  return Boolean(v);
}

/** A key read as a value: the trimmed string when it is a non-empty string, else undefined. */
export function prereqString(p: OperatorPrereqs, key: PrereqKey): string | undefined {
  const v = prereqValue(p, key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A list key: a CSV/semicolon string or an array of strings, trimmed, empty parts dropped. */
export function prereqList(p: OperatorPrereqs, key: PrereqKey): string[] {
  const v = prereqValue(p, key);
  const parts =
    typeof v === 'string'
      ? v.split(/[,;]/)
      : Array.isArray(v)
        ? v.filter((x): x is string => typeof x === 'string')
        : [];
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}
