import { googleError } from '../google/errors';

/** A release on a track, as the API represents it. */
export interface PlayRelease {
  name?: string;
  versionCodes: string[];
  status: 'draft' | 'inProgress' | 'halted' | 'completed';
  userFraction?: number;
  releaseNotes?: { language: string; text: string }[];
  countryTargeting?: { countries: string[]; includeRestOfWorld?: boolean };
  inAppUpdatePriority?: number;
}

/** An uploaded bundle or APK. */
export interface PlayArtifact {
  kind: 'bundle' | 'apk';
  versionCode: number;
  versionName?: string;
  sha1: string;
  sha256: string;
}

/** The publishable content of an app: live state, or an edit's working copy. */
export interface PlayContent {
  tracks: Map<string, PlayRelease[]>;
  artifacts: PlayArtifact[];
  testers: Map<string, string[]>;
}

/** One edit (transaction). */
export interface PlayEdit {
  id: string;
  packageName: string;
  expiresAt: number;
  /** `superseded`: another edit of the same app was committed first. */
  state: 'open' | 'committed' | 'deleted' | 'superseded';
  content: PlayContent;
}

/** Per-app settings that decide which documented errors the emulator produces. */
export interface PlayAppSettings {
  /** A draft app only accepts releases with status draft. @default false */
  draft: boolean;
  /** `manual`: commits need changesNotSentForReview=true; `automatic`: they must not set it. @default 'automatic' */
  reviewMode: 'automatic' | 'manual';
  /** Changes currently in review (for changesInReviewBehavior=ERROR_IF_IN_REVIEW). @default false */
  inReview: boolean;
}

/** An app known to the emulator. */
export interface PlayApp extends PlayAppSettings {
  packageName: string;
  live: PlayContent;
  /** Every version code ever uploaded (reuse is an error even after a code left all tracks). */
  usedVersionCodes: Set<number>;
}

/** Emulator-wide behaviour. */
export interface PlayBehaviour {
  /** Lifetime of an edit. @default 3600000 */
  editTtlMs: number;
  /** Status of "version code already used": 403 apkUpgradeVersionConflict or the newer 400 variant. @default 403 */
  duplicateVersionCodeStatus: 403 | 400;
  /** Status of "This Edit has been deleted." for superseded edits: older 410 editDeleted or newer 400. @default 410 */
  editDeletedStatus: 410 | 400;
  /** What to do with a binary that is neither a fixture nor registered: assign the next free version code, or reject. @default 'auto' */
  unknownArtifacts: 'auto' | 'reject';
}

/** Track names every app has. */
export const STANDARD_TRACKS = ['production', 'beta', 'alpha', 'internal'];

/** All apps, edits and resumable upload sessions. */
export class PlayState {
  readonly apps = new Map<string, PlayApp>();
  readonly edits = new Map<string, PlayEdit>();
  /** Version info registered for binaries by SHA-256 (control API). */
  readonly artifactInfo = new Map<string, { versionCode: number; versionName?: string }>();
  behaviour: PlayBehaviour = {
    editTtlMs: 3_600_000,
    duplicateVersionCodeStatus: 403,
    editDeletedStatus: 410,
    unknownArtifacts: 'auto',
  };
  #nextEdit = 1;

  /** Adds an app (apps are created in the Play Console, not through the API). */
  addApp(packageName: string, settings: Partial<PlayAppSettings> = {}): PlayApp {
    const app: PlayApp = {
      packageName,
      draft: false,
      reviewMode: 'automatic',
      inReview: false,
      ...settings,
      live: emptyContent(),
      usedVersionCodes: new Set(),
    };
    this.apps.set(packageName, app);
    return app;
  }

  /** The app or a 404 like the real API's "Package not found". */
  getApp(packageName: string): PlayApp {
    const app = this.apps.get(packageName);
    if (!app) throw googleError(404, `Package not found: ${packageName}.`, { reason: 'notFound' });
    return app;
  }

  /** Opens an edit holding a copy of the live state. */
  openEdit(app: PlayApp): PlayEdit {
    const id = `${Date.now()}${String(this.#nextEdit++).padStart(4, '0')}`;
    const edit: PlayEdit = {
      id,
      packageName: app.packageName,
      expiresAt: Date.now() + this.behaviour.editTtlMs,
      state: 'open',
      content: cloneContent(app.live),
    };
    this.edits.set(id, edit);
    return edit;
  }

  /** An open, unexpired edit of the package, or the documented error. */
  getOpenEdit(packageName: string, editId: string): PlayEdit {
    this.getApp(packageName);
    const edit = this.edits.get(editId);
    if (!edit || edit.packageName !== packageName || edit.state === 'deleted')
      throw googleError(404, `No edit with id ${editId}.`, { reason: 'notFound' });
    if (edit.state !== 'open') {
      const status = this.behaviour.editDeletedStatus;
      throw googleError(status, 'This Edit has been deleted.', {
        reason: status === 410 ? 'editDeleted' : 'badRequest',
        rpcStatus: status === 410 ? 'NOT_FOUND' : 'INVALID_ARGUMENT',
      });
    }
    if (edit.expiresAt <= Date.now())
      throw googleError(400, 'This edit has expired, please create a new Edit.', { reason: 'badRequest' });
    return edit;
  }

  /** Applies an edit to the live state and supersedes the app's other open edits. */
  commitEdit(app: PlayApp, edit: PlayEdit): void {
    app.live = cloneContent(edit.content);
    for (const a of edit.content.artifacts) app.usedVersionCodes.add(a.versionCode);
    edit.state = 'committed';
    for (const other of this.edits.values())
      if (other.packageName === app.packageName && other.state === 'open') other.state = 'superseded';
  }
}

/** AppEdit JSON. */
export function editJson(edit: PlayEdit): { id: string; expiryTimeSeconds: string } {
  return { id: edit.id, expiryTimeSeconds: String(Math.floor(edit.expiresAt / 1000)) };
}

function emptyContent(): PlayContent {
  return { tracks: new Map(STANDARD_TRACKS.map((t) => [t, []])), artifacts: [], testers: new Map() };
}

function cloneContent(content: PlayContent): PlayContent {
  return {
    tracks: new Map([...content.tracks].map(([k, v]) => [k, structuredClone(v)])),
    artifacts: content.artifacts.map((a) => ({ ...a })),
    testers: new Map([...content.testers].map(([k, v]) => [k, [...v]])),
  };
}
