/**
 * Local repo probes (spec §4.8): what the project files already tell us about bundle ids,
 * signing, Firebase and hosting. Read-only, bounded, and never fails on a malformed file:
 * a file that cannot be parsed simply gives no signal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkRepoDir, type WalkLimits } from './repo-walk';

/** Everything the probes found. Paths are relative to the project dir. */
export interface RepoProbes {
  /** `app.json` or `app.config.json`, whichever parses first as an object. */
  expo_doc: string | null;
  ios_bundle_id: string | null;
  android_application_id: string | null;
  apple_team_id: string | null;
  google_services_json: string | null;
  /** `mobilesdk_app_id` from google-services.json (the client matching the application id, else the first). */
  firebase_android_app_id: string | null;
  ios_firebase_plist: boolean;
  firebase_project_config: boolean;
  /** `detected:<file>` for the first hosting config found. */
  web_hosting: string | null;
  ios_signing_hint: boolean;
  ios_xcode_or_eas_build: boolean;
  android_gradle_project: boolean;
  /** True when the ios/ search hit its depth or entry budget, so a negative may be wrong. */
  search_truncated: boolean;
}

/** Probes with nothing found; handy as a base in tests. */
export const EMPTY_PROBES: Readonly<RepoProbes> = Object.freeze({
  expo_doc: null,
  ios_bundle_id: null,
  android_application_id: null,
  apple_team_id: null,
  google_services_json: null,
  firebase_android_app_id: null,
  ios_firebase_plist: false,
  firebase_project_config: false,
  web_hosting: null,
  ios_signing_hint: false,
  ios_xcode_or_eas_build: false,
  android_gradle_project: false,
  search_truncated: false,
});

type Json = Record<string, unknown>;
const MAX_PROBE_BYTES = 2 * 1024 * 1024;
const ANDROID_PACKAGE = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$/;
const HOSTING_FILES = ['vercel.json', 'netlify.toml', 'wrangler.toml', 'fly.toml'] as const;

/**
 * Run every probe against `projectDir`.
 * @param limits bounds for the recursive ios/ search (depth 6, 20,000 entries by default).
 */
export function probeRepo(projectDir: string, limits: WalkLimits = {}): RepoProbes {
  const at = (rel: string): string => path.join(projectDir, rel);
  const expo = readExpoDoc(projectDir);
  const eas = readJsonObject(at('eas.json'));
  const ios = scanIosDir(at('ios'), limits);
  const signing = fs.existsSync(at('credentials.json')) || ios.mobileprovision;
  const bundleId = platformString(expo?.doc, 'ios', 'bundleIdentifier');
  const applicationId = platformString(expo?.doc, 'android', 'package') ?? gradleApplicationId(projectDir);
  const googleServices =
    ['android/app/google-services.json', 'google-services.json'].find((f) => isFile(at(f))) ?? null;
  return {
    expo_doc: expo?.name ?? null,
    ios_bundle_id: bundleId,
    android_application_id: applicationId,
    apple_team_id: nonEmpty(dig(eas, 'submit', 'production', 'ios', 'appleTeamId')),
    google_services_json: googleServices,
    firebase_android_app_id: googleServices ? firebaseAppId(at(googleServices), applicationId) : null,
    ios_firebase_plist: ios.plist,
    firebase_project_config: ['firebase.json', '.firebaserc'].some((f) => fs.existsSync(at(f))),
    web_hosting: detectedHosting(projectDir),
    ios_signing_hint: signing,
    ios_xcode_or_eas_build:
      ios.xcode || hasEasBuild(eas) || (expoIosBundle(expo) && (fs.existsSync(at('eas.json')) || signing)),
    android_gradle_project: ['android/app/build.gradle', 'android/app/build.gradle.kts'].some((f) =>
      isFile(at(f)),
    ),
    search_truncated: ios.truncated,
  };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function readText(p: string): string | null {
  try {
    if (!isFile(p) || fs.statSync(p).size > MAX_PROBE_BYTES) return null;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}

function readJsonObject(p: string): Json | null {
  const text = readText(p);
  if (text === null) return null;
  try {
    const doc: unknown = JSON.parse(text);
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Json) : null;
  } catch {
    return null;
  }
}

function dig(doc: unknown, ...keys: string[]): unknown {
  let node = doc;
  for (const k of keys) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Json)[k];
  }
  return node;
}

