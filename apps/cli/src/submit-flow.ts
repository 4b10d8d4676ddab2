import { resolve } from 'node:path';
import {
  compileDelivery,
  getStatus,
  submitDelivery,
  type CompileOutcome,
  type ControlPlaneIO,
  type PackagingMode,
  type PackagingResult,
  type SubmitInput,
  type SubmitResult,
  type WaveResult,
} from '@akc/core';
import { packageDelivery } from './packaging';
import { distribute } from './distribution';

export interface SubmitFlowInput extends SubmitInput {
  compile: boolean;
  package: boolean;
  packagingMode: PackagingMode;
  execute: boolean;
  storeSubmit: 'auto' | 'manual';
  /** Called as soon as the delivery exists (before compile, packaging and the first wave). */
  onCreated?: (deliveryId: string) => void;
}

export interface SubmitFlowResult {
  ok: boolean;
  submitted: SubmitResult;
  compile: CompileOutcome | null;
  packaging: PackagingResult | null;
  distribution: WaveResult | null;
  /** Why the flow stopped before packaging, if it did. */
  stopped: string | null;
  /** The stable --json shape. */
  json: Record<string, unknown>;
}

/** Prebuilt artifact flags become the environment the iOS/Android lanes read. */
export function prebuiltEnv(
  flags: { 'ios-ipa'?: string; 'android-aab'?: string; 'android-apk'?: string },
  cwd: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  if (flags['ios-ipa']) env.AKC_IOS_IPA_PATH = resolve(cwd, flags['ios-ipa']);
  if (flags['android-aab']) env.AKC_ANDROID_AAB_PATH = resolve(cwd, flags['android-aab']);
  if (flags['android-apk']) env.AKC_ANDROID_APK_PATH = resolve(cwd, flags['android-apk']);
  return env;
}

/**
 * Submit, then (with --compile) compile and bind, then (with --compile or --package) package.
 * A blocked delivery stops before compile; a failed compile stops before packaging.
 */
export async function runSubmit(io: ControlPlaneIO, input: SubmitFlowInput): Promise<SubmitFlowResult> {
  const submitted = submitDelivery(io, input);
  input.onCreated?.(submitted.delivery_id);
  const base = {
    delivery_id: submitted.delivery_id,
    delivery_dir: submitted.delivery_dir,
    session_phase: submitted.session_phase,
    preflight_ok: submitted.preflight_ok,
    parsed: submitted.parsed,
    required_human_inputs_count: submitted.required_human_inputs_count,
  };
  if (!input.compile && !input.package)
    return {
      ok: true,
      submitted,
      compile: null,
      packaging: null,
      distribution: null,
      stopped: null,
      json: base,
    };
  const finish = (
    ok: boolean,
    compile: CompileOutcome | null,
    packaging: PackagingResult | null,
    stopped: string | null,
    distribution: WaveResult | null = null,
  ): SubmitFlowResult => {
    const phase = getStatus(io, input.projectDir, submitted.delivery_id).session.session_phase;
    const json = {
      ...base,
      session_phase: phase,
      delivery_version: submitted.parsed ? input.deliveryVersion?.trim() || '1.0.0' : null,
      compile_exit_code: compile?.exit_code ?? null,
      compile_run_id: compile?.run_id ?? null,
      compile_outputs_ref: compile?.compile_outputs_ref ?? null,
      packaging_ok: packaging?.ok ?? false,
      journey: packaging?.journey ?? null,
      packaging: packaging
        ? {
            mode: packaging.mode,
            preflight_issues: packaging.preflight_issues,
            provider_versions: packaging.provider_versions,
            per_platform: packaging.per_platform,
          }
        : null,
      distribution: distribution
        ? {
            lane: distribution.lane,
            execute: distribution.execute,
            ok: distribution.ok,
            jobs: distribution.jobs,
            operator_links: distribution.operator_links,
          }
        : null,
      stopped,
    };
    return { ok, submitted, compile, packaging, distribution, stopped, json };
  };
  if (submitted.session_phase === 'blocked')
    return finish(
      false,
      null,
      null,
      'the delivery is blocked by preflight; fix the listed issues and submit again',
    );
  let compile: CompileOutcome | null = null;
  if (input.compile) {
    compile = await compileDelivery(io, input.projectDir, submitted.delivery_id);
    if (!compile.ok) return finish(false, compile, null, `compile failed: ${compile.error ?? 'unknown'}`);
  }
  const packaging = await packageDelivery(io, input.projectDir, submitted.delivery_id, input.packagingMode);
  if (!packaging.ok) return finish(false, compile, packaging, null);
  if (packaging.journey !== 'executed_distribution') {
    return finish(true, compile, packaging, 'inspectable plan: plan-only packaging is never distributed');
  }
  // The automatic first wave: beta for beta and both (store waits for the gate), store for store.
  const lane = input.releaseMode === 'store' ? 'store' : 'beta';
  const wave = await distribute(io, input.projectDir, submitted.delivery_id, lane, {
    execute: input.execute,
    storeSubmit: input.storeSubmit,
  });
  // A dry-run first wave reports what would block the real one; it does not fail the submit.
  return finish(wave.ok || !input.execute, compile, packaging, null, wave);
}
