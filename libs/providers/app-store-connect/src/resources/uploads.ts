import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AscApiError, AscWaitError } from '../errors';
import { toApiError, type AscHttpClient } from '../http-client';
import type { BuildUpload, BuildUploadFile, Platform, UploadOperation } from '../types';
import { pollUntil, type PollOptions } from './poll';

/** What to upload and as which build. */
export interface UploadBuildInput {
  appId: string;
  /** Path of the .ipa / .pkg on disk; it is read part by part, never whole. */
  filePath: string;
  /** CFBundleShortVersionString, e.g. `1.2.0`. */
  version: string;
  /** CFBundleVersion, e.g. `42`. */
  buildNumber: string;
  /** @default 'IOS' */
  platform?: Platform;
  /** Uniform type identifier; derived from the extension when omitted. */
  uti?: string;
  /** Called after each part is accepted. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

/** Result of {@link BuildUploadsResource.upload}: the reservation, the committed file and the checksum sent. */
export interface UploadBuildResult {
  buildUpload: BuildUpload;
  file: BuildUploadFile;
  md5: string;
}

/** Build uploads (API 4.1+): reserve, PUT parts to pre-signed URLs, commit with a checksum, wait. */
export class BuildUploadsResource {
  constructor(
    private readonly http: AscHttpClient,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Runs the whole upload. Parts go sequentially; memory use is one part, and MD5 is computed as parts are read. */
  async upload(input: UploadBuildInput): Promise<UploadBuildResult> {
    const { size } = await stat(input.filePath);
    const reserved = await this.http.post<BuildUpload>('/v1/buildUploads', {
      data: {
        type: 'buildUploads',
        attributes: {
          cfBundleShortVersionString: input.version,
          cfBundleVersion: input.buildNumber,
          platform: input.platform ?? 'IOS',
        },
        relationships: { app: { data: { type: 'apps', id: input.appId } } },
      },
    });
    const buildUpload = required(reserved).data;
    const created = await this.http.post<BuildUploadFile>('/v1/buildUploadFiles', {
      data: {
        type: 'buildUploadFiles',
        attributes: {
          fileName: basename(input.filePath),
          fileSize: size,
          uti: input.uti ?? utiFor(input.filePath),
          assetType: 'ASSET',
        },
        relationships: { buildUpload: { data: { type: 'buildUploads', id: buildUpload.id } } },
      },
    });
    const file = required(created).data;
    const md5 = await this.#sendParts(input, file.attributes.uploadOperations, size);
    const committed = await this.http.patch<BuildUploadFile>(`/v1/buildUploadFiles/${file.id}`, {
      data: {
        type: 'buildUploadFiles',
        id: file.id,
        attributes: { uploaded: true, sourceFileChecksums: { file: { hash: md5, algorithm: 'MD5' } } },
      },
    });
    return { buildUpload, file: committed?.data ?? file, md5 };
  }

  /** Reads a build upload, including its build once processed. */
  async get(buildUploadId: string): Promise<{ upload: BuildUpload; buildId: string | undefined }> {
    const doc = await this.http.get<BuildUpload>(`/v1/buildUploads/${buildUploadId}`, { include: ['build'] });
    const rel = doc.data.relationships?.['build']?.data;
    return { upload: doc.data, buildId: rel && !Array.isArray(rel) ? rel.id : undefined };
  }

  /** Polls until the upload is COMPLETE (returns the build id) or FAILED (throws {@link AscWaitError}). */
  async waitForCompletion(buildUploadId: string, options: PollOptions = {}): Promise<string> {
    let last: BuildUpload | undefined;
    const buildId = await pollUntil(async () => {
      const { upload, buildId: id } = await this.get(buildUploadId);
      last = upload;
      if (upload.attributes.state.state === 'FAILED')
        throw new AscWaitError(
          'failed',
          `buildUpload ${buildUploadId}`,
          'FAILED',
          upload.attributes.state.errors,
        );
      return upload.attributes.state.state === 'COMPLETE' ? id : undefined;
    }, options);
    if (!buildId)
      throw new AscWaitError('timeout', `buildUpload ${buildUploadId}`, last?.attributes.state.state);
    return buildId;
  }

  async #sendParts(input: UploadBuildInput, operations: UploadOperation[], size: number): Promise<string> {
    const ops = [...operations].sort((a, b) => a.offset - b.offset);
    let expected = 0;
    for (const op of ops) {
      if (op.offset !== expected)
        throw new RangeError(`Upload operations do not cover the file contiguously at byte ${expected}.`);
      expected += op.length;
    }
    if (expected !== size)
      throw new RangeError(`Upload operations cover ${expected} bytes, file has ${size}.`);
    const hash = createHash('md5');
    const handle = await open(input.filePath, 'r');
    try {
      let sent = 0;
      for (const op of ops) {
        const part = Buffer.alloc(op.length);
        const { bytesRead } = await handle.read(part, 0, op.length, op.offset);
        if (bytesRead !== op.length)
          throw new RangeError(`Short read at offset ${op.offset}: the file changed during upload.`);
        hash.update(part);
        await this.#putPart(op, part);
        sent += op.length;
        input.onProgress?.(sent, size);
      }
    } finally {
      await handle.close();
    }
    return hash.digest('hex');
  }

  async #putPart(op: UploadOperation, part: Buffer): Promise<void> {
    // Pre-signed URLs: send exactly the listed headers and never the API bearer token.
    const headers: Record<string, string> = {};
    for (const h of op.requestHeaders) headers[h.name] = h.value;
    for (let attempt = 1; ; attempt += 1) {
      let error: AscApiError;
      try {
        const response = await this.fetchImpl(op.url, { method: op.method, headers, body: part });
        const text = await response.text();
        if (response.ok) return;
        error = toApiError(response, text, op.method, op.url, Date.now());
      } catch (cause) {
        error = new AscApiError({
          status: 0,
          code: 'NETWORK_ERROR',
          title: 'Network error',
          detail: String(cause),
          method: op.method,
          url: op.url,
          cause,
        });
      }
      await this.http.waitBeforeRetry(error, attempt, 'PUT', op.url);
    }
  }
}

function required<T>(doc: T | undefined): T {
  if (doc === undefined)
    throw new AscApiError({
      status: 204,
      code: 'EMPTY_RESPONSE',
      title: 'Expected a resource document but the response was empty',
    });
  return doc;
}

function utiFor(filePath: string): string {
  const ext = extname(filePath).toLowerCase();
  if (ext === '.pkg') return 'com.apple.pkg';
  if (ext === '.zip') return 'com.pkware.zip-archive';
  return 'com.apple.ipa';
}
