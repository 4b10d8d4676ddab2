import type { AppStoreConnectClient } from '../client';
import { explainFailure } from './asc-errors';
import {
  ascKeyRefFromEnv,
  createAscClientFromKey,
  requireBundleId,
  stringPrereq,
  type AscKeyRef,
} from './config';
import type { AscFailure, FailureFactory } from './failure';
import type { AscRetryOptions } from './options';

/** The parts of a lane's context the kit reads (a structural subset of a lane context). */
export interface AscLaneHost {
  readonly laneId: string;
  readonly projectDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
}

/** What a lane plugs in: its own error type and where it keeps operator prereqs. */
export interface AscLaneBindings<E extends Error> {
  /** The lane's error for a failure, e.g. `(lane, f, cause) => akcError('ELANE', { lane, ...f }, cause)`. */
  readonly toError: (lane: string, failure: AscFailure, cause?: unknown) => E;
  /** True for errors already in the lane's form (passed through unchanged by `toLaneError`). */
  readonly isLaneError: (e: unknown) => e is E;
  /** The `ios` section of the operator prereqs of a project. */
  readonly iosPrereqs: (projectDir: string) => unknown;
  /** The bundle id the repository declares (e.g. app.json), if any. */
  readonly probeBundleId: (projectDir: string) => string | null | undefined;
}

/** The App Store Connect helpers of a lane, bound to its errors and prereqs. */
export interface AscLaneKit<E extends Error> {
  /** The failure factory the workflows throw through, for `lane`. */
  fail(lane: string): FailureFactory;
  /** Any thrown value as the lane's error (lane errors pass through; `e` is kept as cause). */
  toLaneError(lane: string, e: unknown): E;
  /** A non-blank string prereq `ios.<key>`. */
  prereq(host: AscLaneHost, key: string): string | undefined;
  /** Credentials and base URL from the host's environment. */
  resolveKeyRef(host: AscLaneHost): AscKeyRef;
  /** Bundle id: `option`, else prereq `ios.bundle_id`, else the repo probe. */
  resolveBundleId(host: AscLaneHost, option: string | undefined): string;
  /** The client for `key`; retries are logged through the host. */
  createAscClient(host: AscLaneHost, key: AscKeyRef, retry: AscRetryOptions): Promise<AppStoreConnectClient>;
}

/** Binds the shared App Store Connect helpers to one lane's error type and prereqs. */
export function createAscLaneKit<E extends Error>(b: AscLaneBindings<E>): AscLaneKit<E> {
  const fail =
    (lane: string): FailureFactory =>
    (f) =>
      b.toError(lane, f);
  const prereq = (host: AscLaneHost, key: string): string | undefined =>
    stringPrereq(b.iosPrereqs(host.projectDir), key);
  return {
    fail,
    toLaneError: (lane, e) => (b.isLaneError(e) ? e : b.toError(lane, explainFailure(e), e)),
    prereq,
    resolveKeyRef: (host) => ascKeyRefFromEnv(host.env, fail(host.laneId)),
    resolveBundleId: (host, option) =>
      requireBundleId(
        option ?? prereq(host, 'bundle_id') ?? b.probeBundleId(host.projectDir) ?? undefined,
        fail(host.laneId),
      ),
    createAscClient: (host, key, retry) => createAscClientFromKey(key, retry, host.log, fail(host.laneId)),
  };
}
