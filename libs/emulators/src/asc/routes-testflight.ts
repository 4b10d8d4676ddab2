import type { Route } from '../http/router';
import type { RequestContext } from '../http/types';
import { singleDocument } from './documents';
import type { AscState } from './state';
import { toOneId, type AscRecord, type AscRef } from './store';
import { entityError, readLinkageBody, readWriteBody, stateError } from './write-body';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** TestFlight: beta groups, testers, invitations, build assignment, beta review, localizations, build details. */
export function createTestFlightRoutes(state: AscState): Route[] {
  const doc = (ctx: RequestContext, record: AscRecord, status = 200) =>
    singleDocument({ ctx, state }, record, status);
  return [
    {
      method: 'POST',
      pattern: '/v1/betaGroups',
      handler: async (ctx) => doc(ctx, await createBetaGroup(ctx, state), 201),
    },
    {
      method: 'DELETE',
      pattern: '/v1/betaGroups/{id}',
      handler: (ctx) => {
        state.store.remove('betaGroups', state.store.get('betaGroups', ctx.params['id'] ?? '').id);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/v1/betaGroups/{id}/relationships/betaTesters',
      handler: (ctx) => addTestersToGroup(ctx, state),
    },
    {
      method: 'DELETE',
      pattern: '/v1/betaGroups/{id}/relationships/betaTesters',
      handler: async (ctx) => {
        const group = state.store.get('betaGroups', ctx.params['id'] ?? '');
        for (const ref of await readLinkageBody(ctx, state, 'betaTesters', true))
          state.store.removeFromMany(group, 'betaTesters', ref.id);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/v1/betaGroups/{id}/relationships/builds',
      handler: async (ctx) => {
        const group = state.store.get('betaGroups', ctx.params['id'] ?? '');
        const builds = await readLinkageBody(ctx, state, 'builds', true);
        builds.forEach((b) => assertAssignable(state, group, state.store.get('builds', b.id)));
        builds.forEach((b) => state.store.addToMany(group, 'builds', b));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/v1/builds/{id}/relationships/betaGroups',
      handler: async (ctx) => {
        const build = state.store.get('builds', ctx.params['id'] ?? '');
        const groups = (await readLinkageBody(ctx, state, 'betaGroups', true)).map((g) =>
          state.store.get('betaGroups', g.id),
        );
        groups.forEach((g) => assertAssignable(state, g, build));
        groups.forEach((g) => state.store.addToMany(g, 'builds', { type: 'builds', id: build.id }));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/v1/builds/{id}/relationships/individualTesters',
      handler: async (ctx) => {
        const build = state.store.get('builds', ctx.params['id'] ?? '');
        for (const ref of await readLinkageBody(ctx, state, 'betaTesters', true))
          state.store.addToMany(build, 'individualTesters', ref);
        return { status: 204 };
      },
    },
    { method: 'POST', pattern: '/v1/betaTesters', handler: (ctx) => createBetaTester(ctx, state) },
    { method: 'DELETE', pattern: '/v1/betaTesters/{id}', handler: (ctx) => deleteBetaTester(ctx, state) },
    {
      method: 'POST',
      pattern: '/v1/betaTesterInvitations',
      handler: async (ctx) => doc(ctx, await inviteTester(ctx, state), 201),
    },
    {
      method: 'POST',
      pattern: '/v1/betaAppReviewSubmissions',
      handler: async (ctx) => doc(ctx, await submitBetaReview(ctx, state), 201),
    },
    {
      method: 'POST',
      pattern: '/v1/betaBuildLocalizations',
      handler: async (ctx) => doc(ctx, await createLocalization(ctx, state), 201),
    },
    {
      method: 'PATCH',
      pattern: '/v1/betaBuildLocalizations/{id}',
      handler: async (ctx) => {
        const loc = state.store.get('betaBuildLocalizations', ctx.params['id'] ?? '');
        const body = await readWriteBody(ctx, state, {
          type: 'betaBuildLocalizations',
          id: loc.id,
          attributes: { whatsNew: 'string' },
        });
        Object.assign(loc.attributes, body.attributes);
        return doc(ctx, loc);
      },
    },
    {
      method: 'PATCH',
      pattern: '/v1/builds/{id}',
      handler: async (ctx) => doc(ctx, await updateBuild(ctx, state)),
    },
    {
      method: 'PATCH',
      pattern: '/v1/buildBetaDetails/{id}',
      handler: async (ctx) => {
        const detail = state.store.get('buildBetaDetails', ctx.params['id'] ?? '');
        const body = await readWriteBody(ctx, state, {
          type: 'buildBetaDetails',
          id: detail.id,
          attributes: { autoNotifyEnabled: 'boolean' },
        });
        Object.assign(detail.attributes, body.attributes);
        return doc(ctx, detail);
      },
    },
  ];
}

async function createBetaGroup(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'betaGroups',
    attributes: {
      name: 'string',
      isInternalGroup: 'boolean',
      hasAccessToAllBuilds: 'boolean',
      publicLinkEnabled: 'boolean',
      publicLinkLimitEnabled: 'boolean',
      publicLinkLimit: 'number',
      feedbackEnabled: 'boolean',
    },
    required: ['name'],
    relationships: {
      app: { type: 'apps' },
      builds: { type: 'builds', many: true },
      betaTesters: { type: 'betaTesters', many: true },
    },
    requiredRelationships: ['app'],
  });
  const app = body.relationships['app'] as AscRef;
  if (
    state.store
      .all('betaGroups')
      .some((g) => toOneId(g, 'app') === app.id && g.attributes['name'] === body.attributes['name'])
  ) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      'A group with this name already exists.',
      '/data/attributes/name',
    );
  }
  if (body.attributes['hasAccessToAllBuilds'] === true && body.attributes['isInternalGroup'] !== true) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'hasAccessToAllBuilds is only allowed for internal groups.',
      '/data/attributes/hasAccessToAllBuilds',
    );
  }
  const defaults = {
    isInternalGroup: false,
    hasAccessToAllBuilds: false,
    publicLinkEnabled: false,
    publicLink: null,
    feedbackEnabled: true,
  };
  return state.store.create(
    'betaGroups',
    { ...defaults, ...body.attributes, createdDate: new Date().toISOString() },
    {
      app,
      builds: asMany(body.relationships['builds']),
      betaTesters: asMany(body.relationships['betaTesters']),
    },
  );
}

