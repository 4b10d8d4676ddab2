import { sign } from 'node:crypto';
import type { SandboxCredentials } from './credentials';
import type { DaemonEmulators } from './emulators';
import type { SandboxStateFile } from './layout';
import type { DaemonOptions } from './options';

/** The apps and groups a fresh sandbox starts with, so every lane has something to deliver to. */
export type SeededIds = SandboxStateFile['seeded'];

/**
 * Seeds an ASC app (control API: apps cannot be created through Apple's API) and a TestFlight group
 * (the public API, signed with the sandbox key: this also proves the written credentials work), a
 * Play app and a Firebase app.
 */
export async function seedSandbox(
  emulators: DaemonEmulators,
  credentials: SandboxCredentials,
  options: DaemonOptions,
): Promise<SeededIds> {
  const app = emulators.asc.createApp({ name: options.appName, bundleId: options.bundleId });
  const groupId = await createBetaGroup(emulators.asc.url, credentials, app.id, options.betaGroupName);
  emulators.play.addApp(options.packageName);
  emulators.firebase.addApp(options.firebaseAppId);
  const groupAlias = seedFirebaseGroup(emulators, options.firebaseAppId);
  return {
    asc_app_id: app.id,
    asc_bundle_id: options.bundleId,
    asc_beta_group_id: groupId,
    asc_beta_group_name: options.betaGroupName,
    play_package_name: options.packageName,
    firebase_app_id: options.firebaseAppId,
    firebase_group_alias: groupAlias,
  };
}

/** A tester group (alias `testers`) in the Firebase project, like one made in the console. */
function seedFirebaseGroup(emulators: DaemonEmulators, appId: string): string {
  const projectNumber = appId.split(':')[1] ?? '';
  const alias = 'testers';
  const groups = emulators.firebase.state.groups.get(projectNumber);
  groups?.set(alias, { alias, displayName: 'Testers' });
  return alias;
}

async function createBetaGroup(
  baseUrl: string,
  credentials: SandboxCredentials,
  appId: string,
  name: string,
): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/betaGroups`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ascToken(credentials)}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      data: {
        type: 'betaGroups',
        attributes: { name },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as { data?: { id?: unknown } };
  if (response.status !== 201 || typeof body.data?.id !== 'string') {
    throw new Error(`creating the TestFlight group failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return body.data.id;
}

/** A short-lived ES256 App Store Connect token (what any ASC client builds from the .p8). */
function ascToken(credentials: SandboxCredentials): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'ES256', kid: credentials.ascKeyId, typ: 'JWT' });
  const payload = encode({
    iss: credentials.ascIssuerId,
    iat: now,
    exp: now + 600,
    aud: 'appstoreconnect-v1',
  });
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
    key: credentials.ascPrivateKeyPem,
    dsaEncoding: 'ieee-p1363',
  });
  return `${header}.${payload}.${signature.toString('base64url')}`;
}
