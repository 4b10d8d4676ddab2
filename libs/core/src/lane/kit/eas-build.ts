import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { akcError } from '../../errors/akc-error';
import type { Platform } from '../../schemas/common';
import type { BuildOutcome, BuildPlanBase } from './build-plan';
import { copyFileStreamed } from './copy-file';
import { downloadHttps } from './download-https';
import { runStep, type RunStepContext } from './run-step';
import type { RunToolResult } from './run-tool';
import type { ToolStep } from './tool-step';

/** The fields of one `eas build --json` entry a build lane uses. */
export interface EasBuild {
  readonly id: string | null;
  readonly status: string | null;
  readonly platform: string | null;
  readonly archiveUrl: string | null;
  readonly buildUrl: string | null;
  readonly pageUrl: string | null;
  readonly appVersion: string | null;
  readonly appBuildVersion: string | null;
  readonly errorMessage: string | null;
}

/**
 * Parse the JSON `eas build --json` prints on stdout (an array of builds, or one build). Tolerates
 * non-JSON lines before it. Returns [] when stdout holds no JSON (e.g. some `--local` runs).
 * Output that starts like JSON but does not parse is EPACKAGING for `platform`.
 */
export function parseEasBuildJson(stdout: string, platform: Platform): EasBuild[] {
  const start = stdout.search(/^\s*[[{]/m);
  if (start < 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.slice(start));
  } catch (e) {
    throw akcError('EPACKAGING', {
      platform,
      reason: `eas build --json printed output that is not JSON (${(e as Error).message})`,
      hint: 'Run the same eas build command by hand; stdout must be the JSON build list.',
    });
  }
  return (Array.isArray(parsed) ? parsed : [parsed]).filter(isRecord).map(toEasBuild);
}

function toEasBuild(raw: Record<string, unknown>): EasBuild {
  const artifacts = isRecord(raw.artifacts) ? raw.artifacts : {};
  const project = isRecord(raw.project) ? raw.project : {};
  const owner = isRecord(project.ownerAccount) ? project.ownerAccount : {};
  const id = str(raw.id);
  const slug = str(project.slug);
  const account = str(owner.name);
  return {
    id,
    status: str(raw.status),
    platform: str(raw.platform),
    archiveUrl: str(artifacts.applicationArchiveUrl) ?? str(artifacts.buildUrl),
    buildUrl: str(artifacts.buildUrl),
    pageUrl:
      id && slug && account ? `https://expo.dev/accounts/${account}/projects/${slug}/builds/${id}` : null,
    appVersion: str(raw.appVersion),
    appBuildVersion: str(raw.appBuildVersion),
    errorMessage: isRecord(raw.error) ? str(raw.error.message) : null,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

/** The hint for a failed `eas build` run. */
export const EAS_BUILD_HINT =
  'Run the same `eas build` command by hand in the project folder (see the plan), fix what it reports, then retry. ' +
  'Non-interactive runs need EXPO_TOKEN or a prior `eas login`.';

/** One `eas build --json` run: the tool result, every build it printed, and this platform's build. */
export interface EasBuildRun {
  readonly result: RunToolResult;
  readonly builds: EasBuild[];
  readonly build: EasBuild | null;
}

/**
 * Run the plan's `eas build --json` step and pick this platform's build (else the first). A build
 * that did not finish throws ETOOL with its error and build page; no step at all is EPACKAGING.
 */
export async function runEasBuild(
  ctx: RunStepContext,
  step: ToolStep | undefined,
  platform: Platform,
  timeoutMs: number,
): Promise<EasBuildRun> {
  if (!step) throw akcError('EPACKAGING', { platform, reason: 'the EAS plan has no command' });
  const result = await runStep(ctx, step, EAS_BUILD_HINT, timeoutMs);
  const builds = parseEasBuildJson(result.stdout, platform);
  const wanted = platform.toUpperCase();
  const build = builds.find((b) => b.platform?.toUpperCase() === wanted) ?? builds[0] ?? null;
  if (build?.status && build.status !== 'FINISHED') {
    const detail = build.errorMessage ? `: ${build.errorMessage}` : '';
    throw akcError('ETOOL', {
      tool: 'eas',
      reason: `EAS build ${build.id ?? '(no id)'} ended with status ${build.status}${detail}`,
      tail: result.tail,
      hint: build.pageUrl ? `Open ${build.pageUrl} for the full build log.` : EAS_BUILD_HINT,
    });
  }
  return { result, builds, build };
}

/** What a lane records about an EAS run in its package outputs. */
export function easBuildOutputs(easLocal: boolean, run: EasBuildRun): Record<string, unknown> {
  const { build, builds } = run;
  return {
    eas_local: easLocal,
    ...(build?.id ? { eas_build_id: build.id } : {}),
    ...(build?.buildUrl || build?.pageUrl ? { eas_build_url: build.pageUrl ?? build.buildUrl } : {}),
    ...(builds.length > 1 ? { eas_build_ids: builds.map((b) => b.id) } : {}),
  };
}

/** Where the EAS artifact goes and the lane's wording when it cannot be had. */
export interface EasArtifactTarget {
  readonly platform: Platform;
  /** The artifact path in the packaging folder. */
  readonly path: string;
  readonly easLocal: boolean;
  /** What `--local` failed to write, e.g. "no .ipa" (reason: "... wrote <missing> at <path>"). */
  readonly missing: string;
  /** The hint when no artifact was produced or named. */
  readonly hint: string;
  /** The hint when downloading the artifact fails. */
  readonly downloadHint: string;
  /** Called with the build's artifact URL (when it names one) before anything is copied or fetched. */
  readonly checkUrl?: (url: string) => void;
}

/**
 * Put the build's artifact at `target.path`: already there after `--local`, copied (streamed) from
 * a local path or file: URL, or downloaded over https. Otherwise EPACKAGING.
 */
export async function obtainEasArtifact(
  signal: AbortSignal,
  build: EasBuild | null,
  target: EasArtifactTarget,
): Promise<void> {
  const { path, platform } = target;
  if (target.easLocal && existsSync(path)) return;
  const url = build?.archiveUrl ?? null;
  if (url && target.checkUrl) target.checkUrl(url);
  const local =
    url === null ? null : url.startsWith('file:') ? fileURLToPath(url) : isAbsolute(url) ? url : null;
  if (local !== null && existsSync(local)) return copyFileStreamed(local, path, signal);
  if (url !== null && local === null)
    return downloadHttps(url, path, signal, { platform, hint: target.downloadHint });
  throw akcError('EPACKAGING', {
    platform,
    reason: target.easLocal
      ? `eas build --local finished but wrote ${target.missing} at ${path}`
      : 'eas build finished but its JSON names no artifact (artifacts.applicationArchiveUrl)',
    hint: target.hint,
  });
}

/** The tool timeout of a build lane's options (`timeout_minutes`), in milliseconds. */
export function toolTimeoutMs(options: { readonly timeout_minutes: number }): number {
  return Math.round(options.timeout_minutes * 60_000);
}

/** A build lane's context for `executeEasPlan`: a run context and its `eas_local`/`timeout_minutes` options. */
export interface EasExecuteContext extends RunStepContext {
  readonly options: { readonly eas_local: boolean; readonly timeout_minutes: number };
}

/** The numbers an EAS build must carry (as the lane names them), and how to make it carry them. */
export interface EasExpectedVersions {
  /** `appVersion`, e.g. { label: 'version', expected: '1.4.0' }. */
  readonly appVersion: { readonly label: string; readonly expected: string };
  /** `appBuildVersion`, e.g. { label: 'build number', expected: '1040001' }. */
  readonly appBuildVersion: { readonly label: string; readonly expected: string };
  readonly hint: string;
}

/**
 * A build whose recorded numbers differ from the delivery's would collide or mislead later uploads:
 * EPACKAGING naming each wrong number. A number EAS did not record is not checked.
 */
export function assertEasBuildVersions(build: EasBuild, platform: Platform, v: EasExpectedVersions): void {
  const wrong: string[] = [];
  for (const key of ['appVersion', 'appBuildVersion'] as const) {
    const { label, expected } = v[key];
    const actual = build[key];
    if (actual && actual !== expected) wrong.push(`${label} ${actual} (expected ${expected})`);
  }
  if (wrong.length === 0) return;
  throw akcError('EPACKAGING', {
    platform,
    reason: `EAS build ${build.id ?? ''} carries ${wrong.join(' and ')}`,
    hint: v.hint,
  });
}

/** The lane's wording and checks for `executeEasPlan` (see `EasArtifactTarget`). */
export interface EasPlanLane extends Pick<
  EasArtifactTarget,
  'platform' | 'missing' | 'hint' | 'downloadHint' | 'checkUrl'
> {
  /** The numbers the finished build must carry (`assertEasBuildVersions`). */
  readonly versions: EasExpectedVersions;
}

/**
 * The EAS method: run the plan's `eas build --json` step (`runEasBuild`), check the build's
 * versions, fetch the artifact to the plan's path (`obtainEasArtifact`), and record the EAS outputs.
 */
export async function executeEasPlan(
  ctx: EasExecuteContext,
  plan: Pick<BuildPlanBase, 'steps' | 'artifact'>,
  lane: EasPlanLane,
): Promise<BuildOutcome> {
  const { versions, ...wording } = lane;
  const run = await runEasBuild(ctx, plan.steps[0], lane.platform, toolTimeoutMs(ctx.options));
  if (run.build) assertEasBuildVersions(run.build, lane.platform, versions);
  const easLocal = ctx.options.eas_local;
  await obtainEasArtifact(ctx.signal, run.build, { ...wording, path: plan.artifact.path, easLocal });
  return {
    path: plan.artifact.path,
    toolDurationMs: run.result.durationMs,
    outputs: easBuildOutputs(easLocal, run),
  };
}
