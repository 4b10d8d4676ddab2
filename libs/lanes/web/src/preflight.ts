import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Env, LaneContext, PreflightProblem, PreflightReport } from '@akc/core';
import { resolveBuildCommand } from './build-command';
import { findExecutable } from './find-executable';
import { compileHintUrl } from './hosting';
import { parseWebOptions, type WebLaneOptions } from './options';
import { outputDirEscape } from './output-dir';

/** Programs that are Node.js scripts themselves and so also need `node` on PATH. */
const NEEDS_NODE = new Set(['npm', 'npx', 'yarn', 'pnpm']);

function toolProblem(program: string, role: string, env: Env, cwd: string): PreflightProblem | null {
  if (findExecutable(program, env, cwd)) return null;
  const onPath = !program.includes('/') && !program.includes('\\');
  return {
    id: onPath ? `web.tool.${program}` : `web.${role.replace(' ', '_')}.not_found`,
    reason: onPath
      ? `${program} (needed by the ${role}) was not found on PATH`
      : `${program} (the ${role}) is not an executable file in ${cwd}`,
    fix:
      NEEDS_NODE.has(program) || program === 'node'
        ? 'Install Node.js 20 or newer (it includes npm) and make sure its bin folder is on PATH.'
        : onPath
          ? `Install ${program} or add its folder to PATH, or change lanes.web in .akc/config.json.`
          : `Create ${program} (and chmod +x it), or fix the command in lanes.web in .akc/config.json.`,
  };
}

function commandProblems(
  argv: readonly string[],
  role: string,
  ctx: LaneContext<unknown>,
): PreflightProblem[] {
  const program = argv[0];
  if (program === undefined) return [];
  const problems = [toolProblem(program, role, ctx.env, ctx.projectDir)];
  if (NEEDS_NODE.has(basename(program))) problems.push(toolProblem('node', role, ctx.env, ctx.projectDir));
  return problems.filter((p): p is PreflightProblem => p !== null);
}

function optionProblems(raw: unknown): { options: WebLaneOptions; problems: PreflightProblem[] } {
  const parsed = parseWebOptions(raw);
  if (parsed.ok) return { options: parsed.value, problems: [] };
  const problems = parsed.errors.map((reason) => ({
    id: 'web.options.invalid',
    reason: `lanes.web: ${reason}`,
    fix: 'Fix lanes.web in .akc/config.json (keys: build_command, output_dir, deploy_command, hosting_url).',
  }));
  return { options: {}, problems };
}

function hostingWarnings(options: WebLaneOptions, ctx: LaneContext<unknown>): string[] {
  if (options.deploy_command || options.hosting_url || compileHintUrl(ctx.delivery.compile)) return [];
  return [
    'no deploy_command, hosting_url or compile hint: the bundle will be archived but hosting_url recorded as null',
  ];
}

/**
 * Check the local facts the web build needs, without running anything: the options, the
 * project's package.json and build script (or `build_command`), the build and deploy programs on
 * `env.PATH` and a configured `output_dir` inside the project. Reports every problem at once.
 */
export async function preflightWeb(ctx: LaneContext<WebLaneOptions>): Promise<PreflightReport> {
  const { options, problems } = optionProblems(ctx.options);
  if (!existsSync(ctx.projectDir) || !statSync(ctx.projectDir).isDirectory()) {
    problems.push({
      id: 'web.project_dir.missing',
      reason: `the project folder ${ctx.projectDir} does not exist`,
      fix: 'Pass --project-dir pointing at the web app.',
    });
    return { problems };
  }
  const build = resolveBuildCommand(ctx.projectDir, options);
  if (build.ok) problems.push(...commandProblems(build.command.argv, 'build command', ctx));
  else problems.push(build.problem);
  if (options.deploy_command)
    problems.push(...commandProblems(options.deploy_command, 'deploy command', ctx));
  const escape = options.output_dir ? outputDirEscape(ctx.projectDir, options.output_dir) : null;
  if (escape) {
    problems.push({
      id: 'web.output_dir.outside',
      reason: escape,
      fix: 'Set lanes.web.output_dir to a folder inside the project, such as "dist".',
    });
  }
  return { problems, warnings: hostingWarnings(options, ctx) };
}
