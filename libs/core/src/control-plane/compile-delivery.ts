import { akcError, isAkcError, type AkcError } from '../errors/akc-error';
import { EVENT } from '../events/event-types';
import {
  compileFailure,
  handoffFailure,
  loadCompileHandoff,
  noCompileCommandError,
  resolveCompileCommand,
  runCompile,
  slimHandoff,
  type CompileOutputsRef,
} from '../compile';
import type { DeliveryStore } from '../store/delivery-store';
import { emitAudit, openDelivery, type ControlPlaneIO } from './io';

export interface CompileOutcome {
  ok: boolean;
  exit_code: number | null;
  run_id: string | null;
  command_source: string | null;
  duration_ms: number;
  compile_outputs_ref: CompileOutputsRef | null;
  error: string | null;
  error_code: string | null;
}

/**
 * `akc deliver --compile`, first half: run the compile command as a child process from the
 * project dir (its output goes to `io.progress`, never stdout), find the run id, load and bind
 * the handoff on request and session. Every failure is recorded (failed compile stage, phase
 * `failed`, `delivery.failed`) and returned, never thrown; a blocked delivery is a real stop.
 */
export async function compileDelivery(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  signal?: AbortSignal,
): Promise<CompileOutcome> {
  const store = openDelivery(io, projectDir, deliveryId);
  const goal = beginCompile(store);
  const started = io.now();
  const command = resolveCompileCommand({ projectDir, env: io.env });
  let exitCode: number | null = null;
  let runId: string | null = null;
  try {
    if (!command) throw noCompileCommandError();
    const result = await runCompile({
      argv: command.argv,
      projectDir,
      goal,
      env: io.env,
      onOutput: (line) => io.progress?.(`[compile] ${line}`),
      ...(signal ? { signal } : {}),
    });
    exitCode = result.exitCode;
    runId = result.runId;
    const failed = compileFailure(result, command.argv);
    if (failed) throw failed;
    const handoff = loadCompileHandoff(projectDir, runId);
    const bad = handoffFailure(handoff);
    if (bad) throw bad;
    const slim = slimHandoff(handoff);
    recordCompiled(store, {
      exitCode,
      runId,
      slim,
      source: command.source,
      durationMs: io.now() - started,
      derived: handoff.derived_intent_ref,
    });
    emitAudit(io, 'delivery.compile.outputs_bound', {
      delivery_id: deliveryId,
      compile_run_id: runId,
      delivery_plan_loaded: slim.delivery_plan_loaded,
      manifest_present: slim.manifest_present,
    });
    return {
      ok: true,
      exit_code: exitCode,
      run_id: runId,
      command_source: command.source,
      duration_ms: io.now() - started,
      compile_outputs_ref: slim,
      error: null,
      error_code: null,
    };
  } catch (e) {
    const err: AkcError = isAkcError(e) ? e : akcError('ECOMPILE', { reason: (e as Error).message });
    recordCompileFailed(store, { exitCode, runId, error: err });
    return {
      ok: false,
      exit_code: exitCode,
      run_id: runId,
      command_source: command?.source ?? null,
      duration_ms: io.now() - started,
      compile_outputs_ref: null,
      error: err.message,
      error_code: err.code,
    };
  }
}

function beginCompile(store: DeliveryStore): string {
  return store.transact((tx) => {
    const session = tx.get('session');
    if (session.session_phase === 'blocked')
      throw akcError('EBLOCKED', { reason: session.blocked_reason ?? 'preflight issues' });
    if (
      session.pipeline.compile.status === 'completed' ||
      session.pipeline.compile.status === 'in_progress'
    ) {
      throw akcError('ECOMPILE', {
        reason: `compile already ${session.pipeline.compile.status.replace('_', ' ')} for this delivery`,
      });
    }
    session.pipeline.compile = {
      status: 'in_progress',
      started_at_unix_ms: tx.now(),
      completed_at_unix_ms: null,
      error: null,
      run_id: null,
    };
    session.session_phase = 'compiling';
    tx.put('session', session);
    const request = tx.get('request');
    return request.parsed.app_goal || request.request_text;
  });
}

function recordCompiled(
  store: DeliveryStore,
  r: {
    exitCode: number;
    runId: string | null;
    slim: CompileOutputsRef;
    source: string;
    durationMs: number;
    derived: {
      intent_id: string;
      stable_intent_sha256: string;
      semantic_fingerprint: string;
      goal_text_fingerprint: string;
    } | null;
  },
): void {
  store.transact((tx) => {
    const session = tx.get('session');
    const request = tx.get('request');
    const ref = r.slim as unknown as Record<string, unknown>;
    session.pipeline.compile = {
      ...session.pipeline.compile,
      status: 'completed',
      completed_at_unix_ms: tx.now(),
      error: null,
      run_id: r.runId,
      outputs: { command_source: r.source, duration_ms: r.durationMs },
    };
    session.compile_run_id = r.runId;
    session.compile_outputs_ref = ref;
    session.session_phase = 'building';
    request.compile_outputs_ref = ref;
    if (r.derived) request.derived_intent_ref = { ...r.derived };
    tx.put('request', request);
    tx.put('session', session);
    tx.appendEvent(EVENT.compileCompleted, { exit_code: r.exitCode, run_id: r.runId, phase: 'compile' });
    tx.appendEvent(EVENT.compileOutputsBound, {
      compile_run_id: r.runId,
      manifest_present: r.slim.manifest_present,
      delivery_plan_loaded: r.slim.delivery_plan_loaded,
      delivery_plan_ref: r.slim.delivery_plan_ref,
    });
  });
}

function recordCompileFailed(
  store: DeliveryStore,
  r: { exitCode: number | null; runId: string | null; error: AkcError },
): void {
  store.transact((tx) => {
    const session = tx.get('session');
    session.pipeline.compile = {
      ...session.pipeline.compile,
      status: 'failed',
      completed_at_unix_ms: tx.now(),
      error: r.error.message,
      run_id: r.runId,
    };
    session.compile_run_id = r.runId;
    session.session_phase = 'failed';
    tx.put('session', session);
    tx.appendEvent(EVENT.failed, {
      phase: 'compile',
      exit_code: r.exitCode,
      run_id: r.runId,
      error: r.error.message,
      code: r.error.code,
    });
  });
}
