import type { Route } from '../http/router';
import type { RequestContext } from '../http/types';
import { ascError } from './documents-errors';
import { singleDocument } from './documents';
import { setVersionState, type AscState } from './state';
import { toOneId, type AscRecord, type AscRef } from './store';
import { entityError, readLinkageBody, readWriteBody, stateError } from './write-body';

const PLATFORMS = ['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'] as const;
const RELEASE_TYPES = ['MANUAL', 'AFTER_APPROVAL', 'SCHEDULED'] as const;
const PHASED_STATES = ['INACTIVE', 'ACTIVE', 'PAUSED', 'COMPLETE'] as const;
/** Versions in these states block creating another version and may still be edited (some of them). */
const IN_FLIGHT = [
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'PENDING_DEVELOPER_RELEASE',
  'PENDING_APPLE_RELEASE',
  'WAITING_FOR_EXPORT_COMPLIANCE',
];
const EDITABLE = [
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
];
const OPEN_SUBMISSION = ['READY_FOR_REVIEW', 'WAITING_FOR_REVIEW', 'IN_REVIEW', 'UNRESOLVED_ISSUES'];

/** App Store: versions, build attachment, phased release, review submissions and items, release requests. */
export function createAppStoreRoutes(state: AscState): Route[] {
  const doc = (ctx: RequestContext, record: AscRecord, status = 200) =>
    singleDocument({ ctx, state }, record, status);
  return [
    {
      method: 'POST',
      pattern: '/v1/appStoreVersions',
      handler: async (ctx) => doc(ctx, await createVersion(ctx, state), 201),
    },
    {
      method: 'PATCH',
      pattern: '/v1/appStoreVersions/{id}',
      handler: async (ctx) => doc(ctx, await updateVersion(ctx, state)),
    },
    {
      method: 'PATCH',
      pattern: '/v1/appStoreVersions/{id}/relationships/build',
      handler: (ctx) => attachBuild(ctx, state),
    },
    {
      method: 'POST',
      pattern: '/v1/appStoreVersionPhasedReleases',
      handler: async (ctx) => doc(ctx, await createPhasedRelease(ctx, state), 201),
    },
    {
      method: 'PATCH',
      pattern: '/v1/appStoreVersionPhasedReleases/{id}',
      handler: async (ctx) => doc(ctx, await updatePhasedRelease(ctx, state)),
    },
    {
      method: 'DELETE',
      pattern: '/v1/appStoreVersionPhasedReleases/{id}',
      handler: (ctx) => {
        const phased = state.store.get('appStoreVersionPhasedReleases', ctx.params['id'] ?? '');
        if (phased.attributes['phasedReleaseState'] !== 'INACTIVE')
          throw stateError('A phased release that has started cannot be deleted.');
        state.store.remove('appStoreVersionPhasedReleases', phased.id);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/v1/reviewSubmissions',
      handler: async (ctx) => doc(ctx, await createSubmission(ctx, state), 201),
    },
    {
      method: 'PATCH',
      pattern: '/v1/reviewSubmissions/{id}',
      handler: async (ctx) => doc(ctx, await updateSubmission(ctx, state)),
    },
    {
      method: 'POST',
      pattern: '/v1/reviewSubmissionItems',
      handler: async (ctx) => doc(ctx, await createSubmissionItem(ctx, state), 201),
    },
    {
      method: 'POST',
      pattern: '/v1/appStoreVersionReleaseRequests',
      handler: async (ctx) => doc(ctx, await requestRelease(ctx, state), 201),
    },
  ];
}

async function createVersion(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'appStoreVersions',
    attributes: {
      platform: PLATFORMS,
      versionString: 'string',
      copyright: 'string',
      releaseType: RELEASE_TYPES,
      earliestReleaseDate: 'date',
      reviewType: ['APP_STORE', 'NOTARIZATION'],
      usesIdfa: 'boolean',
    },
    required: ['platform', 'versionString'],
    relationships: { app: { type: 'apps' }, build: { type: 'builds' } },
    requiredRelationships: ['app'],
  });
  const app = body.relationships['app'] as AscRef;
  const siblings = state.store
    .all('appStoreVersions')
    .filter((v) => toOneId(v, 'app') === app.id && v.attributes['platform'] === body.attributes['platform']);
  if (siblings.some((v) => IN_FLIGHT.includes(String(v.attributes['appVersionState'])))) {
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'You cannot create a new version of the App in the current state.',
      '/data/relationships/app',
    );
  }
  if (siblings.some((v) => v.attributes['versionString'] === body.attributes['versionString'])) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'The version number has been previously used.',
      '/data/attributes/versionString',
    );
  }
  const build = body.relationships['build'] as AscRef | undefined;
  if (build) assertAttachable(app.id, state.store.get('builds', build.id));
  const version = state.store.create(
    'appStoreVersions',
    {
      releaseType: 'AFTER_APPROVAL',
      earliestReleaseDate: null,
      copyright: null,
      downloadable: true,
      reviewType: 'APP_STORE',
      createdDate: new Date().toISOString(),
      ...body.attributes,
    },
    { app, build: build ?? null },
  );
  setVersionState(version, 'PREPARE_FOR_SUBMISSION');
  return version;
}

