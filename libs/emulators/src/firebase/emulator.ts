import type { ServiceAccountKey } from '../crypto/credentials';
import { registerNewServiceAccount } from '../google/emulator';
import { createGoogleErrorFormatter } from '../google/errors';
import { createTokenRoute, GoogleOAuth } from '../google/oauth';
import { startEmulatorServer, toJson, type EmulatorServer } from '../http/emulator-server';
import { EmulatorHttpError } from '../http/errors';
import { isJsonObject } from '../http/types';
import { createReleaseRoutes } from './routes-releases';
import { createTesterRoutes } from './routes-testers';
import { FirebaseState, type FirebaseApp, type FirebaseBehaviour } from './state';

/** OAuth scope App Distribution accepts. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Options for {@link startFirebaseAppDistributionEmulator}. */
export interface FirebaseEmulatorOptions {
  port?: number;
  oauth?: GoogleOAuth;
  behaviour?: Partial<FirebaseBehaviour>;
}

/** A running Firebase App Distribution v1 emulator. */
export interface FirebaseAppDistributionEmulator extends EmulatorServer {
  readonly state: FirebaseState;
  readonly oauth: GoogleOAuth;
  readonly tokenUrl: string;
  /** Invitation e-mails the service would have sent. */
  readonly outbox: FirebaseState['outbox'];
  /** Registers an app id like `1:123456789:android:abc`; the project number is taken from it. */
  addApp(appId: string, aabIntegrationState?: string): FirebaseApp;
  setBehaviour(patch: Partial<FirebaseBehaviour>): FirebaseBehaviour;
  createServiceAccount(projectId?: string): ServiceAccountKey;
}

/** Starts the Firebase App Distribution emulator on 127.0.0.1. */
export async function startFirebaseAppDistributionEmulator(
  options: FirebaseEmulatorOptions = {},
): Promise<FirebaseAppDistributionEmulator> {
  const state = new FirebaseState();
  state.behaviour = { ...state.behaviour, ...options.behaviour };
  const oauth = options.oauth ?? new GoogleOAuth();
  const setBehaviour = (patch: Partial<FirebaseBehaviour>) =>
    (state.behaviour = { ...state.behaviour, ...patch });
  const server = await startEmulatorServer({
    name: 'firebase-app-distribution',
    port: options.port,
    routes: [createTokenRoute(oauth), ...createReleaseRoutes(state), ...createTesterRoutes(state)],
    controlRoutes: [
      {
        method: 'POST',
        pattern: '/__control/apps',
        handler: async (ctx) => {
          const body = await ctx.json();
          if (!isJsonObject(body) || typeof body['appId'] !== 'string')
            throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', 'appId is required.');
          try {
            return {
              status: 201,
              body: toJson(
                state.addApp(
                  body['appId'],
                  typeof body['aabIntegrationState'] === 'string' ? body['aabIntegrationState'] : undefined,
                ),
              ),
            };
          } catch (error) {
            throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', (error as Error).message);
          }
        },
      },
      {
        method: 'PATCH',
        pattern: '/__control/behaviour',
        handler: async (ctx) => {
          const body = await ctx.json();
          if (!isJsonObject(body))
            throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', 'Expected a JSON object.');
          return { status: 200, body: toJson(setBehaviour(body as Partial<FirebaseBehaviour>)) };
        },
      },
      {
        method: 'GET',
        pattern: '/__control/outbox',
        handler: () => ({ status: 200, body: { emails: toJson(state.outbox) } }),
      },
      {
        method: 'POST',
        pattern: '/__control/tokens/revoke',
        handler: () => {
          oauth.revokeAll();
          return { status: 204 };
        },
      },
    ],
    formatError: createGoogleErrorFormatter('global', false),
    authenticate: (ctx) => void oauth.verifyBearer(ctx, [CLOUD_PLATFORM_SCOPE]),
  });
  return Object.assign(server, {
    state,
    oauth,
    tokenUrl: `${server.url}/token`,
    outbox: state.outbox,
    addApp: (appId: string, integration?: string) => state.addApp(appId, integration),
    setBehaviour,
    createServiceAccount: (projectId?: string) =>
      registerNewServiceAccount(oauth, `${server.url}/token`, projectId),
  });
}
