import type { JsonObject } from '../http/types';
import { AscStore, toOneId, type AscRecord } from './store';

/** Final outcome of build processing; `NEVER` keeps the build in PROCESSING forever. */
export type BuildOutcome = 'VALID' | 'FAILED' | 'INVALID' | 'NEVER';
/** Outcome of a review; `MANUAL` waits for the control API. */
export type ReviewOutcome = 'APPROVED' | 'REJECTED' | 'MANUAL';

/** Tunable behaviour of the ASC emulator's state machines. Progress is counted in reads (polls), not wall time, unless `afterMs` is set. */
export interface AscBehaviour {
  /** Build processing after upload or seeding. @default { outcome: 'VALID', afterPolls: 1, afterMs: 0 } */
  buildProcessing: { outcome: BuildOutcome; afterPolls: number; afterMs: number };
  /** buildUploads PROCESSING -> COMPLETE (build appears) or FAILED; `NEVER` means the build never appears. @default { outcome: 'COMPLETE', afterPolls: 1 } */
  uploadProcessing: { outcome: 'COMPLETE' | 'FAILED' | 'NEVER'; afterPolls: number };
  /** TestFlight beta app review. @default { outcome: 'APPROVED', afterPolls: 1 } */
  betaReview: { outcome: ReviewOutcome; afterPolls: number };
  /** App Store review of submitted review submissions. @default { outcome: 'APPROVED', afterPolls: 1 } */
  appReview: { outcome: ReviewOutcome; afterPolls: number };
  /** Size of each upload operation for buildUploadFiles. @default 5 MiB */
  uploadPartSize: number;
  /** Reproduce the "last page still has links.next with empty data" quirk. @default false */
  emptyTrailingPage: boolean;
  /** Requests per key per rolling hour before 429 RATE_LIMIT_EXCEEDED. @default 3600 */
  rateLimitPerHour: number;
  /** Blockers returned (as `meta.associatedErrors`) when adding a version to a review submission. @default [] */
  reviewBlockers: JsonObject[];
}

/** Default {@link AscBehaviour}. */
export function defaultAscBehaviour(): AscBehaviour {
  return {
    buildProcessing: { outcome: 'VALID', afterPolls: 1, afterMs: 0 },
    uploadProcessing: { outcome: 'COMPLETE', afterPolls: 1 },
    betaReview: { outcome: 'APPROVED', afterPolls: 1 },
    appReview: { outcome: 'APPROVED', afterPolls: 1 },
    uploadPartSize: 5 * 1024 * 1024,
    emptyTrailingPage: false,
    rateLimitPerHour: 3600,
    reviewBlockers: [],
  };
}

/** One e-mail the emulator recorded instead of sending. */
export interface AscOutboxEntry {
  kind: 'betaTesterInvitation' | 'buildBetaNotification';
  to: string;
  appId: string;
  buildId?: string;
  at: string;
}

/** Store plus behaviour plus the lazy state machines that advance on reads. */
export class AscState {
  readonly store = new AscStore();
  behaviour: AscBehaviour = defaultAscBehaviour();
  /** E-mails the real service would have sent (tester invitations, build notifications). */
  readonly outbox: AscOutboxEntry[] = [];

  /** Called for every record served as primary data: advances its state machine, then counts the read. */
  touch(record: AscRecord): void {
    const polls = record.meta.polls;
    record.meta.polls += 1;
    if (record.type === 'builds') this.#tickBuild(record, polls);
    if (record.type === 'buildUploads') this.#tickUpload(record, polls);
    if (record.type === 'betaAppReviewSubmissions') this.#tickBetaReview(record, polls);
    if (record.type === 'reviewSubmissions') this.#tickAppReview(record, polls);
    if (record.type === 'buildBetaDetails') this.refreshBetaDetail(record);
  }

  /** Moves a build out of PROCESSING. */
  finishBuild(build: AscRecord, state: 'VALID' | 'FAILED' | 'INVALID'): void {
    build.attributes['processingState'] = state;
  }

  /** Sets a beta review submission's state (WAITING_FOR_REVIEW, IN_REVIEW, APPROVED, REJECTED). */
  setBetaReviewState(submission: AscRecord, state: string): void {
    submission.attributes['betaReviewState'] = state;
    if (state === 'APPROVED' || state === 'REJECTED')
      submission.attributes['submittedDate'] ??= new Date().toISOString();
  }

  /** Approves or rejects a submitted review submission and moves its versions accordingly. */
  decideAppReview(submission: AscRecord, outcome: 'APPROVED' | 'REJECTED'): void {
    const items = this.store
      .all('reviewSubmissionItems')
      .filter((i) => toOneId(i, 'reviewSubmission') === submission.id);
    submission.attributes['state'] = outcome === 'APPROVED' ? 'COMPLETE' : 'UNRESOLVED_ISSUES';
    for (const item of items) {
      item.attributes['state'] = outcome;
      const versionId = toOneId(item, 'appStoreVersion');
      const version = versionId ? this.store.find('appStoreVersions', versionId) : undefined;
      if (!version) continue;
      if (outcome === 'REJECTED') setVersionState(version, 'REJECTED');
      else this.#approveVersion(version);
    }
  }

