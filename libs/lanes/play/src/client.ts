/**
 * The only place that touches the Google SDKs (@googleapis/androidpublisher, google-auth-library).
 * Both are loaded lazily inside {@link createPlayApi}, so importing the lane (e.g. for
 * `akc deliver status`) never loads them. The SDK's own retries are off; the caller's `run`
 * wrapper does all retrying, so every attempt is counted and logged once.
 */
import { createReadStream } from 'node:fs';
import type { androidpublisher_v3 } from '@googleapis/androidpublisher';
import { GOOGLE_TOKEN_URI, type ServiceAccount } from './credentials';

/** An edit (transaction) as the API returns it. */
export interface EditInfo {
  readonly id: string;
  /** Epoch seconds, as the API sends it (a string). */
  readonly expiryTimeSeconds?: string;
}

/** An uploaded bundle or APK. */
export interface UploadedArtifact {
  readonly versionCode: number;
  readonly sha256?: string;
}

/** A release on a track (the fields this lane reads and writes). */
export interface TrackRelease {
  readonly name?: string;
  readonly versionCodes: readonly string[];
  readonly status: string;
  readonly userFraction?: number;
  readonly releaseNotes?: ReadonlyArray<{ readonly language: string; readonly text: string }>;
}

/** The Play calls this lane makes; each one is a single logical call run through `run`. */
export interface PlayApi {
  insertEdit(): Promise<EditInfo>;
  getEdit(editId: string): Promise<EditInfo>;
  deleteEdit(editId: string): Promise<void>;
  /** Streams `path` from disk (`.aab` -> bundles.upload, `.apk` -> apks.upload). */
  upload(editId: string, path: string, kind: 'aab' | 'apk'): Promise<UploadedArtifact>;
  listUploads(editId: string, kind: 'aab' | 'apk'): Promise<UploadedArtifact[]>;
  getTrack(editId: string, track: string): Promise<TrackRelease[]>;
  updateTrack(editId: string, track: string, releases: readonly TrackRelease[]): Promise<TrackRelease[]>;
  validate(editId: string): Promise<void>;
  commit(editId: string, changesNotSentForReview: boolean): Promise<EditInfo>;
}

/** Where and as whom to call. */
export interface PlayApiConfig {
  readonly packageName: string;
  /** API root with a trailing slash, passed per call (uploads ignore an API-level rootUrl). */
  readonly rootUrl: string;
  readonly account: ServiceAccount;
  readonly signal?: AbortSignal;
  /** Runs one logical call (the lane's retry wrapper). */
  readonly run: <T>(call: string, attempt: () => Promise<T>) => Promise<T>;
}

const SCOPE = 'https://www.googleapis.com/auth/androidpublisher';
const UPLOAD_TIMEOUT_MS = 15 * 60_000;
const CALL_TIMEOUT_MS = 2 * 60_000;

/** Build the Play client for one package: a JWT service-account client and androidpublisher v3. */
export async function createPlayApi(cfg: PlayApiConfig): Promise<PlayApi> {
  const { androidpublisher } = await import('@googleapis/androidpublisher');
  const auth = await createJwt(cfg.account);
  // The top-level google-auth-library (10.9.1) JWT is what googleapis-common's bundled copy
  // (10.5.0) expects at runtime; TypeScript sees two declarations of the same class.
  const api = androidpublisher({
    version: 'v3',
    auth: auth as unknown as androidpublisher_v3.Options['auth'],
  });
  const b: Binding = {
    edits: api.edits,
    packageName: cfg.packageName,
    run: cfg.run,
    opts: (timeout = CALL_TIMEOUT_MS) => ({
      rootUrl: cfg.rootUrl,
      retry: false,
      timeout,
      signal: cfg.signal,
    }),
  };
  return { ...editCalls(b), ...artifactCalls(b), ...trackCalls(b) };
}

type Edits = androidpublisher_v3.Resource$Edits;
type CallOptions = { rootUrl: string; retry: boolean; timeout: number; signal?: AbortSignal };
interface Binding {
  readonly edits: Edits;
  readonly packageName: string;
  readonly run: PlayApiConfig['run'];
  readonly opts: (timeout?: number) => CallOptions;
}

const data = async <T>(p: Promise<{ data: T }>): Promise<T> => (await p).data;

function editCalls({ edits, packageName, run, opts }: Binding) {
  return {
    insertEdit: () => run('edits.insert', () => data(edits.insert({ packageName }, opts()))).then(toEdit),
    getEdit: (editId: string) =>
      run('edits.get', () => data(edits.get({ packageName, editId }, opts()))).then(toEdit),
    deleteEdit: (editId: string) =>
      run('edits.delete', async () => void (await edits.delete({ packageName, editId }, opts()))),
    validate: (editId: string) =>
      run('edits.validate', async () => void (await edits.validate({ packageName, editId }, opts()))),
    commit: (editId: string, notForReview: boolean) => {
      const params = { packageName, editId, ...(notForReview ? { changesNotSentForReview: true } : {}) };
      return run('edits.commit', () => data(edits.commit(params, opts()))).then(toEdit);
    },
  } satisfies Partial<PlayApi>;
}

