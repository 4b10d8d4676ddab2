import { randomUUID } from 'node:crypto';
import type { JsonValue } from './types';

/** What an injected fault does to a matching request. */
export type FaultKind = 'status' | 'drop' | 'delay';

/** A failure-injection rule. Matching requests are answered by the fault instead of the emulator. */
export interface FaultRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Regular expression (source text) tested against the request path (any when omitted). */
  path?: string;
  /** `status` answers with `status`; `drop` destroys the socket; `delay` waits then serves normally. @default 'status' */
  kind?: FaultKind;
  /** HTTP status for `status` faults. @default 503 */
  status?: number;
  /** Value of a `Retry-After` header (seconds or an HTTP date); omitted when not set. */
  retryAfter?: number | string;
  /** Wait this long before acting (any kind); a `delay` fault with no other effect is a slow response. */
  delayMs?: number;
  /** How many matching requests the rule affects; `'always'` never runs out. @default 1 */
  times?: number | 'always';
  /** Provider error code to put in the error document (e.g. `RATE_LIMIT_EXCEEDED`). */
  code?: string;
  /** Message / detail for the error document. */
  message?: string;
  /** Answer with an HTML page instead of a JSON error (Google's 502 pages do this). */
  html?: boolean;
  /** Replace the whole body with this JSON value. */
  body?: JsonValue;
}

/** A registered rule with its counters. */
export interface FaultRecord extends FaultRule {
  readonly id: string;
  /** Requests this rule has affected so far. */
  hits: number;
}

/** Holds fault rules for one emulator and counts how often each fired. */
export class FaultInjector {
  readonly #rules: FaultRecord[] = [];
  #injected = 0;

  /** Adds a rule; rules are tried in insertion order. */
  add(rule: FaultRule): FaultRecord {
    validateRule(rule);
    const record: FaultRecord = { ...rule, id: randomUUID(), hits: 0 };
    this.#rules.push(record);
    return record;
  }

  /** Returns (and consumes one use of) the first rule matching the request, if any. */
  take(method: string, path: string): FaultRecord | undefined {
    const rule = this.#rules.find((r) => isLive(r) && matches(r, method, path));
    if (!rule) return undefined;
    rule.hits += 1;
    this.#injected += 1;
    return rule;
  }

  /** All rules, including exhausted ones, with their hit counts. */
  list(): FaultRecord[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  /** Total number of requests affected by any rule since the last {@link clear}. */
  get injectedCount(): number {
    return this.#injected;
  }

  /** Removes every rule and resets the counters. */
  clear(): void {
    this.#rules.length = 0;
    this.#injected = 0;
  }
}

function isLive(rule: FaultRecord): boolean {
  const times = rule.times ?? 1;
  return times === 'always' || rule.hits < times;
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  return rule.path === undefined || new RegExp(rule.path).test(path);
}

function validateRule(rule: FaultRule): void {
  if (rule.kind !== undefined && !['status', 'drop', 'delay'].includes(rule.kind)) {
    throw new TypeError(`Unknown fault kind: ${String(rule.kind)}`);
  }
  if (rule.status !== undefined && (rule.status < 100 || rule.status > 599)) {
    throw new TypeError(`Invalid fault status: ${rule.status}`);
  }
  if (rule.path !== undefined) new RegExp(rule.path);
  if (typeof rule.times === 'number' && rule.times < 1) throw new TypeError('times must be >= 1 or "always"');
}
