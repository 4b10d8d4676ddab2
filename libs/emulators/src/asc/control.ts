import type { Route } from '../http/router';
import { isJsonObject, type JsonObject, type RequestContext } from '../http/types';
import { EmulatorHttpError } from '../http/errors';
import { toJson } from '../http/emulator-server';
import type { AscAuthenticator } from './auth';
import { serializeRecord } from './documents';
import { createBuild, type AscBehaviour, type AscState } from './state';

/** Input for seeding an app (apps cannot be created through the public API). */
export interface AscAppSeed {
  name: string;
  bundleId: string;
  sku?: string;
  primaryLocale?: string;
}

/** Input for seeding a build without going through the upload flow. */
export interface AscBuildSeed {
  appId: string;
  /** Marketing version (CFBundleShortVersionString). */
  version: string;
  /** Build number (CFBundleVersion). */
  buildNumber: string;
  platform?: string;
  processingState?: 'PROCESSING' | 'VALID' | 'FAILED' | 'INVALID';
}

/** Programmatic control operations shared by the emulator object and the HTTP control API. */
export function createAscControl(state: AscState, auth: AscAuthenticator) {
  return {
    createApp(seed: AscAppSeed) {
      return state.store.create('apps', {
        name: seed.name,
        bundleId: seed.bundleId,
        sku: seed.sku ?? seed.bundleId,
        primaryLocale: seed.primaryLocale ?? 'en-US',
      });
    },
    seedBuild(seed: AscBuildSeed) {
      state.store.get('apps', seed.appId);
      return createBuild(state, {
        appId: seed.appId,
        version: seed.version,
        buildNumber: seed.buildNumber,
        platform: seed.platform ?? 'IOS',
        processingState: seed.processingState,
      });
    },
    setBehaviour(patch: Partial<AscBehaviour>) {
      state.behaviour = { ...state.behaviour, ...patch };
      return state.behaviour;
    },
    setBuildProcessing(buildId: string, processingState: 'VALID' | 'FAILED' | 'INVALID') {
      state.finishBuild(state.store.get('builds', buildId), processingState);
    },
    setBetaReviewState(
      submissionId: string,
      reviewState: 'WAITING_FOR_REVIEW' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED',
    ) {
      state.setBetaReviewState(state.store.get('betaAppReviewSubmissions', submissionId), reviewState);
    },
    decideAppReview(submissionId: string, outcome: 'APPROVED' | 'REJECTED') {
      const submission = state.store.get('reviewSubmissions', submissionId);
      if (!['WAITING_FOR_REVIEW', 'IN_REVIEW'].includes(String(submission.attributes['state']))) {
        throw new EmulatorHttpError(
          409,
          'STATE_ERROR',
          `Review submission is ${String(submission.attributes['state'])}, not in review.`,
        );
      }
      state.decideAppReview(submission, outcome);
    },
    releaseVersion(versionId: string) {
      state.releaseVersion(state.store.get('appStoreVersions', versionId));
    },
    resetRateLimit() {
      auth.resetUsage();
    },
  };
}

/** The programmatic control surface of the ASC emulator. */
export type AscControl = ReturnType<typeof createAscControl>;