async function addTestersToGroup(ctx: RequestContext, state: AscState) {
  const group = state.store.get('betaGroups', ctx.params['id'] ?? '');
  const refs = await readLinkageBody(ctx, state, 'betaTesters', true);
  const already = refs.filter((r) => state.store.relatedIds(group, 'betaTesters').includes(r.id));
  if (already.length > 0) {
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `Tester(s) ${already.map((r) => r.id).join(', ')} already in the group.`,
      '/data',
    );
  }
  for (const ref of refs) joinGroup(state, state.store.get('betaTesters', ref.id), group);
  return { status: 204 };
}

async function createBetaTester(ctx: RequestContext, state: AscState) {
  const body = await readWriteBody(ctx, state, {
    type: 'betaTesters',
    attributes: { email: 'string', firstName: 'string', lastName: 'string' },
    required: ['email'],
    relationships: { betaGroups: { type: 'betaGroups', many: true }, builds: { type: 'builds', many: true } },
  });
  const email = String(body.attributes['email']);
  if (!EMAIL.test(email))
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      `'${email}' is not a valid email address.`,
      '/data/attributes/email',
    );
  const groups = asMany(body.relationships['betaGroups']).map((g) => state.store.get('betaGroups', g.id));
  const builds = asMany(body.relationships['builds']).map((b) => state.store.get('builds', b.id));
  if (groups.length === 0 && builds.length === 0) {
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.REQUIRED',
      'A tester must be created with betaGroups or builds.',
      '/data/relationships',
    );
  }
  const existing = state.store
    .all('betaTesters')
    .find((t) => String(t.attributes['email']).toLowerCase() === email.toLowerCase());
  if (
    existing &&
    groups.every((g) => state.store.relatedIds(g, 'betaTesters').includes(existing.id)) &&
    builds.length === 0
  ) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      'This tester is already in the given groups.',
      '/data/attributes/email',
    );
  }
  const tester =
    existing ??
    state.store.create(
      'betaTesters',
      { firstName: null, lastName: null, inviteType: 'EMAIL', state: 'NOT_INVITED', ...body.attributes },
      { apps: [] },
    );
  for (const group of groups)
    if (!state.store.relatedIds(group, 'betaTesters').includes(tester.id)) joinGroup(state, tester, group);
  for (const build of builds) {
    state.store.addToMany(build, 'individualTesters', { type: 'betaTesters', id: tester.id });
    invite(state, tester, toOneId(build, 'app') ?? '', build.id);
  }
  return singleDocument({ ctx, state }, tester, 201);
}

function deleteBetaTester(ctx: RequestContext, state: AscState) {
  const tester = state.store.get('betaTesters', ctx.params['id'] ?? '');
  for (const group of state.store.all('betaGroups'))
    state.store.removeFromMany(group, 'betaTesters', tester.id);
  state.store.remove('betaTesters', tester.id);
  return { status: 204 };
}

