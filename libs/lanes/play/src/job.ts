/** Everything one dispatch or poll works from, resolved from local facts (no network, no SDK). */
import { akcError, type ArtifactFile, type DispatchContext, type PollContext } from '@akc/core';
import { DEFAULT_PLAY_ROOT_URL, LANE_ID } from './lane-id';
import { parsePlayOptions, type PlayOptions } from './options';
import { resolvePackageName, type PackageNameSource } from './package-name';
import { intendedRelease, type IntendedRelease } from './release';

/** The binary to upload. */
export interface PlayArtifact {
  readonly path: string;
  readonly kind: 'aab' | 'apk';
  readonly bytes: number;
  readonly sha256: string;
}

/** A resolved job. */
export interface PlayJob {
  readonly options: PlayOptions;
  readonly packageName: string;
  readonly packageSource: PackageNameSource;
  /** API root with a trailing slash. */
  readonly rootUrl: string;
  readonly artifact: PlayArtifact;
  /** The versionCode the build carries (from packaging); Play's upload answer is authoritative. */
  readonly expectedVersionCode: number;
  readonly intended: IntendedRelease;
}

/** Validate options, resolve the package name and pick the artifact; throws ELANE on any problem. */
export function resolveJob(ctx: DispatchContext | PollContext, storeSubmit: 'auto' | 'manual'): PlayJob {
  const parsed = parsePlayOptions(ctx.options, ctx.env);
  if (!parsed.ok) {
    throw akcError('ELANE', {
      lane: LANE_ID,
      reason: `invalid options: ${parsed.errors.join('; ')}`,
      hint: `Fix lanes["${LANE_ID}"] in .akc/config.json (or AKC_PLAY_USER_FRACTION).`,
    });
  }
  const options = parsed.value;
  const pkg = resolvePackageName(ctx, options);
  const root = ctx.env.AKC_PLAY_ROOT_URL?.trim() || DEFAULT_PLAY_ROOT_URL;
  const fromArtifact = ctx.artifact.versions['android_version_code'];
  return {
    options,
    packageName: pkg.name,
    packageSource: pkg.source,
    rootUrl: root.endsWith('/') ? root : `${root}/`,
    artifact: pickArtifact(ctx.artifact.files),
    expectedVersionCode: typeof fromArtifact === 'number' ? fromArtifact : ctx.versions.android_version_code,
    intended: intendedRelease(options, storeSubmit),
  };
}

/** The first `.aab`, else the first `.apk`. */
export function pickArtifact(files: readonly ArtifactFile[]): PlayArtifact {
  const isKind = (f: ArtifactFile, k: 'aab' | 'apk') =>
    f.kind === k || f.path.toLowerCase().endsWith(`.${k}`);
  const file = files.find((f) => isKind(f, 'aab')) ?? files.find((f) => isKind(f, 'apk'));
  if (!file) {
    throw akcError('ELANE', {
      lane: LANE_ID,
      reason: `no .aab or .apk among the packaged files (${files.map((f) => f.path).join(', ') || 'none'})`,
      hint: 'Package the android build as an App Bundle (lanes.android.artifact "aab"), then dispatch again.',
    });
  }
  return {
    path: file.path,
    kind: isKind(file, 'aab') ? 'aab' : 'apk',
    bytes: file.bytes,
    sha256: file.sha256.toLowerCase(),
  };
}