/** HTTP control routes under `/__control/...` mirroring {@link AscControl}. */
export function createAscControlRoutes(
  state: AscState,
  auth: AscAuthenticator,
  control: AscControl,
): Route[] {
  const ok = (body?: JsonObject) => ({ status: body ? 200 : 204, body });
  return [
    {
      method: 'POST',
      pattern: '/__control/keys',
      handler: async (ctx) => {
        const body = await objectBody(ctx);
        if (typeof body['keyId'] !== 'string' || typeof body['publicKeyPem'] !== 'string')
          throw badRequest('keyId and publicKeyPem are required.');
        auth.registerKey({
          keyId: body['keyId'],
          publicKeyPem: body['publicKeyPem'],
          issuerId: typeof body['issuerId'] === 'string' ? body['issuerId'] : undefined,
        });
        return { status: 201, body: { keyId: body['keyId'] } };
      },
    },
    {
      method: 'POST',
      pattern: '/__control/apps',
      handler: async (ctx) => {
        const body = await objectBody(ctx);
        if (typeof body['name'] !== 'string' || typeof body['bundleId'] !== 'string')
          throw badRequest('name and bundleId are required.');
        const app = control.createApp({
          name: body['name'],
          bundleId: body['bundleId'],
          sku: optionalString(body['sku']),
        });
        return { status: 201, body: { data: serializeRecord(state, app, ctx) } };
      },
    },
    {
      method: 'POST',
      pattern: '/__control/builds',
      handler: async (ctx) => {
        const body = await objectBody(ctx);
        const { appId, version, buildNumber } = body;
        if (typeof appId !== 'string' || typeof version !== 'string' || typeof buildNumber !== 'string')
          throw badRequest('appId, version and buildNumber are required.');
        const processing = optionalString(body['processingState']) as AscBuildSeed['processingState'];
        const build = control.seedBuild({
          appId,
          version,
          buildNumber,
          platform: optionalString(body['platform']),
          processingState: processing,
        });
        return { status: 201, body: { data: serializeRecord(state, build, ctx) } };
      },
    },
    {
      method: 'GET',
      pattern: '/__control/behaviour',
      handler: () => ok(toJson(state.behaviour) as JsonObject),
    },
    {
      method: 'PATCH',
      pattern: '/__control/behaviour',
      handler: async (ctx) =>
        ok(toJson(control.setBehaviour((await objectBody(ctx)) as Partial<AscBehaviour>)) as JsonObject),
    },
    {
      method: 'POST',
      pattern: '/__control/builds/{id}/processing',
      handler: async (ctx) => {
        control.setBuildProcessing(
          ctx.params['id'] ?? '',
          enumField(await objectBody(ctx), 'state', ['VALID', 'FAILED', 'INVALID']),
        );
        return ok();
      },
    },
    {
      method: 'POST',
      pattern: '/__control/betaAppReviewSubmissions/{id}/state',
      handler: async (ctx) => {
        control.setBetaReviewState(
          ctx.params['id'] ?? '',
          enumField(await objectBody(ctx), 'state', [
            'WAITING_FOR_REVIEW',
            'IN_REVIEW',
            'APPROVED',
            'REJECTED',
          ]),
        );
        return ok();
      },
    },
    {
      method: 'POST',
      pattern: '/__control/reviewSubmissions/{id}/decision',
      handler: async (ctx) => {
        control.decideAppReview(
          ctx.params['id'] ?? '',
          enumField(await objectBody(ctx), 'outcome', ['APPROVED', 'REJECTED']),
        );
        return ok();
      },
    },
    {
      method: 'POST',
      pattern: '/__control/appStoreVersions/{id}/release',
      handler: (ctx) => {
        control.releaseVersion(ctx.params['id'] ?? '');
        return ok();
      },
    },
    { method: 'GET', pattern: '/__control/outbox', handler: () => ok({ emails: toJson(state.outbox) }) },
    {
      method: 'POST',
      pattern: '/__control/rate-limit/reset',
      handler: () => {
        control.resetRateLimit();
        return ok();
      },
    },
  ];
}

async function objectBody(ctx: RequestContext): Promise<JsonObject> {
  const body = await ctx.json();
  if (!isJsonObject(body)) throw badRequest('Expected a JSON object body.');
  return body;
}

function enumField<T extends string>(body: JsonObject, name: string, values: readonly T[]): T {
  const value = body[name];
  if (typeof value !== 'string' || !values.includes(value as T))
    throw badRequest(`${name} must be one of ${values.join(', ')}.`);
  return value as T;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function badRequest(message: string): EmulatorHttpError {
  return new EmulatorHttpError(400, 'PARAMETER_ERROR.INVALID', message);
}
