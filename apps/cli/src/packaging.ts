import {
  buildLaneRegistry,
  readLaneConfig,
  runPackaging,
  type ControlPlaneIO,
  type PackagingMode,
  type PackagingResult,
} from '@akc/core';
import { BUILTIN_LANES } from './builtin-lanes';
import { withAbortOnSignal } from './abort-on-signal';

/** Compose the lane registry for this project and package the delivery; Ctrl-C aborts the running tool. */
export async function packageDelivery(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  mode: PackagingMode,
): Promise<PackagingResult> {
  const laneConfig = readLaneConfig(projectDir);
  const registry = await buildLaneRegistry({
    projectDir,
    builtins: BUILTIN_LANES,
    config: laneConfig,
    ids: ['web', 'ios', 'android'],
  });
  return withAbortOnSignal((signal) =>
    runPackaging(io, projectDir, deliveryId, { mode, registry, laneConfig, signal }),
  );
}