async function inviteTester(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'betaTesterInvitations',
    attributes: {},
    relationships: { betaTester: { type: 'betaTesters' }, app: { type: 'apps' } },
    requiredRelationships: ['betaTester', 'app'],
  });
  const tester = state.store.get('betaTesters', (body.relationships['betaTester'] as AscRef).id);
  const appId = (body.relationships['app'] as AscRef).id;
  if (!state.store.relatedIds(tester, 'apps').includes(appId))
    throw stateError('The tester is not a member of any beta group or build of this app.');
  invite(state, tester, appId);
  return state.store.create('betaTesterInvitations', {}, body.relationships as Record<string, AscRef>);
}

async function submitBetaReview(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'betaAppReviewSubmissions',
    attributes: {},
    relationships: { build: { type: 'builds' } },
    requiredRelationships: ['build'],
  });
  const build = state.store.get('builds', (body.relationships['build'] as AscRef).id);
  if (build.attributes['processingState'] !== 'VALID')
    throw stateError(
      `Build ${build.id} is ${String(build.attributes['processingState'])}; only VALID builds can be submitted for beta review.`,
    );
  if (state.store.all('betaAppReviewSubmissions').some((s) => toOneId(s, 'build') === build.id)) {
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'This build already has a beta app review submission.',
      '/data/relationships/build',
    );
  }
  return state.store.create(
    'betaAppReviewSubmissions',
    { betaReviewState: 'WAITING_FOR_REVIEW', submittedDate: new Date().toISOString() },
    { build: { type: 'builds', id: build.id } },
  );
}

async function createLocalization(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const body = await readWriteBody(ctx, state, {
    type: 'betaBuildLocalizations',
    attributes: { locale: 'string', whatsNew: 'string' },
    required: ['locale'],
    relationships: { build: { type: 'builds' } },
    requiredRelationships: ['build'],
  });
  const buildId = (body.relationships['build'] as AscRef).id;
  if (
    state.store
      .all('betaBuildLocalizations')
      .some((l) => toOneId(l, 'build') === buildId && l.attributes['locale'] === body.attributes['locale'])
  ) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      'A localization for this locale already exists.',
      '/data/attributes/locale',
    );
  }
  return state.store.create(
    'betaBuildLocalizations',
    { whatsNew: null, ...body.attributes },
    { build: { type: 'builds', id: buildId } },
  );
}

async function updateBuild(ctx: RequestContext, state: AscState): Promise<AscRecord> {
  const build = state.store.get('builds', ctx.params['id'] ?? '');
  const body = await readWriteBody(ctx, state, {
    type: 'builds',
    id: build.id,
    attributes: { usesNonExemptEncryption: 'boolean', expired: 'boolean' },
  });
  if (
    body.attributes['usesNonExemptEncryption'] !== undefined &&
    build.attributes['usesNonExemptEncryption'] !== null
  ) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'You cannot update when the value is already set.',
      '/data/attributes/usesNonExemptEncryption',
    );
  }
  if (body.attributes['expired'] === false && build.attributes['expired'] === true) {
    throw entityError(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'An expired build cannot be un-expired.',
      '/data/attributes/expired',
    );
  }
  Object.assign(build.attributes, body.attributes);
  return build;
}

function assertAssignable(state: AscState, group: AscRecord, build: AscRecord): void {
  if (toOneId(group, 'app') !== toOneId(build, 'app'))
    throw stateError('The build and the beta group belong to different apps.');
  if (build.attributes['processingState'] !== 'VALID')
    throw stateError(
      `Build ${build.id} is ${String(build.attributes['processingState'])}; only VALID builds can be added to groups.`,
    );
  if (build.attributes['expired'] === true) throw stateError(`Build ${build.id} has expired.`);
}

function joinGroup(state: AscState, tester: AscRecord, group: AscRecord): void {
  state.store.addToMany(group, 'betaTesters', { type: 'betaTesters', id: tester.id });
  const appId = toOneId(group, 'app') ?? '';
  state.store.addToMany(tester, 'apps', { type: 'apps', id: appId });
  invite(state, tester, appId);
}

function invite(state: AscState, tester: AscRecord, appId: string, buildId?: string): void {
  state.store.addToMany(tester, 'apps', { type: 'apps', id: appId });
  if (tester.attributes['state'] === 'NOT_INVITED' || tester.attributes['state'] === 'REVOKED')
    tester.attributes['state'] = 'INVITED';
  state.outbox.push({
    kind: 'betaTesterInvitation',
    to: String(tester.attributes['email']),
    appId,
    buildId,
    at: new Date().toISOString(),
  });
}

function asMany(value: AscRef | AscRef[] | undefined): AscRef[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}
