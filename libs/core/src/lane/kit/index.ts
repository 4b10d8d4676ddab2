export { runTool, assertToolSucceeded, type RunToolOptions, type RunToolResult } from './run-tool';
export { hashFile } from './hash-file';
export { renderCommand, type ToolStep } from './tool-step';
export { runStep, type RunStepContext } from './run-step';
export { findExecutable, isExecutableFile } from './find-executable';
export { hasZipMagic } from './zip-magic';
export { copyFileStreamed } from './copy-file';
export {
  checkPrebuiltFile,
  executePrebuiltPlan,
  type PrebuiltFileKind,
  type PrebuiltProblem,
} from './prebuilt-file';
export { downloadHttps, type DownloadFailure } from './download-https';
export {
  parseEasBuildJson,
  runEasBuild,
  easBuildOutputs,
  obtainEasArtifact,
  EAS_BUILD_HINT,
  executeEasPlan,
  assertEasBuildVersions,
  toolTimeoutMs,
  type EasExecuteContext,
  type EasPlanLane,
  type EasExpectedVersions,
  type EasBuild,
  type EasBuildRun,
  type EasArtifactTarget,
} from './eas-build';
export { checkEasProject, type EasProjectCheck, type PreflightFindings } from './eas-preflight';
export {
  planCommandLines,
  writePlanFile,
  executeBuildPlan,
  type BuildPlanBase,
  type BuildOutcome,
  type PlanFileInput,
  type ExecutePlanInput,
} from './build-plan';
export { jobPreflightIssues, preflightJob } from './preflight-job';
export {
  readBuildLaneOptions,
  type BuildLaneOptionSpec,
  type BuildLaneOptionsRead,
} from './build-lane-options';