async function updateVersion(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const version = state.store.get('appStoreVersions', ctx.params['id'] ?? '');
  const body = await readWriteBody(ctx, state, {
    type: 'appStoreVersions',
    id: version.id,
    attributes: {
      versionString: 'string',
      copyright: 'string',
      releaseType: RELEASE_TYPES,
      earliestReleaseDate: 'date',
      downloadable: 'boolean',
      usesIdfa: 'boolean',
    },
    relationships: { build: { type: 'builds' } },
  });
  assertEditable(version);
  const build = body.relationships['build'] as AscRef | undefined;
  if (build) {
    assertAttachable(toOneId(version, 'app') ?? '', state.store.get('builds', build.id));
    version.relationships['build'] = build;
  }
  Object.assign(version.attributes, body.attributes);
  return version;
}

async function attachBuild(ctx: RequestContext, state: AscState) {
  const version = state.store.get('appStoreVersions', ctx.params['id'] ?? '');
  const [ref] = await readLinkageBody(ctx, state, 'builds', false);
  if (!ref) throw entityError('ENTITY_ERROR.RELATIONSHIP.INVALID', 'A build is required.', '/data');
  assertEditable(version);
  assertAttachable(toOneId(version, 'app') ?? '', state.store.get('builds', ref.id));
  version.relationships['build'] = ref;
  return { status: 204 };
}

async function createPhasedRelease(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'appStoreVersionPhasedReleases',
    attributes: { phasedReleaseState: PHASED_STATES },
    relationships: { appStoreVersion: { type: 'appStoreVersions' } },
    requiredRelationships: ['appStoreVersion'],
  });
  const versionRef = body.relationships['appStoreVersion'] as AscRef;
  if (
    state.store
      .all('appStoreVersionPhasedReleases')
      .some((p) => toOneId(p, 'appStoreVersion') === versionRef.id)
  ) {
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'This version already has a phased release.',
      '/data/relationships/appStoreVersion',
    );
  }
  const initial = body.attributes['phasedReleaseState'] ?? 'INACTIVE';
  if (initial !== 'INACTIVE')
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'A phased release must be created INACTIVE.',
      '/data/attributes/phasedReleaseState',
    );
  if (
    state.store.get('appStoreVersions', versionRef.id).attributes['appVersionState'] ===
    'READY_FOR_DISTRIBUTION'
  ) {
    throw stateError('A phased release cannot be added to a version that is already live.');
  }
  return state.store.create(
    'appStoreVersionPhasedReleases',
    { phasedReleaseState: 'INACTIVE', startDate: null, totalPauseDuration: 0, currentDayNumber: null },
    { appStoreVersion: versionRef },
  );
}

