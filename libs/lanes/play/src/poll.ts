/** `poll` of the android:store lane: read our release's state from the track (read-only edit). */
import type { PollContext, PollResult } from '@akc/core';
import type { PlayApi, TrackRelease } from './client';
import { connectPlay } from './connect';
import { resolveJob } from './job';
import { KEY, type TrackUpdatedEntry } from './ledger-keys';
import { mapPlayError } from './map-error';

/**
 * Opens a throw-away edit, reads the track, deletes the edit (nothing is committed). `live` when our
 * versionCode is `completed`, or `inProgress` (detail: the rollout fraction); `processing` for a
 * draft or halted release; `unknown` when the track no longer holds it. Throws ELANE on failure.
 */
export async function pollPlay(ctx: PollContext): Promise<PollResult> {
  const job = resolveJob(ctx, 'auto');
  const written = ctx.ledger.get<TrackUpdatedEntry | null>(KEY.trackUpdated);
  const committed = ctx.ledger.get<{ receipt?: { external_refs?: Record<string, unknown> } } | null>(
    KEY.committed,
  );
  const track =
    written?.track ?? (committed?.receipt?.external_refs?.track as string | undefined) ?? job.options.track;
  const versionCode = ctx.ledger.get<number>(KEY.uploadedVersionCode) ?? job.expectedVersionCode;
  try {
    const api = await connectPlay(ctx, job);
    const releases = await readTrack(api, track);
    const ours = releases.find((r) => r.versionCodes.includes(String(versionCode)));
    return toPollResult(ours, {
      package_name: job.packageName,
      track,
      version_code: versionCode,
      checked_at_unix_ms: ctx.now(),
    });
  } catch (e) {
    throw mapPlayError(e, { packageName: job.packageName, versionCode }).error;
  }
}

async function readTrack(api: PlayApi, track: string): Promise<TrackRelease[]> {
  const edit = await api.insertEdit();
  try {
    return await api.getTrack(edit.id, track);
  } finally {
    await api.deleteEdit(edit.id).catch(() => undefined);
  }
}

/** Map our release (or its absence) to the store state. */
export function toPollResult(ours: TrackRelease | undefined, refs: Record<string, unknown>): PollResult {
  if (!ours)
    return {
      store_state: 'unknown',
      external_refs: { ...refs, store_status: null, detail: 'the track no longer holds this versionCode' },
    };
  const base = {
    ...refs,
    store_status: ours.status,
    user_fraction: ours.userFraction ?? (ours.status === 'completed' ? 1 : null),
  };
  switch (ours.status) {
    case 'completed':
      return { store_state: 'live', external_refs: { ...base, detail: 'full rollout' } };
    case 'inProgress':
      return {
        store_state: 'live',
        external_refs: {
          ...base,
          detail: `staged rollout to ${Math.round((ours.userFraction ?? 0) * 1000) / 10}% of users`,
        },
      };
    case 'halted':
      return {
        store_state: 'processing',
        external_refs: { ...base, detail: 'rollout halted in Play Console' },
      };
    case 'draft':
      return {
        store_state: 'processing',
        external_refs: { ...base, detail: 'draft: a person rolls it out in Play Console' },
      };
    default:
      return { store_state: 'unknown', external_refs: base };
  }
}
