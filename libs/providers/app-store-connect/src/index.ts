export { AppStoreConnectClient } from './client';
export {
  AscHttpClient,
  DEFAULT_BASE_URL,
  toApiError,
  type AscClientConfig,
  type RequestOptions,
} from './http-client';
export { AscApiError, AscWaitError, isAscApiError, type AscApiErrorInit } from './errors';
export { AscTokenProvider, MAX_TOKEN_TTL_SECONDS, type TokenOptions } from './token';
export {
  computeBackoff,
  parseRetryAfter,
  retryReasonFor,
  type RetryEvent,
  type RetryPolicy,
  type RetryReason,
} from './retry';
export { buildQueryString, type AscQuery } from './query';
export { AppsResource, BuildsResource, type BuildFilter } from './resources/apps-builds';
export { BuildUploadsResource, type UploadBuildInput, type UploadBuildResult } from './resources/uploads';
export {
  TestFlightResource,
  type CreateBetaGroupInput,
  type CreateBetaTesterInput,
} from './resources/testflight';
export { AppStoreResource, type CreateVersionInput } from './resources/app-store';
export { pollUntil, type PollOptions } from './resources/poll';
export type * from './types';
export * from './workflows';
