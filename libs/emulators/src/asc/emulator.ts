import { createAscCredentials, type AscCredentials } from '../crypto/credentials';
import { startEmulatorServer, type EmulatorServer } from '../http/emulator-server';
import { AscAuthenticator, type AscKeyRegistration } from './auth';
import { createAscControl, createAscControlRoutes, type AscControl } from './control';
import { formatAscError } from './documents-errors';
import { createAppStoreRoutes } from './routes-app-store';
import { createReadRoutes } from './routes-read';
import { createTestFlightRoutes } from './routes-testflight';
import { createUploadRoutes } from './routes-uploads';
import { AscState, type AscBehaviour, type AscOutboxEntry } from './state';

/** Options for {@link startAppStoreConnectEmulator}. */
export interface AppStoreConnectEmulatorOptions {
  /** @default 0 (a free port) */
  port?: number;
  behaviour?: Partial<AscBehaviour>;
  /** Keys accepted from the start; more can be registered later. */
  keys?: AscKeyRegistration[];
}

/** A running App Store Connect emulator. */
export interface AppStoreConnectEmulator extends EmulatorServer, AscControl {
  /** Direct access to the resource store and state machines (for assertions). */
  readonly state: AscState;
  /** E-mails the real service would have sent. */
  readonly outbox: readonly AscOutboxEntry[];
  /** Registers a public key so tokens signed with its private half are accepted. */
  registerKey(key: AscKeyRegistration): void;
  /** Generates a throw-away ES256 key, registers it and returns it. */
  createCredentials(): AscCredentials;
}

/** Starts the App Store Connect emulator on 127.0.0.1. */
export async function startAppStoreConnectEmulator(
  options: AppStoreConnectEmulatorOptions = {},
): Promise<AppStoreConnectEmulator> {
  const state = new AscState();
  state.behaviour = { ...state.behaviour, ...options.behaviour };
  const auth = new AscAuthenticator();
  for (const key of options.keys ?? []) auth.registerKey(key);
  const control = createAscControl(state, auth);
  const server = await startEmulatorServer({
    name: 'app-store-connect',
    port: options.port,
    routes: [
      ...createUploadRoutes(state),
      ...createTestFlightRoutes(state),
      ...createAppStoreRoutes(state),
      ...createReadRoutes(state),
    ],
    controlRoutes: createAscControlRoutes(state, auth, control),
    formatError: formatAscError,
    authenticate: (ctx) => auth.authenticate(ctx, state.behaviour.rateLimitPerHour),
  });
  return Object.assign(server, control, {
    state,
    outbox: state.outbox,
    registerKey: (key: AscKeyRegistration) => auth.registerKey(key),
    createCredentials: () => {
      const credentials = createAscCredentials();
      auth.registerKey({
        keyId: credentials.keyId,
        issuerId: credentials.issuerId,
        publicKeyPem: credentials.publicKeyPem,
      });
      return credentials;
    },
  });
}
