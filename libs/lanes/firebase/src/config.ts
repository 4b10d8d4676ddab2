import { resolve } from 'node:path';
import { akcError, loadOperatorPrereqs, probeRepo, type LaneContext } from '@akc/core';

/** Default API origin; uploads go to `<root>upload/v1/...`, everything else to `<root>v1/...`. */
export const DEFAULT_ROOT_URL = 'https://firebaseappdistribution.googleapis.com/';

const APP_ID = /^1:(\d+):android:[0-9a-zA-Z]+$/;

/** Where and as whom this lane talks to Firebase App Distribution (no secrets). */
export interface FirebaseTarget {
  /** `1:<project number>:android:<hash>` */
  readonly appId: string;
  readonly projectNumber: string;
  /** `projects/<number>/apps/<app id>` */
  readonly appName: string;
  /** Group aliases every wave distributes to (may be empty). */
  readonly groups: readonly string[];
  /** API root with a trailing slash. */
  readonly rootUrl: string;
}

function androidPrereqs(projectDir: string): Record<string, unknown> {
  const android = loadOperatorPrereqs(projectDir).prereqs['android'];
  return typeof android === 'object' && android !== null ? (android as Record<string, unknown>) : {};
}

function splitList(v: unknown): string[] {
  const parts =
    typeof v === 'string'
      ? v.split(/[,;]/)
      : Array.isArray(v)
        ? v.filter((x): x is string => typeof x === 'string')
        : [];
  return [...new Set(parts.map((s) => s.trim()).filter((s) => s !== ''))];
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function resolveAppId(ctx: LaneContext, prereqs: Record<string, unknown>): string {
  const appId =
    nonEmpty(ctx.env['AKC_DELIVERY_FIREBASE_APP_ID']) ??
    nonEmpty(prereqs['firebase_app_id']) ??
    probeRepo(ctx.projectDir).firebase_android_app_id ??
    undefined;
  if (!appId) {
    throw akcError('ELANE', {
      lane: ctx.laneId,
      reason: 'no Firebase Android app id',
      hint: 'Set AKC_DELIVERY_FIREBASE_APP_ID, or "android": {"firebase_app_id": "1:1234567890:android:abc123"} in .akc/delivery/operator_prereqs.json (Firebase console > Project settings > Your apps).',
    });
  }
  if (!APP_ID.test(appId)) {
    throw akcError('ELANE', {
      lane: ctx.laneId,
      reason: `"${appId}" is not a Firebase Android app id`,
      hint: 'A Firebase Android app id looks like 1:1234567890:android:0a1b2c3d; copy it from Firebase console > Project settings > Your apps.',
    });
  }
  return appId;
}

function rootUrl(env: LaneContext['env']): string {
  const raw = nonEmpty(env['AKC_FIREBASE_ROOT_URL']) ?? DEFAULT_ROOT_URL;
  return raw.endsWith('/') ? raw : `${raw}/`;
}

/** Resolve app, project number, groups and API root from env, operator prereqs and the repo. */
export function resolveTarget(ctx: LaneContext): FirebaseTarget {
  const prereqs = androidPrereqs(ctx.projectDir);
  const appId = resolveAppId(ctx, prereqs);
  const projectNumber = APP_ID.exec(appId)?.[1] ?? '';
  const envGroups =
    nonEmpty(ctx.env['AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS']) ??
    nonEmpty(ctx.env['FIREBASE_APP_DISTRIBUTION_GROUPS']);
  return {
    appId,
    projectNumber,
    appName: `projects/${projectNumber}/apps/${appId}`,
    groups: splitList(envGroups ?? prereqs['firebase_app_distribution_groups']),
    rootUrl: rootUrl(ctx.env),
  };
}

/** The service-account key file and token endpoint override (paths only; the file is read by the client). */
export interface CredentialSource {
  readonly keyFile: string;
  readonly tokenUriOverride?: string;
}

/** `GOOGLE_APPLICATION_CREDENTIALS` (relative to the project) and `AKC_GOOGLE_TOKEN_URI`. */
export function resolveCredentialSource(ctx: LaneContext): CredentialSource {
  const file = nonEmpty(ctx.env['GOOGLE_APPLICATION_CREDENTIALS']);
  if (!file) {
    throw akcError('ELANE', {
      lane: ctx.laneId,
      reason: 'GOOGLE_APPLICATION_CREDENTIALS is not set',
      hint: 'Export GOOGLE_APPLICATION_CREDENTIALS=/path/to/service-account.json (a key with the Firebase App Distribution Admin role).',
    });
  }
  const override = nonEmpty(ctx.env['AKC_GOOGLE_TOKEN_URI']);
  return { keyFile: resolve(ctx.projectDir, file), ...(override ? { tokenUriOverride: override } : {}) };
}
