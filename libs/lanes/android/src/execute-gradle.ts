import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import { akcError, copyFileStreamed, renderCommand, runStep, toolTimeoutMs } from '@akc/core';
import type { BuildOutcome, ExecuteContext } from './build-outcome';
import type { AndroidBuildPlan } from './build-plan';

/** Files older than the build start (minus this slack for coarse file-system clocks) are stale. */
const MTIME_SLACK_MS = 2_000;

/** `./gradlew :<module>:<task> -PversionCode=… -PversionName=…`, then copy this build's artifact into workDir. */
export async function executeGradle(ctx: ExecuteContext, plan: AndroidBuildPlan): Promise<BuildOutcome> {
  const step = plan.steps[0];
  if (!step || !plan.gradle_outputs)
    throw akcError('EPACKAGING', { platform: 'android', reason: 'the Gradle plan is incomplete' });
  const hint = `Run it by hand to see the full log: cd ${step.cwd} && ${renderCommand(step.argv)}`;
  const started = Date.now(); // compared with file mtimes, so the real clock, not ctx.now
  const result = await runStep(ctx, step, hint, toolTimeoutMs(ctx.options));
  const found = findFreshArtifact(
    plan.gradle_outputs.dir,
    plan.gradle_outputs.variant,
    plan.artifact.kind,
    started - MTIME_SLACK_MS,
  );
  await copyFileStreamed(found, plan.artifact.path, ctx.signal);
  const unsigned = /unsigned/i.test(found);
  if (unsigned) ctx.log(`warning: ${found} is unsigned; stores and Firebase reject unsigned artifacts`);
  return {
    path: plan.artifact.path,
    toolDurationMs: result.durationMs,
    distributionReady: !unsigned,
    outputs: { gradle_task: step.argv[1], gradle_output: found, ...(unsigned ? { unsigned: true } : {}) },
  };
}

/** The newest `.<ext>` written by this build: the variant folder first, then anywhere under `dir`. */
function findFreshArtifact(dir: string, variant: string | null, ext: string, notBefore: number): string {
  const all = listFiles(dir, ext);
  const preferred = variant ? all.filter((f) => relative(dir, f).split(/[\\/]/)[0] === variant) : [];
  for (const group of [preferred, all]) {
    const fresh = group.filter((f) => statSync(f).mtimeMs >= notBefore).sort(byNewest);
    if (fresh[0]) return fresh[0];
  }
  throw akcError('EPACKAGING', {
    platform: 'android',
    reason:
      all.length > 0
        ? `Gradle succeeded but left only stale .${ext} files from an earlier build under ${dir}`
        : `Gradle succeeded but wrote no .${ext} under ${dir}`,
    hint: 'Check lanes.android.module and gradle_task name the app module and a bundle*/assemble* task.',
  });
}

function byNewest(a: string, b: string): number {
  return statSync(b).mtimeMs - statSync(a).mtimeMs;
}

function listFiles(dir: string, ext: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return listFiles(path, ext);
    return e.isFile() && e.name.toLowerCase().endsWith(`.${ext}`) ? [path] : [];
  });
}