  /** Puts a version live (READY_FOR_SALE) and starts its phased release, retiring the previous live version. */
  releaseVersion(version: AscRecord): void {
    const appId = toOneId(version, 'app');
    for (const other of this.store.all('appStoreVersions')) {
      const sameApp =
        toOneId(other, 'app') === appId && other.attributes['platform'] === version.attributes['platform'];
      if (
        sameApp &&
        other.id !== version.id &&
        other.attributes['appVersionState'] === 'READY_FOR_DISTRIBUTION'
      ) {
        setVersionState(other, 'REPLACED_WITH_NEW_VERSION');
      }
    }
    setVersionState(version, 'READY_FOR_DISTRIBUTION');
    const phased = this.store
      .all('appStoreVersionPhasedReleases')
      .find((p) => toOneId(p, 'appStoreVersion') === version.id);
    if (phased && phased.attributes['phasedReleaseState'] === 'INACTIVE') {
      phased.attributes['phasedReleaseState'] = 'ACTIVE';
      phased.attributes['startDate'] = new Date().toISOString();
      phased.attributes['currentDayNumber'] = 1;
    }
  }

  /** Recomputes internal/external beta states of a buildBetaDetails record from its build. */
  refreshBetaDetail(detail: AscRecord): void {
    if (detail.type !== 'buildBetaDetails') return;
    const buildId = toOneId(detail, 'build');
    const build = buildId ? this.store.find('builds', buildId) : undefined;
    if (!build) return;
    // Apple advances processing and review on its own; reading the detail counts as polling both.
    this.touch(build);
    const review = this.store.all('betaAppReviewSubmissions').find((s) => toOneId(s, 'build') === build.id);
    if (review) this.touch(review);
    const processing = build.attributes['processingState'];
    let internal = 'READY_FOR_BETA_TESTING';
    if (processing === 'PROCESSING') internal = 'PROCESSING';
    else if (processing !== 'VALID') internal = 'PROCESSING_EXCEPTION';
    else if (build.attributes['usesNonExemptEncryption'] === null) internal = 'MISSING_EXPORT_COMPLIANCE';
    const external =
      internal !== 'READY_FOR_BETA_TESTING'
        ? internal
        : externalStateFor(review?.attributes['betaReviewState']);
    detail.attributes['internalBuildState'] = internal;
    detail.attributes['externalBuildState'] = external;
  }

  #approveVersion(version: AscRecord): void {
    const releaseType = version.attributes['releaseType'];
    const date = version.attributes['earliestReleaseDate'];
    if (releaseType === 'MANUAL') setVersionState(version, 'PENDING_DEVELOPER_RELEASE');
    else if (releaseType === 'SCHEDULED' && typeof date === 'string' && Date.parse(date) > Date.now()) {
      setVersionState(version, 'PENDING_APPLE_RELEASE');
    } else this.releaseVersion(version);
  }

  #tickBuild(build: AscRecord, polls: number): void {
    const { outcome, afterPolls, afterMs } = this.behaviour.buildProcessing;
    if (build.attributes['processingState'] !== 'PROCESSING' || outcome === 'NEVER') return;
    if (polls >= afterPolls && Date.now() - build.meta.createdAt >= afterMs) this.finishBuild(build, outcome);
  }

  #tickUpload(upload: AscRecord, polls: number): void {
    const state = upload.meta.data['processingStartedPolls'];
    if (typeof state !== 'number' || stateOf(upload) !== 'PROCESSING') return;
    const { outcome, afterPolls } = this.behaviour.uploadProcessing;
    if (outcome === 'NEVER' || polls - state < afterPolls) return;
    if (outcome === 'FAILED') {
      upload.attributes['state'] = {
        state: 'FAILED',
        errors: [{ code: 'PROCESSING_FAILED', description: 'The build could not be processed.' }],
        warnings: [],
        infos: [],
      };
      return;
    }
    completeBuildUpload(this, upload);
  }

  #tickBetaReview(submission: AscRecord, polls: number): void {
    const current = submission.attributes['betaReviewState'];
    if (current !== 'WAITING_FOR_REVIEW' && current !== 'IN_REVIEW') return;
    const { outcome, afterPolls } = this.behaviour.betaReview;
    if (outcome !== 'MANUAL' && polls >= afterPolls) this.setBetaReviewState(submission, outcome);
    else if (polls >= 1 && current === 'WAITING_FOR_REVIEW') this.setBetaReviewState(submission, 'IN_REVIEW');
  }

  #tickAppReview(submission: AscRecord, polls: number): void {
    const current = submission.attributes['state'];
    if (current === 'CANCELING') submission.attributes['state'] = 'COMPLETE';
    if (current !== 'WAITING_FOR_REVIEW' && current !== 'IN_REVIEW') return;
    const submittedAt = submission.meta.data['submittedPolls'];
    const since = typeof submittedAt === 'number' ? polls - submittedAt : 0;
    const { outcome, afterPolls } = this.behaviour.appReview;
    if (outcome !== 'MANUAL' && since >= afterPolls) this.decideAppReview(submission, outcome);
    else if (since >= 1 && current === 'WAITING_FOR_REVIEW') {
      submission.attributes['state'] = 'IN_REVIEW';
      this.#versionsOf(submission).forEach((v) => setVersionState(v, 'IN_REVIEW'));
    }
  }

  #versionsOf(submission: AscRecord): AscRecord[] {
    return this.store
      .all('reviewSubmissionItems')
      .filter((i) => toOneId(i, 'reviewSubmission') === submission.id)
      .map((i) => this.store.find('appStoreVersions', toOneId(i, 'appStoreVersion') ?? ''))
      .filter((v): v is AscRecord => v !== undefined);
  }
}

