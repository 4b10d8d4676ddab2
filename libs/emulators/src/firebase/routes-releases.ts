import { createHash } from 'node:crypto';
import { readFixtureArtifact } from '../artifacts';
import { googleError } from '../google/errors';
import { parseMultipart } from '../http/body';
import type { Route } from '../http/router';
import { isJsonObject, type HttpResult, type JsonObject, type RequestContext } from '../http/types';
import { releaseJson, type FirebaseOperation, type FirebaseState } from './state';

const APP = '/v1/projects/{project}/apps/{appId}';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Upload, operations, releases (list/get/patch/distribute) and aabInfo. */
export function createReleaseRoutes(state: FirebaseState): Route[] {
  const appKey = (ctx: RequestContext) => {
    const app = state.getApp(ctx.params['project'] ?? '', ctx.params['appId'] ?? '');
    return `projects/${app.projectNumber}/apps/${app.appId}`;
  };
  const release = (ctx: RequestContext) => {
    const found = state.releases.get(`${appKey(ctx)}/releases/${ctx.params['release'] ?? ''}`);
    if (!found) throw googleError(404, 'Requested entity was not found.');
    return found;
  };
  return [
    {
      method: 'POST',
      pattern: `/upload${APP}/releases:upload`,
      handler: (ctx) => upload(ctx, state, appKey(ctx)),
    },
    {
      method: 'GET',
      pattern: `${APP}/releases/-/operations/{op}`,
      handler: (ctx) => ({ status: 200, body: pollOperation(state, ctx, appKey(ctx)) }),
    },
    {
      method: 'POST',
      pattern: `${APP}/releases/-/operations/{op}:wait`,
      handler: (ctx) => ({ status: 200, body: pollOperation(state, ctx, appKey(ctx)) }),
    },
    {
      method: 'GET',
      pattern: `${APP}/aabInfo`,
      handler: (ctx) => ({
        status: 200,
        body: {
          name: `${appKey(ctx)}/aabInfo`,
          integrationState: state.getApp(ctx.params['project'] ?? '', ctx.params['appId'] ?? '')
            .aabIntegrationState,
        },
      }),
    },
    { method: 'GET', pattern: `${APP}/releases`, handler: (ctx) => listReleases(ctx, state, appKey(ctx)) },
    {
      method: 'GET',
      pattern: `${APP}/releases/{release}`,
      handler: (ctx) => ({ status: 200, body: releaseJson(release(ctx), ctx.origin) }),
    },
    {
      method: 'PATCH',
      pattern: `${APP}/releases/{release}`,
      handler: async (ctx) => {
        const r = release(ctx);
        const mask = ctx.query.get('updateMask');
        if (mask !== 'release_notes.text' && mask !== 'releaseNotes.text')
          throw googleError(
            400,
            `Invalid update mask: ${mask ?? '(missing)'}. Only release_notes.text can be updated.`,
          );
        const body = await ctx.json();
        const notes =
          isJsonObject(body) && isJsonObject(body['releaseNotes']) ? body['releaseNotes']['text'] : undefined;
        if (typeof notes !== 'string') throw googleError(400, 'releaseNotes.text is required.');
        if (notes.length > 16_000) throw googleError(400, 'Release notes are too long.');
        r.releaseNotes = notes;
        r.updateTime = new Date().toISOString();
        return { status: 200, body: releaseJson(r, ctx.origin) };
      },
    },
    {
      method: 'POST',
      pattern: `${APP}/releases/{release}:distribute`,
      handler: async (ctx) => distribute(ctx, state, release(ctx)),
    },
  ];
}

async function upload(ctx: RequestContext, state: FirebaseState, appKey: string): Promise<HttpResult> {
  let bytes = await ctx.body();
  let fileName = ctx.req.headers['x-goog-upload-file-name'];
  if (ctx.query.get('uploadType') === 'multipart') {
    const parts = parseMultipart(bytes, ctx.req.headers['content-type'] ?? '');
    bytes =
      (parts.find((p) => !(p.headers['content-type'] ?? '').includes('json')) ?? parts[parts.length - 1])
        ?.body ?? Buffer.alloc(0);
  } else if (ctx.req.headers['x-goog-upload-protocol'] !== 'raw') {
    throw googleError(400, 'The X-Goog-Upload-Protocol header must be "raw".');
  }
  if (typeof fileName !== 'string' || fileName === '') {
    if (ctx.query.get('uploadType') !== 'multipart')
      throw googleError(400, 'The X-Goog-Upload-File-Name header is required.');
    fileName = 'upload.bin';
  }
  if (bytes.length === 0) throw googleError(400, 'The uploaded binary is empty.');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const info = readFixtureArtifact(bytes);
  const name = `${appKey}/releases/-/operations/${sha256}`;
  const op: FirebaseOperation = {
    name,
    appKey,
    sha256,
    fileName: decodeURIComponent(fileName),
    info: {
      buildVersion: info?.versionCode === undefined ? undefined : String(info.versionCode),
      displayVersion: info?.versionName,
    },
    polls: 0,
    createdAt: Date.now(),
    done: false,
  };
  state.operations.set(name, op);
  return { status: 200, body: { name } };
}

