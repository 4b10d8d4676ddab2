import { akcError } from '../errors/akc-error';
import { withBuildCode, type ProviderVersions } from './provider-versions';
import { naturalVersionCode, nextBuildCode } from './version-code';

/**
 * Where the per-app high-water mark (the largest build code ever allocated) lives. The caller
 * persists it (under its own lock); `read` returns null when the app has never been built.
 */
export interface HighWaterMarkStore {
  /** The recorded high-water mark for `appKey`, or null. */
  read(appKey: string): number | null;
  /** Records `value` as the new high-water mark for `appKey`. */
  write(appKey: string, value: number): void;
}

/** A {@link HighWaterMarkStore} held in memory, for tests and single-process use. */
export class InMemoryHighWaterMarkStore implements HighWaterMarkStore {
  private readonly marks = new Map<string, number>();

  /** Starts with the given marks, e.g. `{ 'com.example.app': 1002030601 }`. */
  constructor(initial: Readonly<Record<string, number>> = {}) {
    for (const [k, v] of Object.entries(initial)) this.marks.set(k, v);
  }

  /** {@inheritDoc HighWaterMarkStore.read} */
  read(appKey: string): number | null {
    return this.marks.get(appKey) ?? null;
  }

  /** {@inheritDoc HighWaterMarkStore.write} */
  write(appKey: string, value: number): void {
    this.marks.set(appKey, value);
  }

  /** A copy of every recorded mark. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.marks);
  }
}

/**
 * Allocates the build numbers for one build of `versions` for the app `appKey` (for example the
 * bundle id or package name) and records the new high-water mark in `store`.
 *
 * The first build of a version newer than everything built gets its natural code; a rebuild of
 * the same version (or a version whose natural code is <= the mark but whose slot still has room)
 * gets mark + 1. A version older than the mark, or one whose slot is used up, throws EVERSION and
 * leaves the store unchanged. The allocated number is written before returning, so a failed upload
 * burns it rather than risking a reuse the stores would reject.
 */
export function allocateBuildNumbers(
  versions: ProviderVersions,
  store: HighWaterMarkStore,
  appKey: string,
): ProviderVersions {
  if (typeof appKey !== 'string' || appKey.trim() === '') {
    throw akcError('EVERSION', {
      value: versions.delivery_version,
      reason: 'an app key is required for build numbers',
    });
  }
  const code = nextBuildCode(naturalVersionCode(versions.semver), store.read(appKey));
  const allocated = withBuildCode(versions, code);
  store.write(appKey, code);
  return allocated;
}
