import { googleError } from '../google/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../http/types';
import type { PlayApp, PlayEdit, PlayRelease } from './state';

const STATUSES = ['draft', 'inProgress', 'halted', 'completed'] as const;
const FORM_FACTORS = ['wear', 'automotive', 'tv', 'android_xr', 'google_play_games_pc'];

/** Maps aliases (`qa` -> `internal`) and checks the track exists in the edit (404 otherwise). */
export function resolveTrack(edit: PlayEdit, name: string): string {
  const canonical = name === 'qa' ? 'internal' : name;
  const [prefix, rest] = canonical.includes(':') ? canonical.split(':', 2) : [undefined, canonical];
  if (edit.content.tracks.has(canonical)) return canonical;
  if (prefix && FORM_FACTORS.includes(prefix) && rest && edit.content.tracks.has(rest)) {
    edit.content.tracks.set(canonical, []);
    return canonical;
  }
  throw googleError(404, `Track not found: ${name}.`, { reason: 'notFound' });
}

/** Track JSON as the API returns it. */
export function trackJson(name: string, releases: PlayRelease[]): JsonObject {
  return { track: name, releases: releases.map((r) => ({ ...r }) as JsonObject) };
}

/** Validates a Track body for update/patch against the edit's artifacts and the app's rules. */
export function readTrackBody(body: unknown, track: string, edit: PlayEdit, app: PlayApp): PlayRelease[] {
  if (!isJsonObject(body)) throw invalid('Track body must be an object.');
  if (
    body['track'] !== undefined &&
    body['track'] !== track &&
    !(track === 'internal' && body['track'] === 'qa')
  ) {
    throw invalid(`Track name in the body (${String(body['track'])}) does not match the path (${track}).`);
  }
  const raw = body['releases'] ?? [];
  if (!Array.isArray(raw)) throw invalid('releases must be a list.');
  const releases = raw.map((r, i) => readRelease(r, i, edit, app));
  if (releases.filter((r) => r.status === 'completed').length > 1)
    throw invalid('A track can have at most one completed release.');
  if (releases.filter((r) => r.status === 'inProgress' || r.status === 'halted').length > 1)
    throw invalid('A track can have at most one staged (inProgress or halted) release.');
  const codes = releases.flatMap((r) => r.versionCodes);
  if (new Set(codes).size !== codes.length)
    throw invalid('A version code can appear in only one release of a track.');
  return releases;
}

function readRelease(raw: JsonValue, index: number, edit: PlayEdit, app: PlayApp): PlayRelease {
  const where = `releases[${index}]`;
  if (!isJsonObject(raw)) throw invalid(`${where} must be an object.`);
  const status = raw['status'];
  if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
    throw invalid(`${where}.status must be one of ${STATUSES.join(', ')}; got ${String(status)}.`);
  }
  if (app.draft && status !== 'draft')
    throw invalid('Only releases with status draft may be created on draft app.');
  const fraction = raw['userFraction'];
  const staged = status === 'inProgress' || status === 'halted';
  if (staged && (typeof fraction !== 'number' || fraction <= 0 || fraction >= 1)) {
    throw invalid(`${where}.userFraction must be strictly between 0 and 1 for status ${status}.`);
  }
  if (!staged && fraction !== undefined)
    throw invalid(`${where}.userFraction is only allowed for inProgress or halted releases.`);
  const codesRaw = raw['versionCodes'] ?? [];
  if (!Array.isArray(codesRaw) || codesRaw.some((c) => !/^\d+$/.test(String(c))))
    throw invalid(`${where}.versionCodes must be a list of integers.`);
  const versionCodes = codesRaw.map(String);
  if (versionCodes.length === 0 && status !== 'draft')
    throw invalid(`${where} needs at least one version code.`);
  const known = new Set([
    ...edit.content.artifacts.map((a) => String(a.versionCode)),
    ...[...edit.content.tracks.values()].flat().flatMap((r) => r.versionCodes),
  ]);
  const missing = versionCodes.find((c) => !known.has(c));
  if (missing) throw invalid(`APK or bundle with version code ${missing} could not be found in this edit.`);
  const release: PlayRelease = { versionCodes, status: status as PlayRelease['status'] };
  if (typeof raw['name'] === 'string') release.name = raw['name'];
  else {
    const versionName = edit.content.artifacts.find(
      (a) => String(a.versionCode) === versionCodes[0],
    )?.versionName;
    if (versionName) release.name = versionName;
  }
  if (staged) release.userFraction = fraction as number;
  if (raw['releaseNotes'] !== undefined) release.releaseNotes = readNotes(raw['releaseNotes'], where);
  const priority = raw['inAppUpdatePriority'];
  if (priority !== undefined) {
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 5)
      throw invalid(`${where}.inAppUpdatePriority must be 0-5.`);
    release.inAppUpdatePriority = priority;
  }
  return release;
}

function readNotes(raw: JsonValue, where: string): { language: string; text: string }[] {
  if (!Array.isArray(raw)) throw invalid(`${where}.releaseNotes must be a list.`);
  return raw.map((n) => {
    if (!isJsonObject(n) || typeof n['language'] !== 'string' || typeof n['text'] !== 'string')
      throw invalid(`${where}.releaseNotes entries need language and text.`);
    if (n['text'].length > 500) throw invalid(`${where}.releaseNotes text is longer than 500 characters.`);
    return { language: n['language'], text: n['text'] };
  });
}

function invalid(message: string): ReturnType<typeof googleError> {
  return googleError(400, message, { reason: 'invalidValue' });
}