async function updatePhasedRelease(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const phased = state.store.get('appStoreVersionPhasedReleases', ctx.params['id'] ?? '');
  const body = await readWriteBody(ctx, state, {
    type: 'appStoreVersionPhasedReleases',
    id: phased.id,
    attributes: { phasedReleaseState: PHASED_STATES },
    required: ['phasedReleaseState'],
  });
  const next = String(body.attributes['phasedReleaseState']);
  const current = phased.attributes['phasedReleaseState'];
  if (next === current) throw stateError('The phased release already has this value');
  if (current === 'COMPLETE') throw stateError('The phased release is already complete.');
  const version = state.store.get('appStoreVersions', toOneId(phased, 'appStoreVersion') ?? '');
  if (version.attributes['appVersionState'] !== 'READY_FOR_DISTRIBUTION')
    throw stateError('The phased release can only change once the version is live.');
  if (next === 'INACTIVE') throw stateError('A started phased release cannot go back to INACTIVE.');
  if (next === 'PAUSED') phased.meta.data['pausedAt'] = Date.now();
  if (current === 'PAUSED') {
    const pausedAt = phased.meta.data['pausedAt'];
    const pausedDays = typeof pausedAt === 'number' ? Math.ceil((Date.now() - pausedAt) / 86_400_000) : 0;
    phased.attributes['totalPauseDuration'] =
      Number(phased.attributes['totalPauseDuration'] ?? 0) + pausedDays;
  }
  phased.attributes['phasedReleaseState'] = next;
  if (next === 'COMPLETE') phased.attributes['currentDayNumber'] = 7;
  return phased;
}

async function createSubmission(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'reviewSubmissions',
    attributes: { platform: PLATFORMS },
    required: ['platform'],
    relationships: { app: { type: 'apps' } },
    requiredRelationships: ['app'],
  });
  const app = body.relationships['app'] as AscRef;
  const open = state.store
    .all('reviewSubmissions')
    .find(
      (s) =>
        toOneId(s, 'app') === app.id &&
        s.attributes['platform'] === body.attributes['platform'] &&
        OPEN_SUBMISSION.includes(String(s.attributes['state'])),
    );
  if (open) throw stateError(`The app already has an open review submission (${open.id}).`);
  return state.store.create(
    'reviewSubmissions',
    { platform: body.attributes['platform'] ?? 'IOS', state: 'READY_FOR_REVIEW', submittedDate: null },
    { app },
  );
}

async function createSubmissionItem(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'reviewSubmissionItems',
    attributes: {},
    relationships: {
      reviewSubmission: { type: 'reviewSubmissions' },
      appStoreVersion: { type: 'appStoreVersions' },
    },
    requiredRelationships: ['reviewSubmission', 'appStoreVersion'],
  });
  const submission = state.store.get(
    'reviewSubmissions',
    (body.relationships['reviewSubmission'] as AscRef).id,
  );
  const version = state.store.get('appStoreVersions', (body.relationships['appStoreVersion'] as AscRef).id);
  if (!['READY_FOR_REVIEW', 'UNRESOLVED_ISSUES'].includes(String(submission.attributes['state'])))
    throw stateError(`The review submission is ${String(submission.attributes['state'])}.`);
  if (toOneId(version, 'app') !== toOneId(submission, 'app'))
    throw stateError('The version belongs to a different app.');
  if (
    state.store
      .all('reviewSubmissionItems')
      .some(
        (i) =>
          toOneId(i, 'reviewSubmission') === submission.id && toOneId(i, 'appStoreVersion') === version.id,
      )
  ) {
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'This version is already in the review submission.',
      '/data/relationships/appStoreVersion',
    );
  }
  const blockers = [...state.behaviour.reviewBlockers];
  if (!toOneId(version, 'build'))
    blockers.push({
      code: 'ENTITY_ERROR.RELATIONSHIP.REQUIRED',
      title: 'A build is required',
      detail: 'You must choose a build for this version.',
    });
  if (blockers.length > 0) {
    throw ascError(
      409,
      'STATE_ERROR',
      'The request cannot be fulfilled because of the state of another resource.',
      'Submit for review errors found.',
      {
        meta: { associatedErrors: { [`/v1/appStoreVersions/${version.id}`]: blockers } },
      },
    );
  }
  return state.store.create(
    'reviewSubmissionItems',
    { state: 'READY_FOR_REVIEW' },
    {
      reviewSubmission: { type: 'reviewSubmissions', id: submission.id },
      appStoreVersion: { type: 'appStoreVersions', id: version.id },
    },
  );
}

