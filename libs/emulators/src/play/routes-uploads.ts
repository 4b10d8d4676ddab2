import { createHash, randomBytes } from 'node:crypto';
import { readFixtureArtifact } from '../artifacts';
import { googleError } from '../google/errors';
import { parseMultipart } from '../http/body';
import type { Route } from '../http/router';
import type { HttpResult, JsonObject, RequestContext } from '../http/types';
import type { PlayApp, PlayArtifact, PlayEdit, PlayState } from './state';

const BASE = '/upload/androidpublisher/v3/applications/{pkg}/edits/{editId}';

interface ResumableSession {
  packageName: string;
  editId: string;
  kind: PlayArtifact['kind'];
  total?: number;
  chunks: Buffer[];
  received: number;
}

/** bundles/apks uploads with uploadType media, multipart and resumable. */
export function createUploadRoutes(state: PlayState): Route[] {
  const sessions = new Map<string, ResumableSession>();
  const routes: Route[] = [];
  for (const [segment, kind] of [
    ['bundles', 'bundle'],
    ['apks', 'apk'],
  ] as const) {
    routes.push(
      {
        method: 'POST',
        pattern: `${BASE}/${segment}`,
        handler: (ctx) => startUpload(ctx, state, kind, sessions),
      },
      {
        method: 'PUT',
        pattern: `${BASE}/${segment}`,
        handler: (ctx) => continueResumable(ctx, state, sessions),
      },
    );
  }
  return routes;
}

async function startUpload(
  ctx: RequestContext,
  state: PlayState,
  kind: PlayArtifact['kind'],
  sessions: Map<string, ResumableSession>,
): Promise<HttpResult> {
  const app = state.getApp(ctx.params['pkg'] ?? '');
  const edit = state.getOpenEdit(app.packageName, ctx.params['editId'] ?? '');
  const uploadType = ctx.query.get('uploadType') ?? 'media';
  if (uploadType === 'resumable') {
    const id = randomBytes(16).toString('base64url');
    const length = ctx.req.headers['x-upload-content-length'];
    sessions.set(id, {
      packageName: app.packageName,
      editId: edit.id,
      kind,
      total: length ? Number(length) : undefined,
      chunks: [],
      received: 0,
    });
    const location = new URL(ctx.url.href);
    location.searchParams.set('upload_id', id);
    await ctx.body();
    return { status: 200, headers: { location: location.href, 'x-goog-upload-status': 'active' } };
  }
  let bytes = await ctx.body();
  if (uploadType === 'multipart') {
    const parts = parseMultipart(bytes, ctx.req.headers['content-type'] ?? '');
    const media =
      parts.find((p) => !(p.headers['content-type'] ?? '').includes('json')) ?? parts[parts.length - 1];
    bytes = media?.body ?? Buffer.alloc(0);
  } else if (uploadType !== 'media') {
    throw googleError(400, `Invalid upload type: ${uploadType}.`, { reason: 'invalidValue' });
  }
  return { status: 200, body: artifactJson(addArtifact(state, app, edit, kind, bytes)) };
}

async function continueResumable(
  ctx: RequestContext,
  state: PlayState,
  sessions: Map<string, ResumableSession>,
): Promise<HttpResult> {
  const id = ctx.query.get('upload_id') ?? '';
  const session = sessions.get(id);
  if (!session)
    throw googleError(404, 'No active resumable upload session with this upload_id.', { reason: 'notFound' });
  const chunk = await ctx.body();
  const range = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(ctx.req.headers['content-range'] ?? '');
  if (range?.[3] && range[3] !== '*') session.total = Number(range[3]);
  if (range?.[1] !== undefined && Number(range[1]) !== session.received) {
    return { status: 308, headers: session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {} };
  }
  session.chunks.push(chunk);
  session.received += chunk.length;
  const total = session.total ?? (range ? undefined : session.received);
  if (total === undefined || session.received < total) {
    return { status: 308, headers: session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {} };
  }
  sessions.delete(id);
  const app = state.getApp(session.packageName);
  const edit = state.getOpenEdit(session.packageName, session.editId);
  return {
    status: 200,
    body: artifactJson(addArtifact(state, app, edit, session.kind, Buffer.concat(session.chunks))),
  };
}

/** Validates and records an uploaded artifact in the edit; reproduces the documented version-code errors. */
export function addArtifact(
  state: PlayState,
  app: PlayApp,
  edit: PlayEdit,
  kind: PlayArtifact['kind'],
  bytes: Buffer,
): PlayArtifact {
  if (bytes.length === 0) throw googleError(400, 'The uploaded file is empty.', { reason: 'invalidValue' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const info = state.artifactInfo.get(sha256) ?? readFixtureArtifact(bytes);
  let versionCode = info?.versionCode;
  if (versionCode === undefined) {
    if (state.behaviour.unknownArtifacts === 'reject')
      throw googleError(400, 'The file is not a valid Android App Bundle or APK.', {
        reason: 'invalidValue',
      });
    versionCode =
      Math.max(0, ...app.usedVersionCodes, ...edit.content.artifacts.map((a) => a.versionCode)) + 1;
  }
  const inEdit = edit.content.artifacts.find((a) => a.versionCode === versionCode);
  if (inEdit && inEdit.kind !== kind) {
    throw googleError(403, 'You cannot insert a bundle with the same version code as an APK in the edit.', {
      reason: 'replacingBundleWithApk',
    });
  }
  if (inEdit || app.usedVersionCodes.has(versionCode)) {
    if (state.behaviour.duplicateVersionCodeStatus === 400)
      throw googleError(400, `Version code ${versionCode} has already been used.`, { reason: 'badRequest' });
    throw googleError(403, 'APK specifies a version code that has already been used.', {
      reason: 'apkUpgradeVersionConflict',
    });
  }
  const artifact: PlayArtifact = { kind, versionCode, versionName: info?.versionName, sha1, sha256 };
  edit.content.artifacts.push(artifact);
  return artifact;
}

function artifactJson(a: PlayArtifact): JsonObject {
  return a.kind === 'bundle'
    ? { versionCode: a.versionCode, sha1: a.sha1, sha256: a.sha256 }
    : { versionCode: a.versionCode, binary: { sha1: a.sha1, sha256: a.sha256 } };
}
