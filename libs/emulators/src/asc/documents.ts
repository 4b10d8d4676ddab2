import type { HttpResult, JsonObject, JsonValue, RequestContext } from '../http/types';
import { ascError } from './documents-errors';
import { findSchema, relationshipTarget } from './schema';
import type { AscState } from './state';
import type { AscRecord } from './store';

/** Largest `limit` ASC accepts on top-level collections. */
export const MAX_PAGE_LIMIT = 200;
/** Page size when `limit` is absent. */
export const DEFAULT_PAGE_LIMIT = 50;

/** What a single-resource or collection renderer needs. */
export interface DocumentContext {
  ctx: RequestContext;
  state: AscState;
}

/** Renders `{data, included?, links}` for one record (counts as a read of it). */
export function singleDocument({ ctx, state }: DocumentContext, record: AscRecord, status = 200): HttpResult {
  state.touch(record);
  const includes = parseIncludes(ctx, record.type);
  const body: JsonObject = {
    data: serializeRecord(state, record, ctx, includes),
    links: { self: `${ctx.origin}${ctx.path}` },
  };
  const included = collectIncluded(state, [record], includes, ctx);
  if (included.length > 0) body['included'] = included;
  return { status, body };
}

/** Renders a filtered, sorted, paged collection of `type` records with absolute `links.next`. */
export function collectionDocument(
  { ctx, state }: DocumentContext,
  type: string,
  records: AscRecord[],
): HttpResult {
  const includes = parseIncludes(ctx, type);
  const selected = sortRecords(ctx, type, filterRecords(ctx, state, type, records));
  const limit = parseLimit(ctx);
  const offset = parseCursor(ctx);
  const page = selected.slice(offset, offset + limit);
  page.forEach((r) => state.touch(r));
  const links: JsonObject = { self: ctx.url.href };
  const first = new URL(ctx.url.href);
  first.searchParams.delete('cursor');
  links['first'] = first.href;
  const hasMore = offset + limit < selected.length;
  const trailing = !hasMore && state.behaviour.emptyTrailingPage && page.length > 0;
  if (hasMore || trailing) links['next'] = withCursor(ctx.url, hasMore ? offset + limit : selected.length);
  const body: JsonObject = {
    data: page.map((r) => serializeRecord(state, r, ctx, includes)),
    links,
    meta: { paging: { total: selected.length, limit } },
  };
  const included = collectIncluded(state, page, includes, ctx);
  if (included.length > 0) body['included'] = included;
  return { status: 200, body };
}

/** Serialises a record as a JSON:API resource object; relationship `data` appears only for included ones. */
export function serializeRecord(
  state: AscState,
  record: AscRecord,
  ctx: RequestContext,
  included: readonly string[] = [],
): JsonObject {
  const schema = findSchema(record.type);
  const includes = new Set(included);
  const fields = ctx.query.get(`fields[${record.type}]`)?.split(',');
  const self = `${ctx.origin}/v1/${record.type}/${record.id}`;
  const attributes: JsonObject = {};
  for (const [k, v] of Object.entries(record.attributes))
    if (!fields || fields.includes(k)) attributes[k] = v;
  const relationships: JsonObject = {};
  const names = schema
    ? [...Object.keys(schema.toOne), ...Object.keys(schema.toMany), ...Object.keys(schema.inverse)]
    : [];
  for (const name of names) {
    if (fields && !fields.includes(name)) continue;
    const rel: JsonObject = { links: { self: `${self}/relationships/${name}`, related: `${self}/${name}` } };
    if (includes.has(name)) rel['data'] = linkage(state, record, name);
    relationships[name] = rel;
  }
  return { type: record.type, id: record.id, attributes, relationships, links: { self } };
}

/** Resource linkage (`{type,id}` or an array) of a relationship. */
export function linkage(state: AscState, record: AscRecord, name: string): JsonValue {
  const target = relationshipTarget(record.type, name);
  if (!target) return null;
  const refs = state.store.relatedIds(record, name).map((id) => ({ type: target.type, id }));
  return target.many ? refs : (refs[0] ?? null);
}

/** Validates `include` against the type's relationships (400 otherwise). */
export function parseIncludes(ctx: RequestContext, type: string): string[] {
  const raw = ctx.query.get('include');
  if (!raw) return [];
  const names = raw.split(',').filter(Boolean);
  for (const name of names) {
    if (!relationshipTarget(type, name)) {
      throw parameterError(
        'include',
        `The parameter 'include' can not contain '${name}' for resource '${type}'.`,
      );
    }
  }
  return names;
}