function nonEmpty(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function readExpoDoc(projectDir: string): { name: string; doc: Json } | null {
  for (const name of ['app.json', 'app.config.json']) {
    const doc = readJsonObject(path.join(projectDir, name));
    if (doc) return { name, doc };
  }
  return null;
}

/** `expo.<platform>.<key>`, or top-level `<platform>.<key>` when there is no `expo` object. */
function platformString(doc: Json | undefined, platform: string, key: string): string | null {
  if (!doc) return null;
  const expo = dig(doc, 'expo');
  const base = typeof expo === 'object' && expo !== null && !Array.isArray(expo) ? expo : doc;
  return nonEmpty(dig(base, platform, key));
}

function expoIosBundle(expo: { name: string; doc: Json } | null): boolean {
  return expo?.name === 'app.json' && nonEmpty(dig(expo.doc, 'expo', 'ios', 'bundleIdentifier')) !== null;
}

function hasEasBuild(eas: Json | null): boolean {
  const build = dig(eas, 'build');
  return (
    typeof build === 'object' && build !== null && !Array.isArray(build) && Object.keys(build).length > 0
  );
}

/**
 * `applicationId` from android/app/build.gradle (Groovy: `applicationId "x"`, `'x'` or `= "x"`)
 * or build.gradle.kts (`applicationId = "x"`; the original did not read .kts). Comments are
 * stripped first, and interpolated values (`"${base}.app"`) are not a package name, so ignored.
 */
export function gradleApplicationId(projectDir: string): string | null {
  for (const name of ['build.gradle', 'build.gradle.kts']) {
    const text = readText(path.join(projectDir, 'android', 'app', name));
    if (text === null) continue;
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    for (const m of code.matchAll(/\bapplicationId\s*(?:=\s*)?(["'])([^"'\n]*)\1/g)) {
      if (m[2] !== undefined && ANDROID_PACKAGE.test(m[2])) return m[2];
    }
  }
  return null;
}

function firebaseAppId(file: string, applicationId: string | null): string | null {
  const clients = dig(readJsonObject(file), 'client');
  if (!Array.isArray(clients)) return null;
  const ids = clients.map((c) => ({
    pkg: nonEmpty(dig(c, 'client_info', 'android_client_info', 'package_name')),
    id: nonEmpty(dig(c, 'client_info', 'mobilesdk_app_id')),
  }));
  const match = ids.find((c) => c.id !== null && applicationId !== null && c.pkg === applicationId);
  return match?.id ?? ids.find((c) => c.id !== null)?.id ?? null;
}

function detectedHosting(projectDir: string): string | null {
  const found = HOSTING_FILES.find((f) => fs.existsSync(path.join(projectDir, f)));
  return found ? `detected:${found}` : null;
}

interface IosScan {
  plist: boolean;
  mobileprovision: boolean;
  xcode: boolean;
  truncated: boolean;
}

/** One bounded walk of ios/ for the three recursive probes. */
function scanIosDir(iosDir: string, limits: WalkLimits): IosScan {
  const out: IosScan = { plist: false, mobileprovision: false, xcode: false, truncated: false };
  out.truncated = walkRepoDir(
    iosDir,
    (e) => {
      if (!e.isDir && e.name === 'GoogleService-Info.plist') out.plist = true;
      if (!e.isDir && e.name.endsWith('.mobileprovision')) out.mobileprovision = true;
      const bundle = e.isDir && /\.(xcodeproj|xcworkspace)$/.test(e.name);
      if (bundle) out.xcode = true;
      if (out.plist && out.mobileprovision && out.xcode) return false;
      return bundle ? 'skip' : undefined;
    },
    limits,
  );
  return out;
}
