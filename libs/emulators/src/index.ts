export { startSandbox, type Sandbox, type SandboxOptions, type SandboxUrls } from './sandbox';
export {
  startAppStoreConnectEmulator,
  type AppStoreConnectEmulator,
  type AppStoreConnectEmulatorOptions,
} from './asc/emulator';
export type { AscAppSeed, AscBuildSeed, AscControl } from './asc/control';
export type { AscKeyRegistration } from './asc/auth';
export type { AscBehaviour, AscOutboxEntry, BuildOutcome, ReviewOutcome } from './asc/state';
export {
  startGooglePlayEmulator,
  ANDROID_PUBLISHER_SCOPE,
  type GooglePlayEmulator,
  type GooglePlayEmulatorOptions,
} from './play/emulator';
export type { PlayAppSettings, PlayBehaviour, PlayRelease } from './play/state';
export {
  startFirebaseAppDistributionEmulator,
  CLOUD_PLATFORM_SCOPE,
  type FirebaseAppDistributionEmulator,
  type FirebaseEmulatorOptions,
} from './firebase/emulator';
export type { FirebaseBehaviour, UploadResult } from './firebase/state';
export { startGoogleOAuthEmulator, type GoogleOAuthEmulator } from './google/emulator';
export { GoogleOAuth, GOOGLE_TOKEN_URL, type IssuedToken } from './google/oauth';
export { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from './smtp/sink';
export type { SmtpMessage } from './smtp/message';
export {
  createAscCredentials,
  createServiceAccountKey,
  type AscCredentials,
  type ServiceAccountKey,
  type ServiceAccountOptions,
} from './crypto/credentials';
export { createFixtureArtifact, readFixtureArtifact, FIXTURE_MAGIC, type ArtifactInfo } from './artifacts';
export { CONTROL_PREFIX, type EmulatorServer } from './http/emulator-server';
export type { FaultKind, FaultRecord, FaultRule } from './http/faults';
export type { RequestLogEntry } from './http/request-log';
export type { JsonObject, JsonValue } from './http/types';
