import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { akcError } from '../errors/akc-error';
import type { LanePlugin } from './contract';
import { assertLaneShape, LaneRegistry, type LaneLoadProblem } from './registry';

/** A built-in lane: its id and a lazy loader, so `akc deliver status` never loads a lane. */
export interface BuiltinLane {
  readonly id: string;
  readonly load: () => LanePlugin | Promise<LanePlugin>;
}

/** The lane section of the project config (`.akc/config.json` `lanes`, or package.json `akc.lanes`). */
export interface LaneConfig {
  /** npm package names of third-party lanes, resolved from the project. */
  readonly plugins: readonly string[];
  /** Per-lane options, keyed by lane id. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The file the config came from, if any. */
  readonly file: string | null;
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/**
 * Read the lane config: `.akc/config.json` `{ "lanes": { "plugins": [...], "<lane id>": {...} } }`,
 * else the `akc.lanes` key of the project's package.json. Malformed config is an ELANE error.
 */
export function readLaneConfig(projectDir: string): LaneConfig {
  const candidates: Array<[string, (doc: Record<string, unknown>) => unknown]> = [
    [join(projectDir, '.akc', 'config.json'), (d) => d.lanes],
    [join(projectDir, 'package.json'), (d) => asObject(d.akc)?.lanes],
  ];
  for (const [file, pick] of candidates) {
    if (!existsSync(file)) continue;
    let doc: Record<string, unknown> | null;
    try {
      doc = asObject(JSON.parse(readFileSync(file, 'utf8')));
    } catch (e) {
      throw akcError('ELANE', {
        lane: 'config',
        reason: `${file} is not valid JSON: ${(e as Error).message}`,
      });
    }
    const lanes = pick(doc ?? {});
    if (lanes === undefined) continue;
    const obj = asObject(lanes);
    if (!obj) throw akcError('ELANE', { lane: 'config', reason: `"lanes" in ${file} must be an object` });
    const plugins = obj.plugins ?? [];
    if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string' && p.trim() !== '')) {
      throw akcError('ELANE', {
        lane: 'config',
        reason: `"lanes.plugins" in ${file} must be a list of package names`,
      });
    }
    const { plugins: _p, ...options } = obj;
    return { plugins: plugins as string[], options, file };
  }
  return { plugins: [], options: {}, file: null };
}

/** Load one third-party package from the project (not from akc's own install). */
async function loadPackage(projectDir: string, name: string): Promise<{ lanes: LanePlugin[]; path: string }> {
  const req = createRequire(join(projectDir, 'package.json'));
  let path: string;
  try {
    path = req.resolve(name);
  } catch {
    throw new Error(
      `cannot find package "${name}" from ${projectDir} (install it in the project: npm i -D ${name})`,
    );
  }
  const mod = req(path) as Record<string, unknown>;
  const exported = mod.lanes ?? mod.default ?? mod.lane;
  const lanes = Array.isArray(exported) ? exported : [exported];
  for (const l of lanes) assertLaneShape(l, name);
  return { lanes: lanes as LanePlugin[], path };
}

/**
 * Build the registry: built-ins first (loaded only when `ids` asks for them, or all for `lanes`),
 * then third-party packages from the config. A package that fails to load is recorded as a
 * problem and fails only the deliveries that need its lane.
 */
export async function buildLaneRegistry(opts: {
  projectDir: string;
  builtins: readonly BuiltinLane[];
  config?: LaneConfig;
  /** Only these lane ids are needed (default: all). */
  ids?: readonly string[];
}): Promise<LaneRegistry> {
  const registry = new LaneRegistry();
  const wanted = (id: string) => !opts.ids || opts.ids.includes(id);
  for (const b of opts.builtins) {
    if (!wanted(b.id)) continue;
    try {
      registry.register(await b.load(), { origin: 'builtin' });
    } catch (e) {
      registry.addProblem({ origin: 'builtin', laneId: b.id, reason: (e as Error).message });
    }
  }
  const config = opts.config ?? readLaneConfig(opts.projectDir);
  for (const name of config.plugins) {
    try {
      const { lanes, path } = await loadPackage(opts.projectDir, name);
      for (const l of lanes) registry.register(l, { origin: name, path });
    } catch (e) {
      const problem: LaneLoadProblem = { origin: name, reason: (e as Error).message };
      const guessed = guessLaneId(opts.projectDir, name);
      registry.addProblem(guessed ? { ...problem, laneId: guessed } : problem);
    }
  }
  return registry;
}

/** A broken package cannot tell us its lane id; its package.json may (`akc.lane`). */
function guessLaneId(projectDir: string, name: string): string | undefined {
  try {
    const req = createRequire(join(projectDir, 'package.json'));
    const pkg = req(`${name}/package.json`) as { akc?: { lane?: unknown } };
    return typeof pkg.akc?.lane === 'string' ? pkg.akc.lane : undefined;
  } catch {
    return undefined;
  }
}
