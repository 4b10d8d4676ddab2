import { join, relative, sep } from 'node:path';
import { akcError, hashFile, type PackageContext, type PackageResult } from '@akc/core';
import { resolveBuildCommand } from './build-command';
import { collectEntries, isInside } from './collect-entries';
import { fallbackHosting, lastUrlLine, type DeployRecord } from './hosting';
import type { WebLaneOptions } from './options';
import { locateOutputDir } from './output-dir';
import { runCommand } from './run-command';
import { formatArgv } from './split-command';
import { archiveFileName, buildEnv, deployEnv, sourceDateEpoch } from './tool-env';
import { writeArchive } from './write-archive';

type Ctx = PackageContext<WebLaneOptions>;

const packagingError = (reason: string, hint?: string) =>
  akcError('EPACKAGING', { platform: 'web', reason, ...(hint ? { hint } : {}) });

/** Execute mode is fail-closed: any preflight problem stops it before anything runs. */
function assertReady(ctx: Ctx): void {
  if (ctx.signal.aborted) throw packagingError('aborted before the build started');
  const problems = ctx.preflight.problems;
  if (problems.length === 0) return;
  throw packagingError(
    `execute mode needs a clean preflight; ${problems.length} problem(s): ${problems.map((p) => p.reason).join('; ')}`,
    problems.map((p) => p.fix).join(' ') + ' (Or use --packaging-mode plan to see what would run.)',
  );
}

async function deploy(
  ctx: Ctx,
  options: WebLaneOptions,
  bundle: { dir: string; archive: string },
): Promise<DeployRecord> {
  if (!options.deploy_command) return fallbackHosting(options, ctx.delivery.compile, null);
  const command = formatArgv(options.deploy_command);
  const result = await runCommand(ctx, options.deploy_command, deployEnv(ctx, bundle), 'deploy');
  const url = lastUrlLine(result.stdout);
  if (url)
    return { hosting_url: url, method: 'command', detail: `deployed by ${command}; URL from its output` };
  return fallbackHosting(options, ctx.delivery.compile, command);
}

async function archiveOutput(ctx: Ctx, outputDir: string): Promise<{ path: string; fileCount: number }> {
  if (isInside(outputDir, ctx.workDir)) {
    throw packagingError(`the packaging folder ${ctx.workDir} is inside the output folder ${outputDir}`);
  }
  const entries = collectEntries(outputDir, ctx.signal);
  const fileCount = entries.filter((e) => e.type === 'file').length;
  if (fileCount === 0) {
    throw packagingError(
      `the output folder ${outputDir} holds no files`,
      'Check the build log: it produced no files.',
    );
  }
  const path = join(ctx.workDir, archiveFileName(ctx.versions.web_build_id));
  await writeArchive(path, entries, { mtime: sourceDateEpoch(ctx.env), signal: ctx.signal });
  ctx.log(
    `archived ${fileCount} file(s) from ${relative(ctx.projectDir, outputDir).split(sep).join('/')} to ${path}`,
  );
  return { path, fileCount };
}

/**
 * Execute mode: run the build, archive its output folder reproducibly into the work folder, hash
 * it, run the deploy command when configured, and return an authoritative, distributable result.
 */
export async function executeWebBuild(ctx: Ctx, options: WebLaneOptions): Promise<PackageResult> {
  assertReady(ctx);
  const build = resolveBuildCommand(ctx.projectDir, options);
  if (!build.ok) throw packagingError(build.problem.reason, build.problem.fix);
  const tool = await runCommand(ctx, build.command.argv, buildEnv(ctx), 'build');
  const output = locateOutputDir(ctx.projectDir, options.output_dir);
  const archive = await archiveOutput(ctx, output.abs);
  const { sha256, bytes } = await hashFile(archive.path);
  const deployed = await deploy(ctx, options, { dir: output.abs, archive: archive.path });
  return {
    execution_mode: 'execute',
    artifact_authority: 'authoritative',
    distribution_ready: true,
    artifacts: [{ kind: 'web_bundle', path: archive.path, bytes, sha256 }],
    outputs: {
      build_command: [...build.command.argv],
      build_command_source: build.command.source,
      output_dir: output.rel,
      file_count: archive.fileCount,
      web_build_id: ctx.versions.web_build_id,
      tool_duration_ms: tool.durationMs,
      archive_format: 'ustar',
      archive_mtime: sourceDateEpoch(ctx.env),
    },
    deploy: deployed,
  };
}
