import { googleError } from '../google/errors';
import type { Route } from '../http/router';
import { isJsonObject, type JsonObject, type RequestContext } from '../http/types';
import type { FirebaseState, FirebaseTester } from './state';

const PROJECT = '/v1/projects/{project}';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ALIAS = /^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$/;

/** testers.batchAdd/batchRemove/list and groups create/get/list/patch/delete/batchJoin/batchLeave. */
export function createTesterRoutes(state: FirebaseState): Route[] {
  const project = (ctx: RequestContext) => ctx.params['project'] ?? '';
  const group = (ctx: RequestContext) => {
    const found = state.projectGroups(project(ctx)).get(ctx.params['alias'] ?? '');
    if (!found) throw googleError(404, 'Requested entity was not found.');
    return found;
  };
  const groupJson = (ctx: RequestContext, g: { alias: string; displayName: string }): JsonObject => ({
    name: `projects/${project(ctx)}/groups/${g.alias}`,
    displayName: g.displayName,
    testerCount: [...state.projectTesters(project(ctx)).values()].filter((t) => t.groups.has(g.alias)).length,
    releaseCount: [...state.releases.values()].filter((r) => r.groups.has(g.alias)).length,
    inviteLinkCount: 0,
  });
  return [
    {
      method: 'POST',
      pattern: `${PROJECT}/testers:batchAdd`,
      handler: async (ctx) => {
        const emails = await readEmails(ctx);
        return {
          status: 200,
          body: {
            testers: state.ensureTesters(project(ctx), emails).map((t) => testerJson(project(ctx), t)),
          },
        };
      },
    },
    {
      method: 'POST',
      pattern: `${PROJECT}/testers:batchRemove`,
      handler: async (ctx) => {
        const testers = state.projectTesters(project(ctx));
        const removed = (await readEmails(ctx)).filter((e) => testers.delete(e.toLowerCase()));
        return { status: 200, body: { emails: removed } };
      },
    },
    {
      method: 'GET',
      pattern: `${PROJECT}/testers`,
      handler: (ctx) => {
        const all = [...state.projectTesters(project(ctx)).values()].map((t) => testerJson(project(ctx), t));
        return { status: 200, body: page(ctx, all, 'testers', 10, 1000) };
      },
    },
    {
      method: 'POST',
      pattern: `${PROJECT}/groups`,
      handler: async (ctx) => {
        const alias = ctx.query.get('groupId') ?? '';
        if (!ALIAS.test(alias))
          throw googleError(
            400,
            'groupId must be 4-63 characters of lower-case letters, digits and hyphens.',
          );
        const groups = state.projectGroups(project(ctx));
        if (groups.has(alias))
          throw googleError(409, `Group ${alias} already exists.`, { rpcStatus: 'ALREADY_EXISTS' });
        const body = await ctx.json();
        const displayName =
          isJsonObject(body) && typeof body['displayName'] === 'string' ? body['displayName'] : '';
        if (!displayName) throw googleError(400, 'displayName is required.');
        const created = { alias, displayName };
        groups.set(alias, created);
        return { status: 200, body: groupJson(ctx, created) };
      },
    },
    {
      method: 'GET',
      pattern: `${PROJECT}/groups`,
      handler: (ctx) => ({
        status: 200,
        body: page(
          ctx,
          [...state.projectGroups(project(ctx)).values()].map((g) => groupJson(ctx, g)),
          'groups',
          25,
          1000,
        ),
      }),
    },
    {
      method: 'GET',
      pattern: `${PROJECT}/groups/{alias}`,
      handler: (ctx) => ({ status: 200, body: groupJson(ctx, group(ctx)) }),
    },
    {
      method: 'PATCH',
      pattern: `${PROJECT}/groups/{alias}`,
      handler: async (ctx) => {
        const g = group(ctx);
        const body = await ctx.json();
        if (!isJsonObject(body) || typeof body['displayName'] !== 'string')
          throw googleError(400, 'displayName is required.');
        g.displayName = body['displayName'];
        return { status: 200, body: groupJson(ctx, g) };
      },
    },
    {
      method: 'DELETE',
      pattern: `${PROJECT}/groups/{alias}`,
      handler: (ctx) => {
        const g = group(ctx);
        state.projectGroups(project(ctx)).delete(g.alias);
        for (const t of state.projectTesters(project(ctx)).values()) t.groups.delete(g.alias);
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      pattern: `${PROJECT}/groups/{alias}:batchJoin`,
      handler: async (ctx) => {
        const g = group(ctx);
        const body = await ctx.json();
        const emails = await readEmails(ctx);
        const testers = state.projectTesters(project(ctx));
        const createMissing = isJsonObject(body) && body['createMissingTesters'] === true;
        const missing = emails.filter((e) => !testers.has(e.toLowerCase()));
        if (missing.length > 0 && !createMissing)
          throw googleError(404, `Testers not found: ${missing.join(', ')}.`);
        state.ensureTesters(project(ctx), emails).forEach((t) => t.groups.add(g.alias));
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      pattern: `${PROJECT}/groups/{alias}:batchLeave`,
      handler: async (ctx) => {
        const g = group(ctx);
        const testers = state.projectTesters(project(ctx));
        for (const email of await readEmails(ctx)) testers.get(email.toLowerCase())?.groups.delete(g.alias);
        return { status: 200, body: {} };
      },
    },
  ];
}

async function readEmails(ctx: RequestContext): Promise<string[]> {
  const body = await ctx.json();
  const emails = isJsonObject(body) ? body['emails'] : undefined;
  if (!Array.isArray(emails) || emails.length === 0 || emails.length > 999)
    throw googleError(400, 'emails must list 1 to 999 addresses.');
  const bad = emails.find((e) => typeof e !== 'string' || !EMAIL.test(e));
  if (bad !== undefined) throw googleError(400, `Invalid e-mail: ${String(bad)}.`);
  return emails.map(String);
}

function testerJson(project: string, t: FirebaseTester): JsonObject {
  return {
    name: `projects/${project}/testers/${t.email}`,
    displayName: t.displayName,
    groups: [...t.groups].map((g) => `projects/${project}/groups/${g}`),
    lastActivityTime: t.lastActivityTime,
  };
}

function page(
  ctx: RequestContext,
  items: JsonObject[],
  key: string,
  defaultSize: number,
  maxSize: number,
): JsonObject {
  const size = Number(ctx.query.get('pageSize') ?? defaultSize);
  if (!Number.isInteger(size) || size < 1 || size > maxSize)
    throw googleError(400, `pageSize must be between 1 and ${maxSize}.`);
  const token = ctx.query.get('pageToken');
  const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw googleError(400, 'Invalid page token.');
  const body: JsonObject = { [key]: items.slice(offset, offset + size) };
  if (offset + size < items.length)
    body['nextPageToken'] = Buffer.from(String(offset + size)).toString('base64url');
  return body;
}