function collectIncluded(
  state: AscState,
  records: AscRecord[],
  includes: string[],
  ctx: RequestContext,
): JsonValue[] {
  const seen = new Set<string>();
  const out: JsonValue[] = [];
  for (const record of records) {
    for (const name of includes) {
      const target = relationshipTarget(record.type, name);
      if (!target) continue;
      for (const id of state.store.relatedIds(record, name)) {
        const related = state.store.find(target.type, id);
        if (!related || seen.has(`${target.type}/${id}`)) continue;
        seen.add(`${target.type}/${id}`);
        state.refreshBetaDetail(related);
        out.push(serializeRecord(state, related, ctx));
      }
    }
  }
  return out;
}

function filterRecords(
  ctx: RequestContext,
  state: AscState,
  type: string,
  records: AscRecord[],
): AscRecord[] {
  const schema = findSchema(type);
  const filters: [string, string[]][] = [];
  for (const [key, value] of ctx.query) {
    const name = /^filter\[(.+)\]$/.exec(key)?.[1];
    if (!name) continue;
    if (!schema?.filters[name])
      throw parameterError(key, `The parameter '${key}' can not be used with this request.`);
    filters.push([name, value.split(',')]);
  }
  return records.filter((record) =>
    filters.every(([name, wanted]) => {
      const values = valuesOf(state, record, name);
      const mode = schema?.filters[name];
      return values.some((v) => wanted.some((w) => matchesFilter(v, w, mode)));
    }),
  );
}

function matchesFilter(value: string, wanted: string, mode: string | undefined): boolean {
  if (mode === 'fuzzy') return value.toLowerCase().includes(wanted.toLowerCase());
  if (mode === 'caseless') return value.toLowerCase() === wanted.toLowerCase();
  return value === wanted;
}

/** Rejects a list request missing one of the type's required filters. */
export function requireFilters(ctx: RequestContext, type: string): void {
  for (const name of findSchema(type)?.requiredFilters ?? []) {
    if (!ctx.query.has(`filter[${name}]`)) {
      throw ascError(
        400,
        'PARAMETER_ERROR.REQUIRED',
        'A required parameter is missing',
        `The parameter 'filter[${name}]' is required.`,
        {
          source: { parameter: `filter[${name}]` },
        },
      );
    }
  }
}

function valuesOf(state: AscState, record: AscRecord, name: string): string[] {
  if (name === 'id') return [record.id];
  const [head = '', tail] = name.split('.', 2);
  const attr = record.attributes[head];
  if (tail !== undefined && attr && typeof attr === 'object' && !Array.isArray(attr))
    return [String(attr[tail])];
  const target = relationshipTarget(record.type, head);
  if (target) {
    const ids = state.store.relatedIds(record, head);
    if (tail === undefined) return ids;
    return ids
      .map((id) => state.store.find(target.type, id)?.attributes[tail])
      .filter((v) => v !== undefined)
      .map(String);
  }
  return attr === undefined ? [] : [String(attr)];
}

function sortRecords(ctx: RequestContext, type: string, records: AscRecord[]): AscRecord[] {
  const raw = ctx.query.get('sort');
  if (!raw) return records;
  const keys = raw.split(',').map((k) => ({ desc: k.startsWith('-'), name: k.replace(/^-/, '') }));
  for (const key of keys) {
    if (!findSchema(type)?.sorts.includes(key.name))
      throw parameterError('sort', `The parameter 'sort' can not be '${key.name}'.`);
  }
  return [...records].sort((a, b) => {
    for (const { desc, name } of keys) {
      const cmp = String(a.attributes[name] ?? '').localeCompare(String(b.attributes[name] ?? ''), 'en', {
        numeric: true,
      });
      if (cmp !== 0) return desc ? -cmp : cmp;
    }
    return 0;
  });
}

function parseLimit(ctx: RequestContext): number {
  const raw = ctx.query.get('limit');
  if (raw === null) return DEFAULT_PAGE_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw parameterError(
      'limit',
      `The parameter 'limit' must be an integer between 1 and ${MAX_PAGE_LIMIT}; got '${raw}'.`,
    );
  }
  return limit;
}

function parseCursor(ctx: RequestContext): number {
  const raw = ctx.query.get('cursor');
  if (raw === null) return 0;
  try {
    const offset: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof offset === 'object' && offset !== null && 'o' in offset && Number.isInteger(offset.o))
      return Number(offset.o);
  } catch {
    // handled below
  }
  throw parameterError('cursor', "The parameter 'cursor' is not a valid cursor.");
}

function withCursor(url: URL, offset: number): string {
  const next = new URL(url.href);
  next.searchParams.set('cursor', Buffer.from(JSON.stringify({ o: offset })).toString('base64url'));
  return next.href;
}

function parameterError(parameter: string, detail: string): ReturnType<typeof ascError> {
  return ascError(400, 'PARAMETER_ERROR.INVALID', 'A parameter has an invalid value', detail, {
    source: { parameter },
  });
}
