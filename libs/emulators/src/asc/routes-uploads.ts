import { createHash, randomUUID } from 'node:crypto';
import type { Route } from '../http/router';
import type { JsonObject, JsonValue, RequestContext } from '../http/types';
import { ascError } from './documents-errors';
import { singleDocument } from './documents';
import { stateOf, type AscState } from './state';
import { toOneId, type AscRecord } from './store';
import { entityError, readWriteBody, stateError } from './write-body';

const PLATFORMS = ['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'] as const;
const UTIS = [
  'com.apple.ipa',
  'com.apple.pkg',
  'com.pkware.zip-archive',
  'com.apple.binary-property-list',
  'com.apple.xml-property-list',
] as const;
const ASSET_TYPES = ['ASSET', 'ASSET_DESCRIPTION', 'ASSET_SPI'] as const;
const UPLOAD_URL_TTL_MS = 3_600_000;

/** Received bytes of each buildUploadFile, by part number. */
type PartStore = Map<string, Map<number, Buffer>>;

/** `buildUploads`, `buildUploadFiles` and the pre-signed part upload URLs (`/__upload/...`). */
export function createUploadRoutes(state: AscState): Route[] {
  const parts: PartStore = new Map();
  return [
    { method: 'POST', pattern: '/v1/buildUploads', handler: (ctx) => createBuildUpload(ctx, state) },
    {
      method: 'DELETE',
      pattern: '/v1/buildUploads/{id}',
      handler: (ctx) => {
        const upload = state.store.get('buildUploads', ctx.params['id'] ?? '');
        if (stateOf(upload) === 'COMPLETE') throw stateError('A completed build upload cannot be deleted.');
        state.store.remove('buildUploads', upload.id);
        return { status: 204 };
      },
    },
    { method: 'POST', pattern: '/v1/buildUploadFiles', handler: (ctx) => createUploadFile(ctx, state) },
    {
      method: 'PATCH',
      pattern: '/v1/buildUploadFiles/{id}',
      handler: (ctx) => commitUploadFile(ctx, state, parts),
    },
    {
      method: 'PUT',
      pattern: '/__upload/{fileId}/{part}',
      auth: false,
      handler: (ctx) => receivePart(ctx, state, parts),
    },
  ];
}

async function createBuildUpload(ctx: RequestContext, state: AscState) {
  const body = await readWriteBody(ctx, state, {
    type: 'buildUploads',
    attributes: { cfBundleShortVersionString: 'string', cfBundleVersion: 'string', platform: PLATFORMS },
    required: ['cfBundleShortVersionString', 'cfBundleVersion', 'platform'],
    relationships: { app: { type: 'apps' } },
    requiredRelationships: ['app'],
  });
  const appId = (body.relationships['app'] as { id: string }).id;
  const { cfBundleShortVersionString: short, cfBundleVersion: build, platform } = body.attributes;
  const duplicateUpload = state.store
    .all('buildUploads')
    .some(
      (u) =>
        toOneId(u, 'app') === appId &&
        u.attributes['cfBundleVersion'] === build &&
        u.attributes['cfBundleShortVersionString'] === short &&
        u.attributes['platform'] === platform &&
        stateOf(u) !== 'FAILED',
    );
  const duplicateBuild = state.store.all('builds').some((b) => {
    const pre = state.store.find('preReleaseVersions', toOneId(b, 'preReleaseVersion') ?? '');
    return (
      toOneId(b, 'app') === appId &&
      b.attributes['version'] === build &&
      pre !== undefined &&
      pre.attributes['version'] === short &&
      pre.attributes['platform'] === platform
    );
  });
  if (duplicateUpload || duplicateBuild) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `The bundle version ${String(build)} has already been used for version ${String(short)}.`,
      '/data/attributes/cfBundleVersion',
    );
  }
  const upload = state.store.create(
    'buildUploads',
    {
      ...body.attributes,
      createdDate: new Date().toISOString(),
      uploadedDate: null,
      state: { state: 'AWAITING_UPLOAD', errors: [], warnings: [], infos: [] },
    },
    { app: { type: 'apps', id: appId }, build: null },
  );
  return singleDocument({ ctx, state }, upload, 201);
}

