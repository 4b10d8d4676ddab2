import { join } from 'node:path';
import type { Platform } from '../schemas/common';
import type { DeliveryRequest } from '../schemas/request';
import type { DeliverySession } from '../schemas/session';
import type { DeliveryRecipients } from '../schemas/sidecars';
import type { LaneContext, LanePlugin, LaneVersions } from '../lane/contract';
import type { ControlPlaneIO } from '../control-plane/io';
import type { DeliveryPaths } from '../store/paths';

/** The non-secret snapshot of a delivery that every lane context is built from. */
export interface DeliverySnapshot {
  request: DeliveryRequest;
  session: DeliverySession;
  recipients: DeliveryRecipients;
  paths: DeliveryPaths;
}

/** Build a fresh, frozen context for one lane step. */
export function buildLaneContext(
  io: ControlPlaneIO,
  snap: DeliverySnapshot,
  lane: LanePlugin,
  platform: Platform,
  options: Record<string, unknown>,
  versions: LaneVersions,
  signal: AbortSignal,
): LaneContext {
  const { request, session, recipients, paths } = snap;
  const ctx: LaneContext = {
    laneId: lane.id,
    platform,
    projectDir: paths.projectDir,
    delivery: Object.freeze({
      id: request.delivery_id,
      dir: paths.dir,
      tenantId: request.tenant_id,
      repoId: request.repo_id,
      version: request.delivery_version,
      releaseMode: request.release_mode,
      recipients: Object.freeze(
        Object.values(recipients.recipients).map((r) =>
          Object.freeze({
            email: r.email,
            tokenId: r.invite_token_id,
            platforms: Object.freeze([...r.platforms]),
          }),
        ),
      ),
      compile: session.compile_outputs_ref
        ? Object.freeze(structuredClone(session.compile_outputs_ref))
        : null,
    }),
    options: Object.freeze(structuredClone(options)),
    env: Object.freeze({ ...io.env }),
    log: (line) => io.progress?.(`[${lane.id}] ${line}`),
    signal,
    now: io.now,
    versions: Object.freeze({ ...versions }),
  };
  return Object.freeze(ctx);
}

export function packagingDir(paths: DeliveryPaths, platform: Platform): string {
  return join(paths.dir, 'packaging', platform);
}

/** Provider versions as lanes see them (without the parsed semver). */
export function laneVersions(v: {
  delivery_version: string;
  ios_marketing_version: string;
  ios_build_number: string;
  android_version_name: string;
  android_version_code: number;
  web_build_id: string;
}): LaneVersions {
  return {
    delivery_version: v.delivery_version,
    ios_marketing_version: v.ios_marketing_version,
    ios_build_number: v.ios_build_number,
    android_version_name: v.android_version_name,
    android_version_code: v.android_version_code,
    web_build_id: v.web_build_id,
  };
}
