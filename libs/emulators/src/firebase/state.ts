import { randomBytes } from 'node:crypto';
import { googleError } from '../google/errors';
import type { JsonObject } from '../http/types';

/** Result of an upload operation. */
export type UploadResult = 'RELEASE_CREATED' | 'RELEASE_UPDATED' | 'RELEASE_UNMODIFIED';

/** A Firebase app registered in a project. */
export interface FirebaseApp {
  appId: string;
  projectNumber: string;
  /** AAB integration state reported by aabInfo. @default 'INTEGRATED' */
  aabIntegrationState: string;
}

/** A release and the data behind it. */
export interface FirebaseRelease {
  name: string;
  appId: string;
  displayVersion: string;
  buildVersion: string;
  sha256: string;
  createTime: string;
  updateTime: string;
  releaseNotes: string;
  testers: Set<string>;
  groups: Set<string>;
}

/** A long-running upload operation. */
export interface FirebaseOperation {
  name: string;
  appKey: string;
  sha256: string;
  fileName: string;
  info: { buildVersion?: string; displayVersion?: string };
  polls: number;
  createdAt: number;
  done: boolean;
  response?: JsonObject;
  error?: { code: number; message: string };
}

/** A tester of a project. */
export interface FirebaseTester {
  email: string;
  displayName: string;
  groups: Set<string>;
  lastActivityTime: string;
}

/** Tunables of the Firebase emulator. */
export interface FirebaseBehaviour {
  /** Polls of operations.get before an upload finishes; `never` keeps it running forever. @default 1 */
  operationPolls: number | 'never';
  /** Minimum age before an upload finishes. @default 0 */
  operationDelayMs: number;
  /** When set, the next finished operation fails with this message (google.rpc code 3). */
  failNextOperation?: string;
}

/** Projects, apps, releases, operations, testers and groups. */
export class FirebaseState {
  readonly apps = new Map<string, FirebaseApp>();
  readonly releases = new Map<string, FirebaseRelease>();
  readonly operations = new Map<string, FirebaseOperation>();
  readonly testers = new Map<string, Map<string, FirebaseTester>>();
  readonly groups = new Map<string, Map<string, { alias: string; displayName: string }>>();
  /** Invitation e-mails the service would have sent. */
  readonly outbox: { to: string; release: string; at: string }[] = [];
  behaviour: FirebaseBehaviour = { operationPolls: 1, operationDelayMs: 0 };

  /** Registers an app; its project number is the second `:` field of the app id. */
  addApp(appId: string, aabIntegrationState = 'INTEGRATED'): FirebaseApp {
    const projectNumber = appId.split(':')[1];
    if (!projectNumber || !/^\d+$/.test(projectNumber))
      throw new TypeError(`Not a Firebase app id: ${appId}`);
    const app = { appId, projectNumber, aabIntegrationState };
    this.apps.set(appId, app);
    this.testers.set(projectNumber, this.testers.get(projectNumber) ?? new Map());
    this.groups.set(projectNumber, this.groups.get(projectNumber) ?? new Map());
    return app;
  }

  /** The app addressed by `projects/{n}/apps/{appId}`, or 404 when unknown or in another project. */
  getApp(projectNumber: string, appId: string): FirebaseApp {
    const app = this.apps.get(appId);
    if (!app || app.projectNumber !== projectNumber)
      throw googleError(404, 'Requested entity was not found.');
    return app;
  }

  /** Testers of a project (404 for unknown projects). */
  projectTesters(projectNumber: string): Map<string, FirebaseTester> {
    const testers = this.testers.get(projectNumber);
    if (!testers) throw googleError(404, `Project ${projectNumber} was not found.`);
    return testers;
  }

  /** Groups of a project (404 for unknown projects). */
  projectGroups(projectNumber: string): Map<string, { alias: string; displayName: string }> {
    const groups = this.groups.get(projectNumber);
    if (!groups) throw googleError(404, `Project ${projectNumber} was not found.`);
    return groups;
  }

  /** Adds testers that do not exist yet; returns them all. */
  ensureTesters(projectNumber: string, emails: string[]): FirebaseTester[] {
    const testers = this.projectTesters(projectNumber);
    return emails.map((email) => {
      const key = email.toLowerCase();
      let tester = testers.get(key);
      if (!tester) {
        tester = {
          email: key,
          displayName: '',
          groups: new Set(),
          lastActivityTime: new Date().toISOString(),
        };
        testers.set(key, tester);
      }
      return tester;
    });
  }

  /** Finishes an operation: creates, updates or leaves a release as the real service would. */
  completeOperation(op: FirebaseOperation, origin: string): void {
    op.done = true;
    if (this.behaviour.failNextOperation !== undefined) {
      op.error = { code: 3, message: this.behaviour.failNextOperation };
      this.behaviour.failNextOperation = undefined;
      return;
    }
    const existing = [...this.releases.values()].filter((r) => r.name.startsWith(`${op.appKey}/releases/`));
    const same = existing.find((r) => r.sha256 === op.sha256);
    const now = new Date().toISOString();
    let result: UploadResult = 'RELEASE_UNMODIFIED';
    let release = same;
    if (!release) {
      const buildVersion = op.info.buildVersion ?? String(existing.length + 1);
      const displayVersion = op.info.displayVersion ?? '1.0';
      release = existing.find((r) => r.buildVersion === buildVersion && r.displayVersion === displayVersion);
      if (release) {
        Object.assign(release, { sha256: op.sha256, updateTime: now });
        result = 'RELEASE_UPDATED';
      } else {
        const name = `${op.appKey}/releases/${randomBytes(8).toString('hex').slice(0, 13)}`;
        release = {
          name,
          appId: op.appKey.split('/')[3] ?? '',
          displayVersion,
          buildVersion,
          sha256: op.sha256,
          createTime: now,
          updateTime: now,
          releaseNotes: '',
          testers: new Set(),
          groups: new Set(),
        };
        this.releases.set(name, release);
        result = 'RELEASE_CREATED';
      }
    }
    op.response = {
      '@type': 'type.googleapis.com/google.firebase.appdistro.v1.UploadReleaseResponse',
      result,
      release: releaseJson(release, origin),
    };
  }
}

/** Release JSON as the API returns it. */
export function releaseJson(r: FirebaseRelease, origin: string): JsonObject {
  const id = r.name.split('/').pop() ?? '';
  return {
    name: r.name,
    displayVersion: r.displayVersion,
    buildVersion: r.buildVersion,
    createTime: r.createTime,
    updateTime: r.updateTime,
    expireTime: new Date(Date.parse(r.createTime) + 150 * 86_400_000).toISOString(),
    releaseNotes: { text: r.releaseNotes },
    firebaseConsoleUri: `${origin}/__console/${encodeURIComponent(r.appId)}/releases/${id}`,
    testingUri: `${origin}/__testing/${id}`,
    binaryDownloadUri: `${origin}/__download/${id}`,
    openInvitationCount: r.testers.size,
  };
}