async function createUploadFile(ctx: RequestContext, state: AscState) {
  const body = await readWriteBody(ctx, state, {
    type: 'buildUploadFiles',
    attributes: { fileName: 'string', fileSize: 'number', uti: UTIS, assetType: ASSET_TYPES },
    required: ['fileName', 'fileSize', 'uti', 'assetType'],
    relationships: { buildUpload: { type: 'buildUploads' } },
    requiredRelationships: ['buildUpload'],
  });
  const size = body.attributes['fileSize'];
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'fileSize must be an integer of at least 1.',
      '/data/attributes/fileSize',
    );
  }
  const uploadId = (body.relationships['buildUpload'] as { id: string }).id;
  const upload = state.store.get('buildUploads', uploadId);
  if (stateOf(upload) !== 'AWAITING_UPLOAD')
    throw stateError(`The build upload is ${String(stateOf(upload))}, not AWAITING_UPLOAD.`);
  const id = randomUUID();
  const file = state.store.create(
    'buildUploadFiles',
    {
      ...body.attributes,
      assetDeliveryState: { state: 'AWAITING_UPLOAD', errors: [], warnings: [] },
      uploadOperations: planOperations(ctx.origin, id, size, state.behaviour.uploadPartSize),
      sourceFileChecksums: null,
      assetToken: `akc-emulator-asset-${id}`,
    },
    { buildUpload: { type: 'buildUploads', id: uploadId } },
    id,
  );
  return singleDocument({ ctx, state }, file, 201);
}

function planOperations(origin: string, fileId: string, size: number, partSize: number): JsonValue[] {
  const ops: JsonValue[] = [];
  const expiration = new Date(Date.now() + UPLOAD_URL_TTL_MS).toISOString();
  for (let offset = 0, part = 1; offset < size; offset += partSize, part += 1) {
    ops.push({
      method: 'PUT',
      url: `${origin}/__upload/${fileId}/${part}`,
      offset,
      length: Math.min(partSize, size - offset),
      requestHeaders: [{ name: 'Content-Type', value: 'application/octet-stream' }],
      expiration,
      partNumber: part,
      entityTag: null,
    });
  }
  return ops;
}

async function receivePart(ctx: RequestContext, state: AscState, parts: PartStore) {
  if (ctx.req.headers.authorization) {
    throw ascError(
      403,
      'FORBIDDEN_ERROR',
      'Upload URLs are pre-signed',
      'Do not send an Authorization header to an upload operation URL.',
    );
  }
  const file = state.store.get('buildUploadFiles', ctx.params['fileId'] ?? '');
  const partNumber = Number(ctx.params['part']);
  const op = operations(file).find((o) => o['partNumber'] === partNumber);
  if (!op)
    throw ascError(
      404,
      'NOT_FOUND',
      'The specified resource does not exist',
      `No upload operation ${partNumber}.`,
    );
  if (Date.parse(String(op['expiration'])) < Date.now())
    throw ascError(403, 'FORBIDDEN_ERROR', 'Upload URL expired', 'The pre-signed upload URL has expired.');
  if (ctx.req.headers['content-type'] !== 'application/octet-stream') {
    throw ascError(
      400,
      'PARAMETER_ERROR.INVALID',
      'Missing request header',
      'Send the requestHeaders listed by the upload operation (Content-Type: application/octet-stream).',
    );
  }
  const declared = ctx.req.headers['content-length'];
  if (declared === undefined)
    throw ascError(
      411,
      'PARAMETER_ERROR.INVALID',
      'Length required',
      'Upload parts need a Content-Length header.',
    );
  const bytes = await ctx.body();
  if (Number(declared) !== op['length'] || bytes.length !== op['length']) {
    throw ascError(
      400,
      'PARAMETER_ERROR.INVALID',
      'Wrong part length',
      `Part ${partNumber} must be ${String(op['length'])} bytes; got ${bytes.length}.`,
    );
  }
  const received = parts.get(file.id) ?? new Map<number, Buffer>();
  received.set(partNumber, bytes);
  parts.set(file.id, received);
  return { status: 200, headers: { etag: `"${createHash('md5').update(bytes).digest('hex')}"` } };
}