/** The `state.state` of a buildUploads record. */
export function stateOf(upload: AscRecord): string | undefined {
  const state = upload.attributes['state'];
  return state && typeof state === 'object' && !Array.isArray(state) && typeof state['state'] === 'string'
    ? state['state']
    : undefined;
}

/** Finishes a build upload: creates (or reuses) the preReleaseVersion, the build and its beta detail. */
export function completeBuildUpload(state: AscState, upload: AscRecord): AscRecord {
  const appId = toOneId(upload, 'app') ?? '';
  const version = String(upload.attributes['cfBundleShortVersionString']);
  const platform = String(upload.attributes['platform']);
  const build = createBuild(state, {
    appId,
    version,
    buildNumber: String(upload.attributes['cfBundleVersion']),
    platform,
  });
  upload.relationships['build'] = { type: 'builds', id: build.id };
  upload.attributes['state'] = { state: 'COMPLETE', errors: [], warnings: [], infos: [] };
  return build;
}

/** Creates a build (PROCESSING) with its preReleaseVersion and buildBetaDetail. */
export function createBuild(
  state: AscState,
  input: { appId: string; version: string; buildNumber: string; platform: string; processingState?: string },
): AscRecord {
  const { store } = state;
  const pre =
    store
      .all('preReleaseVersions')
      .find(
        (p) =>
          toOneId(p, 'app') === input.appId &&
          p.attributes['version'] === input.version &&
          p.attributes['platform'] === input.platform,
      ) ??
    store.create(
      'preReleaseVersions',
      { version: input.version, platform: input.platform },
      { app: { type: 'apps', id: input.appId } },
    );
  const now = new Date();
  const build = store.create(
    'builds',
    {
      version: input.buildNumber,
      uploadedDate: now.toISOString(),
      expirationDate: new Date(now.getTime() + 90 * 86_400_000).toISOString(),
      expired: false,
      minOsVersion: '15.0',
      processingState: input.processingState ?? 'PROCESSING',
      buildAudienceType: 'APP_STORE_ELIGIBLE',
      usesNonExemptEncryption: null,
      iconAssetToken: null,
    },
    {
      app: { type: 'apps', id: input.appId },
      preReleaseVersion: { type: 'preReleaseVersions', id: pre.id },
      individualTesters: [],
    },
  );
  const detail = store.create(
    'buildBetaDetails',
    { autoNotifyEnabled: false, internalBuildState: 'PROCESSING', externalBuildState: 'PROCESSING' },
    { build: { type: 'builds', id: build.id } },
  );
  build.relationships['buildBetaDetail'] = { type: 'buildBetaDetails', id: detail.id };
  return build;
}

/** Sets `appVersionState` and the deprecated `appStoreState` together. */
export function setVersionState(version: AscRecord, appVersionState: string): void {
  const legacy: Record<string, string> = {
    READY_FOR_DISTRIBUTION: 'READY_FOR_SALE',
    PROCESSING_FOR_DISTRIBUTION: 'PROCESSING_FOR_APP_STORE',
  };
  version.attributes['appVersionState'] = appVersionState;
  version.attributes['appStoreState'] = legacy[appVersionState] ?? appVersionState;
}

function externalStateFor(review: unknown): string {
  if (review === 'WAITING_FOR_REVIEW') return 'WAITING_FOR_BETA_REVIEW';
  if (review === 'IN_REVIEW') return 'IN_BETA_REVIEW';
  if (review === 'REJECTED') return 'BETA_REJECTED';
  if (review === 'APPROVED') return 'BETA_APPROVED';
  return 'READY_FOR_BETA_SUBMISSION';
}
