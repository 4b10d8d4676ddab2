import { startAppStoreConnectEmulator, type AppStoreConnectEmulator } from './asc/emulator';
import type { AscBehaviour } from './asc/state';
import type { AscCredentials, ServiceAccountKey } from './crypto/credentials';
import {
  startFirebaseAppDistributionEmulator,
  type FirebaseAppDistributionEmulator,
} from './firebase/emulator';
import type { FirebaseBehaviour } from './firebase/state';
import {
  registerNewServiceAccount,
  startGoogleOAuthEmulator,
  type GoogleOAuthEmulator,
} from './google/emulator';
import { GoogleOAuth } from './google/oauth';
import { startGooglePlayEmulator, type GooglePlayEmulator } from './play/emulator';
import type { PlayBehaviour } from './play/state';
import { startSmtpSink, type SmtpSink } from './smtp/sink';

/** Options for {@link startSandbox}. */
export interface SandboxOptions {
  asc?: Partial<AscBehaviour>;
  play?: Partial<PlayBehaviour>;
  firebase?: Partial<FirebaseBehaviour>;
}

/** Base URLs of every emulator in a sandbox. */
export interface SandboxUrls {
  /** ASC API origin (use as the client's baseUrl). */
  appStoreConnect: string;
  /** androidpublisher root (pass `{ rootUrl }` per call for uploads). */
  googlePlay: string;
  /** firebaseappdistribution root (API and `/upload/...`). */
  firebaseAppDistribution: string;
  /** Shared Google OAuth token endpoint (`token_uri`). */
  googleTokenUri: string;
  /** `smtp://127.0.0.1:PORT` */
  smtp: string;
  /** HTTP control server of the SMTP sink. */
  smtpControl: string;
}

/** Every emulator, started together, with one close. */
export interface Sandbox extends AsyncDisposable {
  readonly urls: SandboxUrls;
  readonly appStoreConnect: AppStoreConnectEmulator;
  readonly googlePlay: GooglePlayEmulator;
  readonly firebase: FirebaseAppDistributionEmulator;
  readonly googleOAuth: GoogleOAuthEmulator;
  readonly smtp: SmtpSink;
  /** Throw-away ASC key registered with the ASC emulator. */
  createAscCredentials(): AscCredentials;
  /** Service-account JSON whose token_uri is the shared token endpoint, registered with it. */
  createServiceAccount(projectId?: string): ServiceAccountKey;
  /** Closes every emulator (idempotent). */
  close(): Promise<void>;
}

/** Starts ASC, Play, Firebase, a shared Google OAuth endpoint and the SMTP sink on 127.0.0.1, each on a free port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const oauth = new GoogleOAuth();
  const started: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(value: T): T => {
    started.push(value);
    return value;
  };
  const close = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.close()));
  };
  try {
    const googleOAuth = track(await startGoogleOAuthEmulator({ oauth }));
    const appStoreConnect = track(await startAppStoreConnectEmulator({ behaviour: options.asc }));
    const googlePlay = track(await startGooglePlayEmulator({ oauth, behaviour: options.play }));
    const firebase = track(
      await startFirebaseAppDistributionEmulator({ oauth, behaviour: options.firebase }),
    );
    const smtp = track(await startSmtpSink());
    return {
      urls: {
        appStoreConnect: appStoreConnect.url,
        googlePlay: googlePlay.url,
        firebaseAppDistribution: firebase.url,
        googleTokenUri: googleOAuth.tokenUrl,
        smtp: smtp.url,
        smtpControl: smtp.control.url,
      },
      appStoreConnect,
      googlePlay,
      firebase,
      googleOAuth,
      smtp,
      createAscCredentials: () => appStoreConnect.createCredentials(),
      createServiceAccount: (projectId?: string) =>
        registerNewServiceAccount(oauth, googleOAuth.tokenUrl, projectId),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
