import { randomUUID } from 'node:crypto';
import type { JsonValue } from '../http/types';
import { ascError } from './documents-errors';
import { findSchema } from './schema';

/** A JSON:API resource identifier. */
export interface AscRef {
  type: string;
  id: string;
}

/** A stored resource. Relationships hold only the stored side; inverse ones are computed. */
export interface AscRecord {
  readonly type: string;
  readonly id: string;
  attributes: Record<string, JsonValue>;
  relationships: Record<string, AscRef | AscRef[] | null>;
  /** Emulator bookkeeping: creation time, read count, and free-form private fields. */
  meta: { createdAt: number; polls: number; data: Record<string, JsonValue> };
}

/** In-memory storage of every ASC resource, keyed by type then id. */
export class AscStore {
  readonly #types = new Map<string, Map<string, AscRecord>>();
  #nextAppId = 1_600_000_001;

  /** Creates a record; apps get numeric ids, everything else a UUID. */
  create(
    type: string,
    attributes: Record<string, JsonValue>,
    relationships: Record<string, AscRef | AscRef[] | null> = {},
    id?: string,
  ): AscRecord {
    const recordId = id ?? (type === 'apps' ? String(this.#nextAppId++) : randomUUID());
    const record: AscRecord = {
      type,
      id: recordId,
      attributes,
      relationships,
      meta: { createdAt: Date.now(), polls: 0, data: {} },
    };
    this.#bucket(type).set(recordId, record);
    return record;
  }

  /** The record or undefined. */
  find(type: string, id: string): AscRecord | undefined {
    return this.#types.get(type)?.get(id);
  }

  /** The record, or a 404 `NOT_FOUND` error document. */
  get(type: string, id: string): AscRecord {
    const record = this.find(type, id);
    if (!record) {
      throw ascError(
        404,
        'NOT_FOUND',
        'The specified resource does not exist',
        `There is no resource of type '${type}' with id '${id}'`,
      );
    }
    return record;
  }

  /** Every record of a type, oldest first. */
  all(type: string): AscRecord[] {
    return [...(this.#types.get(type)?.values() ?? [])];
  }

  /** Removes a record (no cascading). */
  remove(type: string, id: string): void {
    this.#types.get(type)?.delete(id);
  }

  /** Ids a relationship points at, whether stored on this record or computed from the other side. */
  relatedIds(record: AscRecord, name: string): string[] {
    const stored = record.relationships[name];
    if (stored !== undefined) return refsOf(stored).map((r) => r.id);
    const inverse = findSchema(record.type)?.inverse[name];
    if (!inverse) return [];
    return this.all(inverse.type)
      .filter((other) => refsOf(other.relationships[inverse.via] ?? null).some((r) => r.id === record.id))
      .map((other) => other.id);
  }

  /** Adds a reference to a stored to-many relationship; returns false when it was already there. */
  addToMany(record: AscRecord, name: string, ref: AscRef): boolean {
    const list = refsOf(record.relationships[name] ?? null);
    if (list.some((r) => r.id === ref.id)) return false;
    record.relationships[name] = [...list, ref];
    return true;
  }

  /** Removes a reference from a stored to-many relationship. */
  removeFromMany(record: AscRecord, name: string, id: string): void {
    record.relationships[name] = refsOf(record.relationships[name] ?? null).filter((r) => r.id !== id);
  }

  #bucket(type: string): Map<string, AscRecord> {
    let bucket = this.#types.get(type);
    if (!bucket) {
      bucket = new Map();
      this.#types.set(type, bucket);
    }
    return bucket;
  }
}

/** Normalises a relationship value to an array of refs. */
export function refsOf(value: AscRef | AscRef[] | null | undefined): AscRef[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

/** The single id of a to-one relationship, or undefined. */
export function toOneId(record: AscRecord, name: string): string | undefined {
  const value = record.relationships[name];
  return value && !Array.isArray(value) ? value.id : undefined;
}
