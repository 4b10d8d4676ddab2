/**
 * App Store Connect workflows shared by the lanes that deliver through it (TestFlight, App Store):
 * resumable steps that keep their progress in a caller's {@link WorkflowState} and report
 * failures as plain data through a {@link FailureFactory}.
 */
export {
  AscWorkflowError,
  describeWithFix,
  refsFromState,
  workflowError,
  type AscFailure,
  type FailureFactory,
  type WorkflowState,
} from './failure';
export { explainAscError, explainFailure, isAscError, isDuplicate, isTesterLimit } from './asc-errors';
export {
  objectOrEmpty,
  parseRetry,
  positive,
  unknownKeys,
  type AscRetryOptions,
  type ParseResult,
} from './options';
export {
  ascKeyRefFromEnv,
  createAscClientFromKey,
  requireBundleId,
  stringPrereq,
  type AscKeyRef,
} from './config';
export { ensureAppId, iosNumbers, ipaPath, type IosArtifactSource, type IosNumbers } from './app';
export { ensureUploaded, type UploadTarget } from './upload-build';
export { sleep, waitForValidBuild, type WaitSettings } from './wait-processing';
export { ensureExportCompliance } from './export-compliance';
export { createAscLaneKit, type AscLaneBindings, type AscLaneHost, type AscLaneKit } from './lane-kit';
