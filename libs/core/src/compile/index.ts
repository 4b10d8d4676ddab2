/**
 * Compile handoff for `akc deliver --compile` (spec §5 and the seed additions): resolve and run
 * the compile command as a child process, find its run id, and bind its outputs (run manifest,
 * delivery plan, infra plan, IaC manifest, provision evidence) as refs and fingerprints that
 * match the Python compile side byte for byte. Reads only; never writes compile artifacts.
 */
export {
  COMPILE_CMD_ENV,
  DEFAULT_COMPILE_EXECUTABLE,
  findExecutableOnPath,
  noCompileCommandError,
  readCompileConfig,
  resolveCompileCommand,
  type CompileCommand,
  type ResolveCompileCommandOptions,
} from './resolve-compile-command';
export { CommandLineError, splitCommandLine } from './command-line';
export {
  DEFAULT_COMPILE_TIMEOUT_MS,
  KILL_GRACE_MS,
  compileArgv,
  compileFailure,
  runCompile,
  type CompileRunResult,
  type RunCompileOptions,
} from './run-compile';
export {
  DEFAULT_MTIME_SLACK_MS,
  findRunId,
  runIdFromStdout,
  runIdOfDoc,
  type FindRunIdOptions,
  type RunIdDiscovery,
} from './find-run-id';
export { handoffFailure, loadCompileHandoff } from './load-compile-handoff';
export { slimHandoff } from './slim-handoff';
export {
  emptyWebHints,
  extractWebDistributionHints,
  suggestedWebBaseUrl,
  webHintsFromOutputsRef,
} from './web-hints';
export { latestProvisionSummary } from './provision-summary';
export { resolveProjectPath, type ProjectPath } from './project-path';
export { COMPILE_ERROR_CODE, HANDOFF_ERROR_CODE, compileError, handoffError } from './compile-errors';
export type {
  ArtifactRef,
  CompileHandoff,
  CompileOutputsRef,
  DerivedIntentRef,
  HandoffErrorCode,
  ProvisionSummaryRef,
  WebDistributionHints,
  WebTargetHint,
} from './handoff-types';
export {
  JsonNumberText,
  LosslessJsonError,
  compareCodePoints,
  parseLosslessJson,
  pythonCanonicalJson,
  pythonFingerprint,
  pythonFloatRepr,
  pythonNumberText,
  toPlainJson,
  type JsonObject,
  type JsonValue,
  type LosslessJson,
  type LosslessObject,
} from './python-json';