function artifactCalls({ edits, packageName, run, opts }: Binding) {
  const name = (kind: 'aab' | 'apk', op: string) => `edits.${kind === 'aab' ? 'bundles' : 'apks'}.${op}`;
  return {
    upload: (editId: string, path: string, kind: 'aab' | 'apk') =>
      run(name(kind, 'upload'), () =>
        upload(edits, packageName, editId, path, kind, opts(UPLOAD_TIMEOUT_MS)),
      ),
    listUploads: (editId: string, kind: 'aab' | 'apk') =>
      run(name(kind, 'list'), () => listUploads(edits, packageName, editId, kind, opts())),
  } satisfies Partial<PlayApi>;
}

function trackCalls({ edits, packageName, run, opts }: Binding) {
  return {
    getTrack: (editId: string, track: string) =>
      run('edits.tracks.get', () => data(edits.tracks.get({ packageName, editId, track }, opts()))).then(
        toReleases,
      ),
    updateTrack: (editId: string, track: string, releases: readonly TrackRelease[]) => {
      const requestBody = { track, releases: releases.map(toSchema) };
      return run('edits.tracks.update', () =>
        data(edits.tracks.update({ packageName, editId, track, requestBody }, opts())),
      ).then(toReleases);
    },
  } satisfies Partial<PlayApi>;
}

async function upload(
  edits: Edits,
  packageName: string,
  editId: string,
  path: string,
  kind: 'aab' | 'apk',
  o: CallOptions,
): Promise<UploadedArtifact> {
  const media = { mimeType: 'application/octet-stream', body: createReadStream(path) };
  try {
    if (kind === 'aab') {
      const res = await edits.bundles.upload({ packageName, editId, media }, o);
      return {
        versionCode: res.data.versionCode ?? 0,
        ...(res.data.sha256 ? { sha256: res.data.sha256 } : {}),
      };
    }
    const res = await edits.apks.upload({ packageName, editId, media }, o);
    const sha = res.data.binary?.sha256;
    return { versionCode: res.data.versionCode ?? 0, ...(sha ? { sha256: sha } : {}) };
  } finally {
    media.body.destroy();
  }
}

async function listUploads(
  edits: Edits,
  packageName: string,
  editId: string,
  kind: 'aab' | 'apk',
  o: CallOptions,
): Promise<UploadedArtifact[]> {
  if (kind === 'aab') {
    const res = await edits.bundles.list({ packageName, editId }, o);
    return (res.data.bundles ?? []).map((b) => ({
      versionCode: b.versionCode ?? 0,
      ...(b.sha256 ? { sha256: b.sha256 } : {}),
    }));
  }
  const res = await edits.apks.list({ packageName, editId }, o);
  return (res.data.apks ?? []).map((a) => ({
    versionCode: a.versionCode ?? 0,
    ...(a.binary?.sha256 ? { sha256: a.binary.sha256 } : {}),
  }));
}

async function createJwt(account: ServiceAccount) {
  const { JWT } = await import('google-auth-library');
  const jwt = new JWT({
    email: account.client_email,
    key: account.private_key,
    keyId: account.private_key_id,
    scopes: [SCOPE],
  });
  // google-auth-library always posts the grant to Google's URL; send it to the key's token_uri
  // instead, and switch off its own retries (ours count and log every attempt).
  jwt.transporter.interceptors.request.add({
    resolved: async (config) => {
      if (config.url.href === GOOGLE_TOKEN_URI) {
        config.url = new URL(account.token_uri);
        config.retryConfig = { retry: 0 };
      }
      return config;
    },
  });
  return jwt;
}

function toEdit(e: androidpublisher_v3.Schema$AppEdit): EditInfo {
  return { id: e.id ?? '', ...(e.expiryTimeSeconds ? { expiryTimeSeconds: e.expiryTimeSeconds } : {}) };
}

function toReleases(t: androidpublisher_v3.Schema$Track): TrackRelease[] {
  return (t.releases ?? []).map((r) => ({
    ...(r.name ? { name: r.name } : {}),
    versionCodes: r.versionCodes ?? [],
    status: r.status ?? 'statusUnspecified',
    ...(typeof r.userFraction === 'number' ? { userFraction: r.userFraction } : {}),
    ...(r.releaseNotes
      ? { releaseNotes: r.releaseNotes.map((n) => ({ language: n.language ?? '', text: n.text ?? '' })) }
      : {}),
  }));
}

function toSchema(r: TrackRelease): androidpublisher_v3.Schema$TrackRelease {
  return {
    ...(r.name ? { name: r.name } : {}),
    versionCodes: [...r.versionCodes],
    status: r.status,
    ...(r.userFraction !== undefined ? { userFraction: r.userFraction } : {}),
    ...(r.releaseNotes ? { releaseNotes: r.releaseNotes.map((n) => ({ ...n })) } : {}),
  };
}
