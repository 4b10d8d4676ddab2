import { randomBytes } from 'node:crypto';

/** First line of a fixture artifact; the second line is JSON {@link ArtifactInfo}. */
export const FIXTURE_MAGIC = 'AKC-FIXTURE-ARTIFACT';

/** Version data the emulators read from an uploaded binary instead of parsing real AAB/APK/IPA files. */
export interface ArtifactInfo {
  /** Android versionCode / iOS CFBundleVersion as a number. */
  versionCode?: number;
  /** Android versionName / iOS CFBundleShortVersionString. */
  versionName?: string;
}

/** Builds a small fake binary whose header carries `info`; `size` pads it with random bytes. @default size 1024 */
export function createFixtureArtifact(info: ArtifactInfo, size = 1024): Buffer {
  const header = Buffer.from(`${FIXTURE_MAGIC}\n${JSON.stringify(info)}\n`);
  return Buffer.concat([header, randomBytes(Math.max(0, size - header.length))]);
}

/** Reads the info of a fixture artifact, or undefined for any other binary. */
export function readFixtureArtifact(bytes: Buffer): ArtifactInfo | undefined {
  const head = bytes.subarray(0, 512).toString('latin1');
  if (!head.startsWith(`${FIXTURE_MAGIC}\n`)) return undefined;
  const line = head.slice(FIXTURE_MAGIC.length + 1).split('\n', 1)[0] ?? '';
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { versionCode, versionName } = parsed as Record<string, unknown>;
    return {
      versionCode: typeof versionCode === 'number' ? versionCode : undefined,
      versionName: typeof versionName === 'string' ? versionName : undefined,
    };
  } catch {
    return undefined;
  }
}
