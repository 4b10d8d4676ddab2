import type { FaultKind } from './faults';

/** One request as the emulator saw it. */
export interface RequestLogEntry {
  /** 1-based sequence number within this emulator. */
  seq: number;
  /** Epoch milliseconds when the request arrived. */
  time: number;
  method: string;
  path: string;
  /** The raw query string without `?`. */
  query: string;
  /** Request headers; the Authorization value is replaced by `Bearer <redacted>`. */
  headers: Record<string, string>;
  /** Status sent back; 0 when the connection was dropped. */
  status: number;
  /** The route pattern that served it, when one matched. */
  route?: string;
  /** Set when an injected fault answered this request. */
  fault?: FaultKind;
}

/** An append-only log of the requests an emulator received (control routes excluded). */
export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];

  /** Appends an entry and returns it so the caller can fill in the outcome. */
  append(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full: RequestLogEntry = { ...entry, seq: this.#entries.length + 1 };
    this.#entries.push(full);
    return full;
  }

  /** A copy of all entries, oldest first. */
  list(): RequestLogEntry[] {
    return this.#entries.map((e) => ({ ...e }));
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.length = 0;
  }
}

/** Copies request headers into a flat record with the credential redacted. */
export function redactHeaders(headers: NodeJS.Dict<string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' ? text.replace(/^(\S+)\s.*$/, '$1 <redacted>') : text;
  }
  return out;
}
