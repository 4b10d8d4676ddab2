export { runPackaging, type RunPackagingOptions } from './run-packaging';
export { isPackagingPreflightEnforced } from './enforcement';
export { allocateProjectBuildNumbers } from './build-numbers';
export type { PackagingMode, PackagingResult, PackagingRow, PackagingJourney } from './types';
