/**
 * @akc/core/testing: the lane conformance suite and context builders for lane tests.
 * Uses Jest globals (describe/it/expect/jest).
 */
export { describeLaneConformance, type LaneHarness } from './conformance';
export { createTestLaneContext, createTestPackageContext, type TestContextInput } from './lane-context';
export {
  createMemoryLedger,
  createTestInviteIssuer,
  createTestDispatchContext,
  type TestDispatchInput,
} from './dispatch-context';
export {
  makeStoredZip,
  createBuildSandbox,
  cleanupSandboxes,
  writeTree,
  writeFakeTool,
  recordInvocation,
  readInvocations,
  createSandboxPackageContext,
  SANDBOX_VERSIONS,
  defineBuildLaneTestKit,
  type BuildSandbox,
  type SandboxContextInput,
  type BuildLaneTestKit,
  type BuildLaneTestKitInput,
} from './build-sandbox';
export {
  writeReadyMobileProject,
  createPreflightContext,
  describeDistributionPreflight,
} from './distribution-preflight';
