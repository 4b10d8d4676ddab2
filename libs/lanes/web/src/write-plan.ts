import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile, type PackageContext, type PackageResult } from '@akc/core';
import { resolveBuildCommand } from './build-command';
import { findExecutable } from './find-executable';
import { fallbackHosting } from './hosting';
import type { WebLaneOptions } from './options';
import { OUTPUT_DIR_CANDIDATES } from './output-dir';
import { formatArgv } from './split-command';
import { BUILD_ENV_NAMES, DEPLOY_ENV_NAMES, archiveFileName, sourceDateEpoch } from './tool-env';
import { WEB_LANE_VERSION } from './version';

type Ctx = PackageContext<WebLaneOptions>;

function buildStep(ctx: Ctx, options: WebLaneOptions) {
  const build = resolveBuildCommand(ctx.projectDir, options);
  const argv = build.ok ? build.command.argv : null;
  const program = argv?.[0];
  return {
    step: 'build',
    argv,
    source: build.ok ? build.command.source : null,
    resolved_program: program === undefined ? null : findExecutable(program, ctx.env, ctx.projectDir),
    cwd: ctx.projectDir,
    env_added: [...BUILD_ENV_NAMES],
    env_inherited: true,
    blocked_by: build.ok ? null : build.problem,
  };
}

function hostingSource(options: WebLaneOptions, ctx: Ctx) {
  const fallback = fallbackHosting(options, ctx.delivery.compile, null);
  if (!options.deploy_command)
    return { url: fallback.hosting_url, source: fallback.method, fallback_url: null };
  return { url: null, source: 'deploy_command output', fallback_url: fallback.hosting_url };
}

function archiveStep(ctx: Ctx, options: WebLaneOptions, archive: string) {
  return {
    step: 'archive',
    output_dir: options.output_dir ?? null,
    output_dir_candidates: options.output_dir ? [options.output_dir] : [...OUTPUT_DIR_CANDIDATES],
    archive,
    format: 'ustar (sorted by path, uid/gid 0, fixed mtime)',
    mtime: sourceDateEpoch(ctx.env),
  };
}

function deployStep(ctx: Ctx, options: WebLaneOptions) {
  return {
    step: 'deploy',
    argv: options.deploy_command ?? null,
    cwd: ctx.projectDir,
    env_added: options.deploy_command ? [...DEPLOY_ENV_NAMES] : [],
    hosting: hostingSource(options, ctx),
  };
}

interface PlanSteps {
  build: ReturnType<typeof buildStep>;
  archive: ReturnType<typeof archiveStep>;
  deploy: ReturnType<typeof deployStep>;
}

/** The plan document: exact argv, cwd, environment variable names and the expected outputs. */
function planDocument(ctx: Ctx, steps: PlanSteps) {
  return {
    kind: 'akc.web_build_plan',
    schema_version: 1,
    lane: { id: 'web', version: WEB_LANE_VERSION },
    delivery_id: ctx.delivery.id,
    web_build_id: ctx.versions.web_build_id,
    execution_mode: 'plan',
    distribution_ready: false,
    steps: [steps.build, steps.archive, steps.deploy],
    expected_outputs: [{ kind: 'web_bundle', path: steps.archive.archive }],
    preflight_problems: ctx.preflight.problems,
  };
}

function planLines({ build, archive, deploy }: PlanSteps): string[] {
  const lines = [
    build.argv
      ? `build: ${formatArgv(build.argv)} (cwd ${build.cwd}; adds ${build.env_added.join(', ')})`
      : `build: blocked (${build.blocked_by?.reason ?? 'no build command'})`,
    `archive: ${archive.output_dir_candidates.join(' | ')} -> ${archive.archive} (${archive.format}, mtime ${archive.mtime})`,
  ];
  if (deploy.argv)
    lines.push(`deploy: ${formatArgv(deploy.argv)} (cwd ${deploy.cwd}; adds ${deploy.env_added.join(', ')})`);
  const { url, source, fallback_url } = deploy.hosting;
  const shown = deploy.argv ? `(from the deploy output, else ${fallback_url ?? 'null'})` : (url ?? 'null');
  lines.push(`hosting_url: ${shown} [${source}]`);
  return lines;
}

/**
 * Plan mode: run nothing, write `<workDir>/plan.json` describing exactly what execute mode would
 * run and produce, and return a plan-only result that is never distributed.
 */
export async function writeWebPlan(ctx: Ctx, options: WebLaneOptions): Promise<PackageResult> {
  const archive = join(ctx.workDir, archiveFileName(ctx.versions.web_build_id));
  const steps = {
    build: buildStep(ctx, options),
    archive: archiveStep(ctx, options, archive),
    deploy: deployStep(ctx, options),
  };
  const doc = planDocument(ctx, steps);
  const path = join(ctx.workDir, 'plan.json');
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`);
  const { sha256, bytes } = await hashFile(path);
  const plan = planLines(steps);
  for (const line of plan) ctx.log(`plan: ${line}`);
  return {
    execution_mode: 'plan',
    artifact_authority: 'plan_only',
    distribution_ready: false,
    artifacts: [{ kind: 'plan', path, bytes, sha256 }],
    outputs: { plan_path: path, web_build_id: ctx.versions.web_build_id, build_command: steps.build.argv },
    plan,
  };
}
