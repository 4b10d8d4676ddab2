/**
 * The lane contract: what a build lane (platform -> artifact) or a distribution lane
 * (artifact -> named recipients through a provider) implements. Third-party lanes need only
 * `import type` from '@akc/core' and `defineLane`.
 *
 * Every step gets a fresh, read-only context; `package` receives what `preflight` reported and
 * `dispatch` receives the artifact `package` produced, so a step can never run without its input.
 */
import type { Platform, Lane } from '../schemas/common';
import type { Env } from '../util/env';
import type { DispatchContext, DispatchReceipt, PollContext, PollResult } from './dispatch-contract';

/** The contract version this core speaks. A lane declaring another version is refused on load. */
export const LANE_API_VERSION = 1 as const;

export type LaneKind = 'build' | 'distribution';

/** How packaging runs: execute the real tool, or write an inspectable plan only. */
export type ExecutionMode = 'execute' | 'plan';

/** What a delivery's recipient looks like to a lane (no other recipient's data is needed). */
export interface LaneRecipient {
  readonly email: string;
  readonly tokenId: string;
  readonly platforms: readonly Platform[];
}

/** Provider build metadata derived from the delivery version (monotonic build numbers). */
export interface LaneVersions {
  readonly delivery_version: string;
  readonly ios_marketing_version: string;
  readonly ios_build_number: string;
  readonly android_version_name: string;
  readonly android_version_code: number;
  readonly web_build_id: string;
}

/** Non-secret facts about the delivery a lane works for. */
export interface LaneDelivery {
  readonly id: string;
  readonly dir: string;
  readonly tenantId: string;
  readonly repoId: string;
  readonly version: string;
  readonly releaseMode: 'beta' | 'store' | 'both';
  readonly recipients: readonly LaneRecipient[];
  /** The slim compile handoff (delivery plan refs, web hosting hints) when `--compile` bound one. */
  readonly compile: Readonly<Record<string, unknown>> | null;
}

export interface LaneContext<O = object> {
  /** The lane's registry id: a platform for build lanes (`web`), `platform:lane` for distribution (`ios:beta`). */
  readonly laneId: string;
  readonly platform: Platform;
  readonly projectDir: string;
  readonly delivery: LaneDelivery;
  /** This lane's slice of the project config (`lanes.<id>` in .akc/config.json), already validated. */
  readonly options: Readonly<O>;
  readonly env: Env;
  /** Progress for long steps; the CLI sends it to stderr, never stdout. Prefixed with the lane id. */
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
  readonly now: () => number;
  readonly versions: LaneVersions;
}

/** One problem found by preflight; all are reported at once. */
export interface PreflightProblem {
  readonly id: string;
  readonly reason: string;
  readonly fix: string;
}

/** Preflight checks only local facts (env, files, config). It never calls a provider. */
export interface PreflightReport {
  readonly problems: readonly PreflightProblem[];
  readonly warnings?: readonly string[];
}

export interface PackageContext<O = object> extends LaneContext<O> {
  readonly mode: ExecutionMode;
  /** `<delivery dir>/packaging/<platform>`, created by the runner; artifacts are written here. */
  readonly workDir: string;
  readonly preflight: PreflightReport;
}

export type ArtifactKind = 'web_bundle' | 'ipa' | 'aab' | 'apk' | 'plan';

export interface ArtifactFile {
  readonly kind: ArtifactKind;
  /** Absolute path inside the delivery's packaging folder (or the prebuilt file given). */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** What packaging produced. Only `distribution_ready` outputs are ever distributed. */
export interface PackageResult {
  readonly execution_mode: ExecutionMode;
  /** `authoritative`: built here; `prebuilt`: a file the operator supplied; `plan_only`: nothing built. */
  readonly artifact_authority: 'authoritative' | 'prebuilt' | 'plan_only';
  readonly distribution_ready: boolean;
  readonly artifacts: readonly ArtifactFile[];
  /** Tool used and anything worth keeping (EAS build id, Gradle task, build command). JSON only, no secrets. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Web only: where the bundle was deployed. */
  readonly deploy?: {
    readonly hosting_url: string | null;
    readonly method: string;
    readonly detail?: string;
  };
  /** Plan mode: the exact commands that would run. */
  readonly plan?: readonly string[];
}

/** A lane plugin. A step a lane does not need is simply absent. */
export interface LanePlugin<O = object> {
  readonly apiVersion: typeof LANE_API_VERSION;
  /** `web`, `ios`, `android` for build lanes; `web:beta`, `ios:store`, ... for distribution lanes. */
  readonly id: string;
  readonly kind: LaneKind;
  readonly platform: Platform;
  /** Distribution lanes only. */
  readonly lane?: Lane;
  /** The lane's own version (semver), recorded with every result. */
  readonly version: string;
  readonly description: string;
  /** Validate and normalise this lane's config slice; errors are reported by preflight. */
  parseOptions?(raw: unknown): { ok: true; value: O } | { ok: false; errors: string[] };
  preflight?(ctx: LaneContext<O>): Promise<PreflightReport>;
  package?(ctx: PackageContext<O>): Promise<PackageResult>;
  /** Distribution lanes: release the artifact to the named recipients (see dispatch-contract.ts). */
  dispatch?(ctx: DispatchContext<O>): Promise<DispatchReceipt>;
  /** Distribution lanes: ask the provider for review and install state (`status --refresh`). */
  poll?(ctx: PollContext<O>): Promise<PollResult>;
}

/** Identity helper: type inference for lane authors and one place to add checks later. */
export function defineLane<O>(lane: LanePlugin<O>): LanePlugin<O> {
  return lane;
}
