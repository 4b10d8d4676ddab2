import type { LanePlugin, PreflightProblem } from './contract';
import type { LaneConfig } from './load-lanes';

/**
 * A lane's options from the project config (`lanes.<id>`), validated by the lane's own
 * `parseOptions` when it has one. Invalid options come back as preflight problems naming the
 * config key to fix, so packaging, waves and refresh report them the same way.
 */
export function resolveLaneOptions(
  lane: LanePlugin,
  config: LaneConfig,
  id: string,
): { ok: true; options: Record<string, unknown> } | { ok: false; problems: PreflightProblem[] } {
  const raw = config.options[id] ?? {};
  if (!lane.parseOptions)
    return { ok: true, options: (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown> };
  const parsed = lane.parseOptions(raw);
  if (parsed.ok) return { ok: true, options: parsed.value as Record<string, unknown> };
  const key = id.includes(':') ? `lanes["${id}"]` : `lanes.${id}`;
  const fix = `Fix ${key} in ${config.file ?? '.akc/config.json'}.`;
  return { ok: false, problems: parsed.errors.map((reason) => ({ id: 'options', reason, fix })) };
}
