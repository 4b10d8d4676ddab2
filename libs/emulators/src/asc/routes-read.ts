import type { Route } from '../http/router';
import { ascError } from './documents-errors';
import { collectionDocument, linkage, requireFilters, singleDocument } from './documents';
import { findSchema, relationshipTarget } from './schema';
import type { AscState } from './state';

/** Generic GET routes: collections, single resources, related resources and relationship linkage. */
export function createReadRoutes(state: AscState): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/v1/{type}',
      handler: (ctx) => {
        const type = ctx.params['type'] ?? '';
        if (!findSchema(type)?.listable) throw notFound(ctx.path);
        requireFilters(ctx, type);
        return collectionDocument({ ctx, state }, type, state.store.all(type));
      },
    },
    {
      method: 'GET',
      pattern: '/v1/{type}/{id}',
      handler: (ctx) => {
        const type = ctx.params['type'] ?? '';
        if (!findSchema(type)) throw notFound(ctx.path);
        return singleDocument({ ctx, state }, state.store.get(type, ctx.params['id'] ?? ''));
      },
    },
    {
      method: 'GET',
      pattern: '/v1/{type}/{id}/{rel}',
      handler: (ctx) => {
        const { type = '', id = '', rel = '' } = ctx.params;
        const target = relationshipTarget(type, rel);
        if (!target) throw notFound(ctx.path);
        const record = state.store.get(type, id);
        const related = state.store
          .relatedIds(record, rel)
          .map((rid) => state.store.find(target.type, rid))
          .filter((r) => r !== undefined);
        if (target.many) return collectionDocument({ ctx, state }, target.type, related);
        const first = related[0];
        if (!first) return { status: 200, body: { data: null, links: { self: `${ctx.origin}${ctx.path}` } } };
        return singleDocument({ ctx, state }, first);
      },
    },
    {
      method: 'GET',
      pattern: '/v1/{type}/{id}/relationships/{rel}',
      handler: (ctx) => {
        const { type = '', id = '', rel = '' } = ctx.params;
        if (!relationshipTarget(type, rel)) throw notFound(ctx.path);
        const record = state.store.get(type, id);
        return {
          status: 200,
          body: { data: linkage(state, record, rel), links: { self: `${ctx.origin}${ctx.path}` } },
        };
      },
    },
  ];
}

function notFound(path: string): ReturnType<typeof ascError> {
  return ascError(
    404,
    'NOT_FOUND',
    'The specified resource does not exist',
    `The path provided does not match a defined resource type: ${path}`,
  );
}