async function commitUploadFile(ctx: RequestContext, state: AscState, parts: PartStore) {
  const file = state.store.get('buildUploadFiles', ctx.params['id'] ?? '');
  const body = await readWriteBody(ctx, state, {
    type: 'buildUploadFiles',
    id: file.id,
    attributes: { uploaded: 'boolean', sourceFileChecksums: 'object' },
    required: ['uploaded'],
  });
  if (body.attributes['uploaded'] !== true) return singleDocument({ ctx, state }, file);
  const delivery = file.attributes['assetDeliveryState'] as JsonObject;
  if (delivery['state'] !== 'AWAITING_UPLOAD')
    throw stateError(`The file is already ${String(delivery['state'])}.`);
  const checksum = readChecksum(body.attributes['sourceFileChecksums']);
  const received = parts.get(file.id) ?? new Map<number, Buffer>();
  const missing = operations(file).filter((o) => !received.has(Number(o['partNumber'])));
  if (missing.length > 0)
    throw stateError(
      `Upload operations not completed: ${missing.map((o) => String(o['partNumber'])).join(', ')}.`,
    );
  const whole = Buffer.concat([...received.entries()].sort(([a], [b]) => a - b).map(([, b]) => b));
  const actual = createHash(checksum.algorithm === 'MD5' ? 'md5' : 'sha256')
    .update(whole)
    .digest('hex');
  parts.delete(file.id);
  file.attributes['sourceFileChecksums'] = body.attributes['sourceFileChecksums'] ?? null;
  const upload = state.store.get('buildUploads', toOneId(file, 'buildUpload') ?? '');
  if (actual !== checksum.hash.toLowerCase()) {
    const errors = [
      {
        code: 'CHECKSUM_MISMATCH',
        description: `The ${checksum.algorithm} checksum of the received bytes does not match.`,
      },
    ];
    file.attributes['assetDeliveryState'] = { state: 'FAILED', errors, warnings: [] };
    upload.attributes['state'] = { state: 'FAILED', errors, warnings: [], infos: [] };
  } else {
    file.attributes['assetDeliveryState'] = { state: 'COMPLETE', errors: [], warnings: [] };
    if (file.attributes['assetType'] === 'ASSET') startProcessing(upload);
  }
  return singleDocument({ ctx, state }, file);
}

function startProcessing(upload: AscRecord): void {
  upload.attributes['state'] = { state: 'PROCESSING', errors: [], warnings: [], infos: [] };
  upload.attributes['uploadedDate'] = new Date().toISOString();
  upload.meta.data['processingStartedPolls'] = upload.meta.polls;
}

function readChecksum(value: JsonValue | undefined): { hash: string; algorithm: 'MD5' | 'SHA_256' } {
  const file = value && typeof value === 'object' && !Array.isArray(value) ? value['file'] : undefined;
  const pointer = '/data/attributes/sourceFileChecksums';
  if (!file || typeof file !== 'object' || Array.isArray(file) || typeof file['hash'] !== 'string') {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
      'Committing an upload requires sourceFileChecksums.file {hash, algorithm}.',
      pointer,
    );
  }
  const algorithm = file['algorithm'];
  if (algorithm !== 'MD5' && algorithm !== 'SHA_256')
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'algorithm must be MD5 or SHA_256.',
      `${pointer}/file/algorithm`,
    );
  return { hash: file['hash'], algorithm };
}

function operations(file: AscRecord): JsonObject[] {
  const ops = file.attributes['uploadOperations'];
  return Array.isArray(ops)
    ? ops.filter((o): o is JsonObject => typeof o === 'object' && o !== null && !Array.isArray(o))
    : [];
}
