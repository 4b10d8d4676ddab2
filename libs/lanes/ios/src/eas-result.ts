import { akcError } from '@akc/core';

/** The fields of one `eas build --json` entry this lane uses. */
export interface EasBuild {
  readonly id: string | null;
  readonly status: string | null;
  readonly platform: string | null;
  readonly archiveUrl: string | null;
  readonly buildUrl: string | null;
  readonly pageUrl: string | null;
  readonly appVersion: string | null;
  readonly appBuildVersion: string | null;
  readonly errorMessage: string | null;
}

/**
 * Parse the JSON `eas build --json` prints on stdout (an array of builds, or one build). Tolerates
 * non-JSON lines before it. Returns [] when stdout holds no JSON (e.g. some `--local` runs).
 */
export function parseEasBuilds(stdout: string): EasBuild[] {
  const start = stdout.search(/^\s*[[{]/m);
  if (start < 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.slice(start));
  } catch (e) {
    throw akcError('EPACKAGING', {
      platform: 'ios',
      reason: `eas build --json printed output that is not JSON (${(e as Error).message})`,
      hint: 'Run the same eas build command by hand; stdout must be the JSON build list.',
    });
  }
  return (Array.isArray(parsed) ? parsed : [parsed]).filter(isRecord).map(toEasBuild);
}

function toEasBuild(raw: Record<string, unknown>): EasBuild {
  const artifacts = isRecord(raw.artifacts) ? raw.artifacts : {};
  const project = isRecord(raw.project) ? raw.project : {};
  const owner = isRecord(project.ownerAccount) ? project.ownerAccount : {};
  const id = str(raw.id);
  const slug = str(project.slug);
  const account = str(owner.name);
  return {
    id,
    status: str(raw.status),
    platform: str(raw.platform),
    archiveUrl: str(artifacts.applicationArchiveUrl) ?? str(artifacts.buildUrl),
    buildUrl: str(artifacts.buildUrl),
    pageUrl:
      id && slug && account ? `https://expo.dev/accounts/${account}/projects/${slug}/builds/${id}` : null,
    appVersion: str(raw.appVersion),
    appBuildVersion: str(raw.appBuildVersion),
    errorMessage: isRecord(raw.error) ? str(raw.error.message) : null,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}
