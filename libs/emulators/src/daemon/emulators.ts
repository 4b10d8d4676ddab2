import { startAppStoreConnectEmulator, type AppStoreConnectEmulator } from '../asc/emulator';
import {
  startFirebaseAppDistributionEmulator,
  type FirebaseAppDistributionEmulator,
} from '../firebase/emulator';
import { startGoogleOAuthEmulator, type GoogleOAuthEmulator } from '../google/emulator';
import { GoogleOAuth } from '../google/oauth';
import { startGooglePlayEmulator, type GooglePlayEmulator } from '../play/emulator';
import { startSmtpSink, type SmtpSink } from '../smtp/sink';
import type { SandboxControlUrls, SandboxStateUrls } from './layout';
import type { PortName } from './options';

/** The emulators a daemon serves. */
export interface DaemonEmulators {
  asc: AppStoreConnectEmulator;
  play: GooglePlayEmulator;
  firebase: FirebaseAppDistributionEmulator;
  oauth: GoogleOAuthEmulator;
  smtp: SmtpSink;
  urls: SandboxStateUrls;
  controlUrls: SandboxControlUrls;
  /** Closes every emulator (idempotent). */
  close(): Promise<void>;
}

/**
 * Starts every emulator on 127.0.0.1, sharing one Google OAuth state like `startSandbox()`, but with
 * optional fixed ports (`startSandbox` only takes free ones). A port in use fails the start and
 * closes what was already listening.
 */
export async function startDaemonEmulators(
  ports: Partial<Record<PortName, number>>,
): Promise<DaemonEmulators> {
  const oauthState = new GoogleOAuth();
  const started: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(value: T): T => {
    started.push(value);
    return value;
  };
  const close = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.close()));
  };
  try {
    const oauth = track(await startGoogleOAuthEmulator({ oauth: oauthState, port: ports.oauth }));
    const asc = track(await startAppStoreConnectEmulator({ port: ports.asc }));
    const play = track(await startGooglePlayEmulator({ oauth: oauthState, port: ports.play }));
    const firebase = track(
      await startFirebaseAppDistributionEmulator({ oauth: oauthState, port: ports.firebase }),
    );
    const smtp = track(await startSmtpSink({ port: ports.smtp, controlPort: ports['smtp-control'] }));
    return {
      asc,
      play,
      firebase,
      oauth,
      smtp,
      urls: {
        app_store_connect: asc.url,
        google_play: play.url,
        firebase_app_distribution: firebase.url,
        google_token_uri: oauth.tokenUrl,
        smtp: smtp.url,
      },
      controlUrls: {
        asc: asc.url,
        play: play.url,
        firebase: firebase.url,
        google_oauth: oauth.url,
        smtp: smtp.control.url,
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
