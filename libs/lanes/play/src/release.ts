/** Decide the release this dispatch puts on the track, and merge it with what the track already holds. */
import type { TrackRelease } from './client';
import type { PlayOptions, ReleaseStatus } from './options';

/** The release we intend to write (before merging with the track). */
export interface IntendedRelease {
  readonly status: ReleaseStatus;
  /** Only for inProgress/halted. */
  readonly userFraction?: number;
  /** The fraction asked for, also when the release is a draft (for a person to roll out). */
  readonly plannedFraction: number;
  readonly releaseNotes: ReadonlyArray<{ language: string; text: string }>;
}

/**
 * `storeSubmit: 'manual'` -> draft (a person rolls it out). Otherwise `release_status` if set, else
 * a staged rollout at `user_fraction` (default 0.1), and a full rollout (`completed`) only when the
 * fraction 1 was asked for explicitly.
 */
export function intendedRelease(options: PlayOptions, storeSubmit: 'auto' | 'manual'): IntendedRelease {
  const fraction = options.user_fraction;
  const full = fraction >= 1 && options.user_fraction_explicit;
  const status: ReleaseStatus =
    storeSubmit === 'manual' ? 'draft' : (options.release_status ?? (full ? 'completed' : 'inProgress'));
  const staged = status === 'inProgress' || status === 'halted';
  return {
    status,
    ...(staged ? { userFraction: Math.min(fraction, 0.99) } : {}),
    plannedFraction: fraction,
    releaseNotes: Object.entries(options.release_notes).map(([language, text]) => ({ language, text })),
  };
}

/** The TrackRelease for our version code. */
export function toTrackRelease(intended: IntendedRelease, versionCode: number, name?: string): TrackRelease {
  return {
    ...(name ? { name } : {}),
    versionCodes: [String(versionCode)],
    status: intended.status,
    ...(intended.userFraction !== undefined ? { userFraction: intended.userFraction } : {}),
    ...(intended.releaseNotes.length > 0 ? { releaseNotes: intended.releaseNotes } : {}),
  };
}

/**
 * `tracks.update` replaces the track's releases, so keep what must stay: a completed release keeps
 * serving the users outside a staged rollout, and a draft leaves the live releases alone. Releases
 * holding our version code and ones our release supersedes are dropped.
 */
export function mergeReleases(existing: readonly TrackRelease[], ours: TrackRelease): TrackRelease[] {
  const code = ours.versionCodes[0] ?? '';
  const others = existing.filter((r) => !r.versionCodes.includes(code));
  const keep = (r: TrackRelease): boolean => {
    if (ours.status === 'completed') return false;
    if (r.status === 'completed') return true;
    return ours.status === 'draft' && (r.status === 'inProgress' || r.status === 'halted');
  };
  return [...others.filter(keep), ours];
}
