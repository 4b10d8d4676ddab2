import {
  buildLaneRegistry,
  isTruthyEnv,
  readLaneConfig,
  refreshProviderState,
  runWave,
  type ControlPlaneIO,
  type Lane,
  type RefreshResult,
  type WaveResult,
} from '@akc/core';
import { BUILTIN_LANES } from './builtin-lanes';
import { withAbortOnSignal } from './abort-on-signal';

export interface WaveFlags {
  execute: boolean;
  storeSubmit: 'auto' | 'manual';
  resendTo?: string;
}

/** Provider calls happen only when asked: --execute or AKC_DELIVERY_EXECUTE_PROVIDERS=1. */
export function executionEnabled(flag: boolean | undefined, env: ControlPlaneIO['env']): boolean {
  return flag === true || isTruthyEnv(env.AKC_DELIVERY_EXECUTE_PROVIDERS);
}

/** Compose the registry (built-ins plus the project's lanes) and run one wave. */
export async function distribute(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  lane: Lane,
  flags: WaveFlags,
): Promise<WaveResult> {
  const laneConfig = readLaneConfig(projectDir);
  const ids = ['web', 'ios', 'android'].map((p) => `${p}:${lane}`);
  const registry = await buildLaneRegistry({ projectDir, builtins: BUILTIN_LANES, config: laneConfig, ids });
  return withAbortOnSignal((signal) =>
    runWave(io, projectDir, deliveryId, {
      lane,
      registry,
      laneConfig,
      execute: flags.execute,
      storeSubmit: flags.storeSubmit,
      signal,
      ...(flags.resendTo ? { resendTo: flags.resendTo } : {}),
    }),
  );
}

/** `status --refresh`: poll every dispatched lane's provider. */
export async function refresh(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
): Promise<RefreshResult> {
  const laneConfig = readLaneConfig(projectDir);
  const registry = await buildLaneRegistry({ projectDir, builtins: BUILTIN_LANES, config: laneConfig });
  return withAbortOnSignal((signal) =>
    refreshProviderState(io, projectDir, deliveryId, { registry, laneConfig, signal }),
  );
}

export function formatWave(w: WaveResult): string {
  const lines = [
    `${w.lane} wave${w.execute ? '' : ' (dry run: no provider was called; pass --execute to distribute)'}: ${w.ok ? 'ok' : 'NOT ok'} (phase ${w.session_phase})`,
  ];
  for (const j of Object.values(w.jobs)) {
    if (j.status === 'skipped') continue;
    const states = Object.values(j.recipients).reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }),
      {},
    );
    const per = Object.entries(states)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `  ${j.job}: ${j.status}${per ? ` (${per})` : ''}${j.submitted ? ', submitted for review' : ''}${j.error ? `: ${j.error}` : ''}`,
    );
    for (const c of j.planned_calls ?? []) lines.push(`    would ${c.method} ${c.endpoint}: ${c.purpose}`);
    for (const p of j.problems ?? []) lines.push(`    - ${p.reason}\n      fix: ${p.fix}`);
  }
  if (w.operator_links.length > 0) {
    lines.push('  invite links to send yourself (no email transport configured; shown once, never stored):');
    for (const l of w.operator_links) lines.push(`    ${l.email}  ${l.url}`);
  }
  return lines.join('\n');
}
