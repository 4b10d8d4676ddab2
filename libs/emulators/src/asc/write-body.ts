import { isJsonObject, type JsonValue, type RequestContext } from '../http/types';
import { ascError } from './documents-errors';
import type { AscState } from './state';
import type { AscRef } from './store';

/** Accepted shape of one attribute: a JSON kind or an enum of strings. */
export type AttrSpec = 'string' | 'boolean' | 'number' | 'object' | 'date' | readonly string[];

/** What a create (POST) or update (PATCH) body may contain. */
export interface BodySpec {
  type: string;
  attributes: Record<string, AttrSpec>;
  required?: string[];
  relationships?: Record<string, { type: string; many?: boolean }>;
  requiredRelationships?: string[];
  /** For PATCH: the id from the path, which `data.id` must repeat. */
  id?: string;
}

/** A validated write body. */
export interface WriteBody {
  attributes: Record<string, JsonValue>;
  relationships: Record<string, AscRef | AscRef[]>;
}

/** Reads and validates a JSON:API write body; related resources must exist. Errors are ASC 409/422 documents. */
export async function readWriteBody(
  ctx: RequestContext,
  state: AscState,
  spec: BodySpec,
): Promise<WriteBody> {
  const data = await readData(ctx);
  if (!isJsonObject(data)) throw unprocessable('The request body must contain a data object.');
  if (data['type'] !== spec.type) {
    throw entityError(
      'ENTITY_ERROR.INCORRECT_TYPE',
      `The provided entity has type '${String(data['type'])}' but '${spec.type}' is expected.`,
      '/data/type',
    );
  }
  if (spec.id !== undefined && data['id'] !== spec.id) {
    throw entityError(
      'ENTITY_ERROR.INCORRECT_ID',
      `The provided entity id '${String(data['id'])}' does not match the path id '${spec.id}'.`,
      '/data/id',
    );
  }
  const attributes = readAttributes(data['attributes'], spec);
  const relationships = readRelationships(data['relationships'], state, spec);
  return { attributes, relationships };
}

/** Reads `{data: [...]}` / `{data: {...}}` relationship bodies; every ref must have `type` and exist. */
export async function readLinkageBody(
  ctx: RequestContext,
  state: AscState,
  type: string,
  many: boolean,
): Promise<AscRef[]> {
  const data = await readData(ctx);
  const items = many ? data : [data];
  if (!Array.isArray(items) || (many && items.length === 0))
    throw unprocessable('The request body must contain a data array of resource identifiers.');
  return items.map((item, i) => readRef(item, state, type, many ? `/data/${i}` : '/data'));
}

async function readData(ctx: RequestContext): Promise<JsonValue | undefined> {
  let body: unknown;
  try {
    body = await ctx.json();
  } catch {
    throw unprocessable('The request body is not valid JSON.');
  }
  if (!isJsonObject(body)) throw unprocessable('The request body must be a JSON:API document.');
  return body['data'];
}

function readAttributes(raw: JsonValue | undefined, spec: BodySpec): Record<string, JsonValue> {
  const attributes = raw === undefined ? {} : raw;
  if (!isJsonObject(attributes)) throw unprocessable('data.attributes must be an object.');
  for (const [name, value] of Object.entries(attributes)) {
    const kind = spec.attributes[name];
    const pointer = `/data/attributes/${name}`;
    if (!kind)
      throw entityError(
        'ENTITY_ERROR.ATTRIBUTE.UNKNOWN',
        `The attribute '${name}' can not be included in this request.`,
        pointer,
      );
    if (value !== null && !fitsKind(value, kind)) {
      const expected = Array.isArray(kind) ? `one of ${kind.join(', ')}` : String(kind);
      throw entityError(
        Array.isArray(kind) ? 'ENTITY_ERROR.ATTRIBUTE.INVALID' : 'ENTITY_ERROR.ATTRIBUTE.TYPE',
        `'${String(value)}' is not valid for '${name}': expected ${expected}.`,
        pointer,
      );
    }
  }
  for (const name of spec.required ?? []) {
    if (attributes[name] === undefined || attributes[name] === null || attributes[name] === '') {
      throw entityError(
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        `You must provide a value for the attribute '${name}' with this request.`,
        `/data/attributes/${name}`,
      );
    }
  }
  return attributes;
}

function readRelationships(
  raw: JsonValue | undefined,
  state: AscState,
  spec: BodySpec,
): Record<string, AscRef | AscRef[]> {
  const input = raw === undefined ? {} : raw;
  if (!isJsonObject(input)) throw unprocessable('data.relationships must be an object.');
  const out: Record<string, AscRef | AscRef[]> = {};
  for (const [name, value] of Object.entries(input)) {
    const rel = spec.relationships?.[name];
    const pointer = `/data/relationships/${name}`;
    if (!rel)
      throw entityError(
        'ENTITY_ERROR.RELATIONSHIP.UNKNOWN',
        `The relationship '${name}' can not be included in this request.`,
        pointer,
      );
    const data = isJsonObject(value) ? value['data'] : undefined;
    if (rel.many) {
      if (!Array.isArray(data))
        throw entityError(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `The relationship '${name}' must be an array of resource identifiers.`,
          pointer,
        );
      out[name] = data.map((item, i) => readRef(item, state, rel.type, `${pointer}/data/${i}`));
    } else {
      out[name] = readRef(data, state, rel.type, `${pointer}/data`);
    }
  }
  for (const name of spec.requiredRelationships ?? []) {
    const value = out[name];
    if (!value || (Array.isArray(value) && value.length === 0)) {
      throw entityError(
        'ENTITY_ERROR.RELATIONSHIP.REQUIRED',
        `You must provide a value for the relationship '${name}' with this request.`,
        `/data/relationships/${name}`,
      );
    }
  }
  return out;
}

function readRef(item: JsonValue | undefined, state: AscState, type: string, pointer: string): AscRef {
  if (!isJsonObject(item) || typeof item['id'] !== 'string' || item['type'] !== type) {
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `Expected a resource identifier of type '${type}'.`,
      pointer,
    );
  }
  if (!state.store.find(type, item['id'])) {
    throw entityError(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `There is no resource of type '${type}' with id '${item['id']}'.`,
      pointer,
    );
  }
  return { type, id: item['id'] };
}

function fitsKind(value: JsonValue, kind: AttrSpec): boolean {
  if (Array.isArray(kind)) return typeof value === 'string' && kind.includes(value);
  if (kind === 'object') return isJsonObject(value);
  if (kind === 'date') return typeof value === 'string' && !Number.isNaN(Date.parse(value));
  return typeof value === kind;
}

/** 409 ENTITY_ERROR.* with a JSON pointer into the request body. */
export function entityError(code: string, detail: string, pointer: string): ReturnType<typeof ascError> {
  return ascError(409, code, 'The provided entity is invalid', detail, { source: { pointer } });
}

/** 409 STATE_ERROR: the request is valid but the resource is in the wrong state. */
export function stateError(detail: string, code = 'STATE_ERROR'): ReturnType<typeof ascError> {
  return ascError(
    409,
    code,
    'The request cannot be fulfilled because of the state of another resource.',
    detail,
  );
}

function unprocessable(detail: string): ReturnType<typeof ascError> {
  return ascError(422, 'ENTITY_UNPROCESSABLE', 'The request entity is not processable', detail);
}
