import type { ServiceAccountKey } from '../crypto/credentials';
import { registerNewServiceAccount } from '../google/emulator';
import { createGoogleErrorFormatter } from '../google/errors';
import { createTokenRoute, GoogleOAuth } from '../google/oauth';
import { startEmulatorServer, toJson, type EmulatorServer } from '../http/emulator-server';
import { EmulatorHttpError } from '../http/errors';
import type { Route } from '../http/router';
import { isJsonObject, type RequestContext } from '../http/types';
import { createEditRoutes } from './routes-edits';
import { createUploadRoutes } from './routes-uploads';
import { PlayState, type PlayApp, type PlayAppSettings, type PlayBehaviour } from './state';

/** OAuth scope of the Play Developer API. */
export const ANDROID_PUBLISHER_SCOPE = 'https://www.googleapis.com/auth/androidpublisher';

/** Options for {@link startGooglePlayEmulator}. */
export interface GooglePlayEmulatorOptions {
  port?: number;
  /** Share tokens with other Google emulators. A new one is made when omitted. */
  oauth?: GoogleOAuth;
  behaviour?: Partial<PlayBehaviour>;
}

/** A running Google Play Developer API (androidpublisher v3) emulator. */
export interface GooglePlayEmulator extends EmulatorServer {
  readonly state: PlayState;
  readonly oauth: GoogleOAuth;
  /** `${url}/token` (this server also answers the OAuth token exchange). */
  readonly tokenUrl: string;
  /** Adds an app; Play apps are created in the Console, never through the API. */
  addApp(packageName: string, settings?: Partial<PlayAppSettings>): PlayApp;
  /** Changes an app's settings (draft, reviewMode, inReview). */
  updateApp(packageName: string, settings: Partial<PlayAppSettings>): PlayApp;
  /** Declares the version of a binary by SHA-256 hex (for real AAB/APK files). */
  registerArtifact(sha256: string, info: { versionCode: number; versionName?: string }): void;
  /** Makes an edit expire now. */
  expireEdit(editId: string): void;
  setBehaviour(patch: Partial<PlayBehaviour>): PlayBehaviour;
  /** Generates and registers a service account whose token_uri is this server. */
  createServiceAccount(projectId?: string): ServiceAccountKey;
}

/** Starts the Google Play emulator on 127.0.0.1. */
export async function startGooglePlayEmulator(
  options: GooglePlayEmulatorOptions = {},
): Promise<GooglePlayEmulator> {
  const state = new PlayState();
  state.behaviour = { ...state.behaviour, ...options.behaviour };
  const oauth = options.oauth ?? new GoogleOAuth();
  const control = {
    addApp: (packageName: string, settings?: Partial<PlayAppSettings>) => state.addApp(packageName, settings),
    updateApp: (packageName: string, settings: Partial<PlayAppSettings>) =>
      Object.assign(state.getApp(packageName), settings),
    registerArtifact: (sha256: string, info: { versionCode: number; versionName?: string }) =>
      void state.artifactInfo.set(sha256.toLowerCase(), info),
    expireEdit: (editId: string) => {
      const edit = state.edits.get(editId);
      if (!edit) throw new EmulatorHttpError(404, 'NOT_FOUND', `No edit ${editId}.`);
      edit.expiresAt = Date.now() - 1;
    },
    setBehaviour: (patch: Partial<PlayBehaviour>) => (state.behaviour = { ...state.behaviour, ...patch }),
  };
  const server = await startEmulatorServer({
    name: 'google-play',
    port: options.port,
    routes: [createTokenRoute(oauth), ...createUploadRoutes(state), ...createEditRoutes(state)],
    controlRoutes: createPlayControlRoutes(state, oauth, control),
    formatError: createGoogleErrorFormatter('androidpublisher', true),
    authenticate: (ctx) => void oauth.verifyBearer(ctx, [ANDROID_PUBLISHER_SCOPE]),
  });
  return Object.assign(server, control, {
    state,
    oauth,
    tokenUrl: `${server.url}/token`,
    createServiceAccount: (projectId?: string) =>
      registerNewServiceAccount(oauth, `${server.url}/token`, projectId),
  });
}

function createPlayControlRoutes(
  state: PlayState,
  oauth: GoogleOAuth,
  control: {
    addApp: GooglePlayEmulator['addApp'];
    updateApp: GooglePlayEmulator['updateApp'];
    registerArtifact: GooglePlayEmulator['registerArtifact'];
    expireEdit: GooglePlayEmulator['expireEdit'];
    setBehaviour: GooglePlayEmulator['setBehaviour'];
  },
): Route[] {
  const body = async (ctx: RequestContext) => {
    const value = await ctx.json();
    if (!isJsonObject(value)) throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', 'Expected a JSON object.');
    return value;
  };
  const appJson = (app: PlayApp) =>
    toJson({
      packageName: app.packageName,
      draft: app.draft,
      reviewMode: app.reviewMode,
      inReview: app.inReview,
      usedVersionCodes: [...app.usedVersionCodes],
      tracks: Object.fromEntries(app.live.tracks),
    });
  return [
    {
      method: 'POST',
      pattern: '/__control/apps',
      handler: async (ctx) => {
        const { packageName, ...settings } = await body(ctx);
        if (typeof packageName !== 'string')
          throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', 'packageName is required.');
        return {
          status: 201,
          body: appJson(control.addApp(packageName, settings as Partial<PlayAppSettings>)),
        };
      },
    },
    {
      method: 'GET',
      pattern: '/__control/apps/{pkg}',
      handler: (ctx) => ({ status: 200, body: appJson(state.getApp(ctx.params['pkg'] ?? '')) }),
    },
    {
      method: 'PATCH',
      pattern: '/__control/apps/{pkg}',
      handler: async (ctx) => ({
        status: 200,
        body: appJson(
          control.updateApp(ctx.params['pkg'] ?? '', (await body(ctx)) as Partial<PlayAppSettings>),
        ),
      }),
    },
    {
      method: 'POST',
      pattern: '/__control/artifacts',
      handler: async (ctx) => {
        const { sha256, versionCode, versionName } = await body(ctx);
        if (typeof sha256 !== 'string' || typeof versionCode !== 'number')
          throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', 'sha256 and versionCode are required.');
        control.registerArtifact(sha256, {
          versionCode,
          versionName: typeof versionName === 'string' ? versionName : undefined,
        });
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/__control/edits/{id}/expire',
      handler: (ctx) => {
        control.expireEdit(ctx.params['id'] ?? '');
        return { status: 204 };
      },
    },
    {
      method: 'PATCH',
      pattern: '/__control/behaviour',
      handler: async (ctx) => ({
        status: 200,
        body: toJson(control.setBehaviour((await body(ctx)) as Partial<PlayBehaviour>)),
      }),
    },
    {
      method: 'POST',
      pattern: '/__control/tokens/revoke',
      handler: () => {
        oauth.revokeAll();
        return { status: 204 };
      },
    },
  ];
}
