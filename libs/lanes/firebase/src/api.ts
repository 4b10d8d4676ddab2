import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { TokenSource } from './client';
import type { FirebaseTarget } from './config';
import { sendOnce, type ApiRequest } from './http';
import { withRetry, type RetryEnv } from './retry';

/** A Release as Firebase App Distribution v1 returns it (fields this lane reads). */
export interface Release {
  readonly name: string;
  readonly displayVersion?: string;
  readonly buildVersion?: string;
  readonly firebaseConsoleUri?: string;
  readonly testingUri?: string;
  readonly openInvitationCount?: number;
  readonly acceptedInvitationCount?: number;
  readonly installationCount?: number;
}

/** A google.longrunning.Operation for an upload. */
export interface UploadOperation {
  readonly name: string;
  readonly done?: boolean;
  readonly error?: { readonly code?: number; readonly message?: string };
  readonly response?: { readonly result?: string; readonly release?: Release };
}

/** A project tester (testers.list). */
export interface Tester {
  readonly name: string;
  readonly displayName?: string;
  readonly groups?: readonly string[];
  readonly lastActivityTime?: string;
}

/** The REST surface of Firebase App Distribution v1 this lane uses, with retries on every call. */
export class AppDistributionApi {
  constructor(
    private readonly target: FirebaseTarget,
    private readonly token: TokenSource,
    private readonly env: RetryEnv & { readonly now: () => number },
  ) {}

  private call<T>(req: ApiRequest): Promise<T> {
    return withRetry(req.label, this.env, async () =>
      sendOnce<T>(req, await this.token(), this.env.signal, this.env.now()),
    );
  }

  private v1(name: string, suffix = ''): string {
    return `${this.target.rootUrl}v1/${name}${suffix}`;
  }

  /** Play integration state of the app (AAB uploads need INTEGRATED). */
  aabInfo(): Promise<{ integrationState?: string }> {
    return this.call({ method: 'GET', url: this.v1(this.target.appName, '/aabInfo'), label: 'aab info' });
  }

  /** Stream the binary from disk (raw protocol, chunked); each retry re-opens the file. */
  upload(path: string): Promise<{ name?: string }> {
    const stream = () => ({
      body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
      headers: {
        'content-type': 'application/octet-stream',
        'x-goog-upload-protocol': 'raw',
        'x-goog-upload-file-name': encodeURIComponent(basename(path)),
      },
    });
    const url = `${this.target.rootUrl}upload/v1/${this.target.appName}/releases:upload`;
    return this.call({ method: 'POST', url, label: 'upload', stream });
  }

  /** operations.get */
  getOperation(name: string): Promise<UploadOperation> {
    return this.call({ method: 'GET', url: this.v1(name), label: 'upload status' });
  }

  /** releases.get */
  getRelease(name: string): Promise<Release> {
    return this.call({ method: 'GET', url: this.v1(name), label: 'release' });
  }

  /** releases.patch of the release notes only. */
  patchNotes(release: string, text: string): Promise<Release> {
    const url = this.v1(release, '?updateMask=release_notes.text');
    return this.call({
      method: 'PATCH',
      url,
      label: 'release notes',
      json: { name: release, releaseNotes: { text } },
    });
  }

  /** releases.distribute: grants access and e-mails every named tester and group member. */
  distribute(
    release: string,
    testerEmails: readonly string[],
    groupAliases: readonly string[],
  ): Promise<object> {
    const json = { testerEmails, groupAliases };
    return this.call({ method: 'POST', url: this.v1(release, ':distribute'), label: 'distribute', json });
  }

  /** One page of testers.list. */
  listTesters(pageToken?: string): Promise<{ testers?: Tester[]; nextPageToken?: string }> {
    const query = `?pageSize=1000${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
    return this.call({
      method: 'GET',
      url: this.v1(`projects/${this.target.projectNumber}/testers`, query),
      label: 'testers',
    });
  }
}

/** The project tester resource name for an e-mail. */
export function testerName(projectNumber: string, email: string): string {
  return `projects/${projectNumber}/testers/${email.toLowerCase()}`;
}