async function updateSubmission(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const submission = state.store.get('reviewSubmissions', ctx.params['id'] ?? '');
  const body = await readWriteBody(ctx, state, {
    type: 'reviewSubmissions',
    id: submission.id,
    attributes: { submitted: 'boolean', canceled: 'boolean', platform: PLATFORMS },
  });
  const current = String(submission.attributes['state']);
  const items = state.store
    .all('reviewSubmissionItems')
    .filter((i) => toOneId(i, 'reviewSubmission') === submission.id);
  const versions = items.map((i) => state.store.get('appStoreVersions', toOneId(i, 'appStoreVersion') ?? ''));
  if (body.attributes['submitted'] === true) {
    if (!['READY_FOR_REVIEW', 'UNRESOLVED_ISSUES'].includes(current))
      throw stateError(`The review submission is ${current} and cannot be submitted.`);
    if (items.length === 0) throw stateError('The review submission has no items.');
    submission.attributes['state'] = 'WAITING_FOR_REVIEW';
    submission.attributes['submittedDate'] = new Date().toISOString();
    submission.meta.data['submittedPolls'] = submission.meta.polls;
    items.forEach((i) => (i.attributes['state'] = 'READY_FOR_REVIEW'));
    versions.forEach((v) => setVersionState(v, 'WAITING_FOR_REVIEW'));
  } else if (body.attributes['canceled'] === true) {
    if (!['READY_FOR_REVIEW', 'WAITING_FOR_REVIEW', 'IN_REVIEW', 'UNRESOLVED_ISSUES'].includes(current))
      throw stateError(`The review submission is ${current} and cannot be canceled.`);
    submission.attributes['state'] = 'CANCELING';
    items.forEach((i) => (i.attributes['state'] = 'REMOVED'));
    versions.forEach((v) => setVersionState(v, 'DEVELOPER_REJECTED'));
  }
  if (body.attributes['platform'] !== undefined)
    submission.attributes['platform'] = body.attributes['platform'];
  return submission;
}

async function requestRelease(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'appStoreVersionReleaseRequests',
    attributes: {},
    relationships: { appStoreVersion: { type: 'appStoreVersions' } },
    requiredRelationships: ['appStoreVersion'],
  });
  const ref = body.relationships['appStoreVersion'] as AscRef;
  const version = state.store.get('appStoreVersions', ref.id);
  if (version.attributes['appVersionState'] !== 'PENDING_DEVELOPER_RELEASE')
    throw stateError(
      `The version is ${String(version.attributes['appVersionState'])}, not PENDING_DEVELOPER_RELEASE.`,
    );
  state.releaseVersion(version);
  return state.store.create('appStoreVersionReleaseRequests', {}, { appStoreVersion: ref });
}

function assertEditable(version: AscRecord): void {
  const current = String(version.attributes['appVersionState']);
  if (!EDITABLE.includes(current)) throw stateError(`The version is ${current} and cannot be edited.`);
}

function assertAttachable(appId: string, build: AscRecord): void {
  if (toOneId(build, 'app') !== appId)
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The build belongs to a different app.',
      '/data/relationships/build',
    );
  if (build.attributes['processingState'] !== 'VALID')
    throw stateError(
      `Build ${build.id} is ${String(build.attributes['processingState'])}; only VALID builds can be attached.`,
    );
}
