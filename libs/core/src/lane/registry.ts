import { akcError } from '../errors/akc-error';
import { LANE_API_VERSION, type LanePlugin } from './contract';

/** Where a registered lane came from, shown by `akc deliver lanes`. */
export interface LaneSource {
  /** `builtin` or the npm package name of a third-party lane. */
  readonly origin: string;
  /** Resolved file the lane was loaded from, when known. */
  readonly path?: string;
}

export interface RegisteredLane {
  readonly plugin: LanePlugin;
  readonly source: LaneSource;
  /** The built-in this lane replaced, if any. */
  readonly replaced?: LaneSource;
}

/** A lane (or package) that failed to load; only deliveries that need it fail. */
export interface LaneLoadProblem {
  readonly origin: string;
  /** The lane id the problem concerns, when it could be determined. */
  readonly laneId?: string;
  readonly reason: string;
}

const ID = /^(web|ios|android)(:(beta|store))?$/;
const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/**
 * Check that `value` is a lane plugin this core can run. Throws ELANE naming what is wrong.
 * Used for built-ins and third-party lanes alike.
 */
export function assertLaneShape(value: unknown, origin: string): asserts value is LanePlugin {
  const fail = (reason: string, hint?: string): never => {
    throw akcError('ELANE', { lane: origin, reason, ...(hint ? { hint } : {}) });
  };
  if (!value || typeof value !== 'object')
    fail('the module does not export a lane object (default or `lane` export)');
  const l = value as Record<string, unknown>;
  if (l.apiVersion !== LANE_API_VERSION) {
    fail(
      `declares apiVersion ${JSON.stringify(l.apiVersion)}; this akc supports apiVersion ${LANE_API_VERSION}`,
      `Upgrade or downgrade the lane package to one built for lane apiVersion ${LANE_API_VERSION}.`,
    );
  }
  if (typeof l.id !== 'string' || !ID.test(l.id))
    fail(`has an invalid id ${JSON.stringify(l.id)} (expected web|ios|android, or platform:beta|store)`);
  const id = l.id as string;
  const kind = id.includes(':') ? 'distribution' : 'build';
  if (l.kind !== kind) fail(`id ${id} must have kind '${kind}', got ${JSON.stringify(l.kind)}`);
  if (l.platform !== id.split(':')[0]) fail(`id ${id} does not match platform ${JSON.stringify(l.platform)}`);
  if (typeof l.version !== 'string' || !SEMVER.test(l.version))
    fail(`has no semver version (got ${JSON.stringify(l.version)})`);
  if (typeof l.description !== 'string' || l.description.trim() === '') fail('has no description');
  for (const step of ['parseOptions', 'preflight', 'package', 'dispatch', 'poll'] as const) {
    if (l[step] !== undefined && typeof l[step] !== 'function') fail(`its ${step} is not a function`);
  }
  if (kind === 'build' && typeof l.package !== 'function') fail('is a build lane without a package step');
}

/**
 * The typed lane registry: build lanes keyed by platform, distribution lanes by platform:lane.
 * Registration order decides precedence: a later third-party lane replaces a built-in with the
 * same id (recorded), two third-party lanes with one id is a load problem for that id.
 */
export class LaneRegistry {
  readonly #lanes = new Map<string, RegisteredLane>();
  readonly #problems: LaneLoadProblem[] = [];

  register(plugin: LanePlugin, source: LaneSource): void {
    assertLaneShape(plugin, source.origin);
    const existing = this.#lanes.get(plugin.id);
    if (existing && existing.source.origin !== 'builtin') {
      this.#problems.push({
        origin: source.origin,
        laneId: plugin.id,
        reason: `lane ${plugin.id} is already provided by ${existing.source.origin}`,
      });
      return;
    }
    this.#lanes.set(plugin.id, { plugin, source, ...(existing ? { replaced: existing.source } : {}) });
  }

  /**
   * Record a lane that failed to load. When the package declared which lane it provides, a
   * built-in with that id is withdrawn: the project asked for the replacement, so deliveries that
   * need this lane must fail clearly rather than silently use the built-in.
   */
  addProblem(problem: LaneLoadProblem): void {
    this.#problems.push(problem);
    if (problem.laneId && this.#lanes.get(problem.laneId)?.source.origin === 'builtin')
      this.#lanes.delete(problem.laneId);
  }

  /** The lane for `id`; ELANE when it is missing or failed to load (only callers that need it fail). */
  get(id: string): LanePlugin {
    const found = this.#lanes.get(id);
    if (found) return found.plugin;
    const problem =
      this.#problems.find((p) => p.laneId === id) ?? this.#problems.find((p) => p.laneId === undefined);
    throw akcError('ELANE', {
      lane: id,
      reason: problem
        ? `failed to load from ${problem.origin}: ${problem.reason}`
        : 'no lane is registered for this id',
    });
  }

  has(id: string): boolean {
    return this.#lanes.has(id);
  }

  list(): RegisteredLane[] {
    return [...this.#lanes.values()].sort((a, b) => a.plugin.id.localeCompare(b.plugin.id));
  }

  problems(): readonly LaneLoadProblem[] {
    return this.#problems;
  }
}
