import { googleError } from '../google/errors';
import type { Route } from '../http/router';
import type { HttpResult, JsonValue, RequestContext } from '../http/types';
import { editJson, type PlayState } from './state';
import { readTrackBody, resolveTrack, trackJson } from './tracks';

const BASE = '/androidpublisher/v3/applications/{pkg}/edits';
const COMMIT_BEHAVIOURS = [
  'CHANGES_IN_REVIEW_BEHAVIOR_TYPE_UNSPECIFIED',
  'CANCEL_IN_REVIEW_AND_SUBMIT',
  'ERROR_IF_IN_REVIEW',
];

/** Edits lifecycle, artifact listings, tracks and testers. */
export function createEditRoutes(state: PlayState): Route[] {
  const edit = (ctx: RequestContext) =>
    state.getOpenEdit(ctx.params['pkg'] ?? '', ctx.params['editId'] ?? '');
  return [
    {
      method: 'POST',
      pattern: BASE,
      handler: (ctx) => ({
        status: 200,
        body: editJson(state.openEdit(state.getApp(ctx.params['pkg'] ?? ''))),
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/{editId}`,
      handler: (ctx) => ({ status: 200, body: editJson(edit(ctx)) }),
    },
    {
      method: 'DELETE',
      pattern: `${BASE}/{editId}`,
      handler: (ctx) => {
        edit(ctx).state = 'deleted';
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: `${BASE}/{editId}:validate`,
      handler: (ctx) => ({ status: 200, body: editJson(edit(ctx)) }),
    },
    { method: 'POST', pattern: `${BASE}/{editId}:commit`, handler: (ctx) => commit(ctx, state) },
    {
      method: 'GET',
      pattern: `${BASE}/{editId}/bundles`,
      handler: (ctx) => ({
        status: 200,
        body: {
          kind: 'androidpublisher#bundlesListResponse',
          bundles: edit(ctx)
            .content.artifacts.filter((a) => a.kind === 'bundle')
            .map((a) => ({ versionCode: a.versionCode, sha1: a.sha1, sha256: a.sha256 })),
        },
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/{editId}/apks`,
      handler: (ctx) => ({
        status: 200,
        body: {
          kind: 'androidpublisher#apksListResponse',
          apks: edit(ctx)
            .content.artifacts.filter((a) => a.kind === 'apk')
            .map((a) => ({ versionCode: a.versionCode, binary: { sha1: a.sha1, sha256: a.sha256 } })),
        },
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/{editId}/tracks`,
      handler: (ctx) => ({
        status: 200,
        body: {
          kind: 'androidpublisher#tracksListResponse',
          tracks: [...edit(ctx).content.tracks].map(([name, releases]) => trackJson(name, releases)),
        },
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE}/{editId}/tracks/{track}`,
      handler: (ctx) => {
        const e = edit(ctx);
        const name = resolveTrack(e, ctx.params['track'] ?? '');
        return { status: 200, body: trackJson(name, e.content.tracks.get(name) ?? []) };
      },
    },
    { method: 'PUT', pattern: `${BASE}/{editId}/tracks/{track}`, handler: (ctx) => writeTrack(ctx, state) },
    { method: 'PATCH', pattern: `${BASE}/{editId}/tracks/{track}`, handler: (ctx) => writeTrack(ctx, state) },
    {
      method: 'GET',
      pattern: `${BASE}/{editId}/testers/{track}`,
      handler: (ctx) =>
        testersJson(edit(ctx).content.testers.get(resolveTrack(edit(ctx), ctx.params['track'] ?? ''))),
    },
    {
      method: 'PUT',
      pattern: `${BASE}/{editId}/testers/{track}`,
      handler: (ctx) => writeTesters(ctx, state),
    },
    {
      method: 'PATCH',
      pattern: `${BASE}/{editId}/testers/{track}`,
      handler: (ctx) => writeTesters(ctx, state),
    },
  ];
}

function commit(ctx: RequestContext, state: PlayState) {
  const app = state.getApp(ctx.params['pkg'] ?? '');
  const edit = state.getOpenEdit(app.packageName, ctx.params['editId'] ?? '');
  const notForReview = ctx.query.get('changesNotSentForReview');
  const behaviour = ctx.query.get('changesInReviewBehavior') ?? 'CHANGES_IN_REVIEW_BEHAVIOR_TYPE_UNSPECIFIED';
  if (!COMMIT_BEHAVIOURS.includes(behaviour))
    throw googleError(400, `Invalid value at 'changes_in_review_behavior' (${behaviour})`, {
      reason: 'invalidValue',
    });
  if (app.reviewMode === 'manual' && notForReview !== 'true') {
    throw googleError(
      400,
      'Changes cannot be sent for review automatically. Please set the query parameter changesNotSentForReview to true. Once committed, the changes in this edit can be sent for review from the Google Play Console UI.',
    );
  }
  if (app.reviewMode === 'automatic' && notForReview === 'true') {
    throw googleError(
      400,
      'Changes are sent for review automatically. The query parameter changesNotSentForReview must not be set.',
    );
  }
  if (behaviour === 'ERROR_IF_IN_REVIEW' && app.inReview) {
    throw googleError(
      400,
      'There are changes currently in review; the edit was not committed because changesInReviewBehavior is ERROR_IF_IN_REVIEW.',
      { rpcStatus: 'FAILED_PRECONDITION' },
    );
  }
  state.commitEdit(app, edit);
  if (app.reviewMode === 'automatic') app.inReview = true;
  return { status: 200, body: editJson(edit) };
}

async function writeTrack(ctx: RequestContext, state: PlayState) {
  const app = state.getApp(ctx.params['pkg'] ?? '');
  const edit = state.getOpenEdit(app.packageName, ctx.params['editId'] ?? '');
  const name = resolveTrack(edit, ctx.params['track'] ?? '');
  const releases = readTrackBody(await ctx.json(), name, edit, app);
  edit.content.tracks.set(name, releases);
  return { status: 200, body: trackJson(name, releases) };
}

async function writeTesters(ctx: RequestContext, state: PlayState) {
  const edit = state.getOpenEdit(ctx.params['pkg'] ?? '', ctx.params['editId'] ?? '');
  const name = resolveTrack(edit, ctx.params['track'] ?? '');
  const body = await ctx.json();
  const groups: JsonValue | undefined =
    typeof body === 'object' && body !== null
      ? (body as Record<string, JsonValue>)['googleGroups']
      : undefined;
  if (
    groups !== undefined &&
    (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string' || !g.includes('@')))
  ) {
    throw googleError(400, 'googleGroups must be a list of group e-mail addresses.', {
      reason: 'invalidValue',
    });
  }
  const list = (groups ?? []) as string[];
  edit.content.testers.set(name, list);
  return testersJson(list);
}

function testersJson(groups: string[] | undefined): HttpResult {
  return { status: 200, body: groups && groups.length > 0 ? { googleGroups: groups } : {} };
}
