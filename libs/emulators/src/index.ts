export { startAppStoreConnectEmulator, type AppStoreConnectEmulator, type AppStoreConnectEmulatorOptions } from './asc/emulator';
export type { AscAppSeed, AscBuildSeed, AscControl } from './asc/control';
export type { AscKeyRegistration } from './asc/auth';
export type { AscBehaviour, AscOutboxEntry, BuildOutcome, ReviewOutcome } from './asc/state';
export { createAscCredentials, createServiceAccountKey, type AscCredentials, type ServiceAccountKey, type ServiceAccountOptions } from './crypto/credentials';
export { CONTROL_PREFIX, type EmulatorServer } from './http/emulator-server';
export type { FaultKind, FaultRecord, FaultRule } from './http/faults';
export type { RequestLogEntry } from './http/request-log';
export type { JsonObject, JsonValue } from './http/types';
