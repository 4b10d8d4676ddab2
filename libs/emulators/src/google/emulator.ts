import { createServiceAccountKey, type ServiceAccountKey } from '../crypto/credentials';
import { startEmulatorServer, type EmulatorServer } from '../http/emulator-server';
import { EmulatorHttpError } from '../http/errors';
import { isJsonObject } from '../http/types';
import { createGoogleErrorFormatter } from './errors';
import { createTokenRoute, GoogleOAuth } from './oauth';

/** A running Google OAuth token endpoint (`POST /token`). */
export interface GoogleOAuthEmulator extends EmulatorServer {
  readonly oauth: GoogleOAuth;
  /** `${url}/token`: put it in service-account files as `token_uri`. */
  readonly tokenUrl: string;
  /** Generates a service-account key whose `token_uri` is this server and registers it. */
  createServiceAccount(projectId?: string): ServiceAccountKey;
}

/** Starts a standalone OAuth token endpoint; pass a shared {@link GoogleOAuth} to serve Play and Firebase tokens. */
export async function startGoogleOAuthEmulator(
  options: { port?: number; oauth?: GoogleOAuth } = {},
): Promise<GoogleOAuthEmulator> {
  const oauth = options.oauth ?? new GoogleOAuth();
  const server = await startEmulatorServer({
    name: 'google-oauth',
    port: options.port,
    routes: [createTokenRoute(oauth)],
    controlRoutes: [
      {
        method: 'POST',
        pattern: '/__control/service-accounts',
        handler: async (ctx) => {
          const body = await ctx.json();
          if (
            !isJsonObject(body) ||
            typeof body['client_email'] !== 'string' ||
            typeof body['public_key_pem'] !== 'string'
          ) {
            throw new EmulatorHttpError(
              400,
              'INVALID_ARGUMENT',
              'client_email and public_key_pem are required.',
            );
          }
          oauth.registerServiceAccount(body['client_email'], body['public_key_pem']);
          return { status: 201, body: { client_email: body['client_email'] } };
        },
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
  });
  return Object.assign(server, {
    oauth,
    tokenUrl: `${server.url}/token`,
    createServiceAccount: (projectId?: string) =>
      registerNewServiceAccount(oauth, `${server.url}/token`, projectId),
  });
}

/** Generates a service account for `tokenUri`, registers its public key with `oauth` and returns the key file. */
export function registerNewServiceAccount(
  oauth: GoogleOAuth,
  tokenUri: string,
  projectId?: string,
): ServiceAccountKey {
  const { key, publicKeyPem } = createServiceAccountKey({ tokenUri, projectId });
  oauth.registerServiceAccount(key.client_email, publicKeyPem);
  return key;
}