function pollOperation(state: FirebaseState, ctx: RequestContext, appKey: string): JsonObject {
  const op = state.operations.get(`${appKey}/releases/-/operations/${ctx.params['op'] ?? ''}`);
  if (!op) throw googleError(404, 'Requested entity was not found.');
  const { operationPolls, operationDelayMs } = state.behaviour;
  if (
    !op.done &&
    operationPolls !== 'never' &&
    op.polls >= operationPolls &&
    Date.now() - op.createdAt >= operationDelayMs
  ) {
    state.completeOperation(op, ctx.origin);
  }
  op.polls += 1;
  const body: JsonObject = {
    name: op.name,
    metadata: { '@type': 'type.googleapis.com/google.firebase.appdistro.v1.UploadReleaseMetadata' },
    done: op.done,
  };
  if (op.error) body['error'] = { code: op.error.code, message: op.error.message, details: [] };
  if (op.response) body['response'] = op.response;
  return body;
}

function listReleases(ctx: RequestContext, state: FirebaseState, appKey: string): HttpResult {
  const size = Number(ctx.query.get('pageSize') ?? 25);
  if (!Number.isInteger(size) || size < 1 || size > 100)
    throw googleError(400, 'pageSize must be between 1 and 100.');
  const order = ctx.query.get('orderBy') ?? 'createTime desc';
  if (!['createTime', 'createTime desc', 'createTime asc'].includes(order))
    throw googleError(400, `Unsupported orderBy: ${order}.`);
  const all = [...state.releases.values()].filter((r) => r.name.startsWith(`${appKey}/releases/`));
  all.sort((a, b) => a.createTime.localeCompare(b.createTime));
  if (order === 'createTime desc') all.reverse();
  const offset = ctx.query.get('pageToken')
    ? Number(Buffer.from(ctx.query.get('pageToken') ?? '', 'base64url').toString())
    : 0;
  if (!Number.isInteger(offset) || offset < 0) throw googleError(400, 'Invalid page token.');
  const page = all.slice(offset, offset + size);
  const body: JsonObject = { releases: page.map((r) => releaseJson(r, ctx.origin)) };
  if (offset + size < all.length)
    body['nextPageToken'] = Buffer.from(String(offset + size)).toString('base64url');
  return { status: 200, body };
}

async function distribute(
  ctx: RequestContext,
  state: FirebaseState,
  release: ReturnType<FirebaseState['releases']['get']> & object,
): Promise<HttpResult> {
  const body = await ctx.json();
  const emails = isJsonObject(body) && Array.isArray(body['testerEmails']) ? body['testerEmails'] : [];
  const aliases = isJsonObject(body) && Array.isArray(body['groupAliases']) ? body['groupAliases'] : [];
  if (emails.length + aliases.length === 0)
    throw googleError(400, 'At least one tester e-mail or group alias is required.');
  if (emails.length + aliases.length > 999)
    throw googleError(400, 'At most 999 tester e-mails and group aliases can be given at once.');
  const project = ctx.params['project'] ?? '';
  const groups = state.projectGroups(project);
  const unknown = aliases.find((a) => typeof a !== 'string' || !groups.has(a));
  if (unknown !== undefined) throw googleError(400, `Group alias not found: ${String(unknown)}.`);
  const bad = emails.find((e) => typeof e !== 'string' || !EMAIL.test(e));
  if (bad !== undefined)
    throw googleError(400, `Invalid tester e-mail: ${String(bad)}.`, { rpcStatus: 'FAILED_PRECONDITION' });
  const members = [...state.projectTesters(project).values()]
    .filter((t) => aliases.some((a) => t.groups.has(String(a))))
    .map((t) => t.email);
  const recipients = [...state.ensureTesters(project, emails.map(String)).map((t) => t.email), ...members];
  for (const alias of aliases) release.groups.add(String(alias));
  for (const email of new Set(recipients)) {
    release.testers.add(email);
    state.outbox.push({ to: email, release: release.name, at: new Date().toISOString() });
  }
  return { status: 200, body: {} };
}
