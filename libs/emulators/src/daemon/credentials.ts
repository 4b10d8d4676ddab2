import { createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceAccountKey } from '../crypto/credentials';
import type { DaemonEmulators } from './emulators';
import { writeFileAtomic } from './files';

/** Where the credentials live and the non-secret ids that go to the env and state files. */
export interface SandboxCredentials {
  ascKeyId: string;
  ascIssuerId: string;
  /** Absolute path of `AuthKey_<kid>.p8`. */
  ascPrivateKeyPath: string;
  /** PKCS#8 PEM, kept in memory to sign the seeding calls; never logged. */
  ascPrivateKeyPem: string;
  serviceAccountEmail: string;
  /** Absolute path of `service-account.json`. */
  serviceAccountPath: string;
}

/** `credentials/asc-key.json`: the ids that go with the `.p8` (no key material). */
interface AscKeyInfo {
  key_id: string;
  issuer_id: string;
}

/**
 * Reuses the credentials of a previous run when they are intact (so a restarted sandbox keeps its
 * key id, issuer and service account), otherwise generates fresh ones. Either way the public halves
 * are registered with the new emulators, and the service account's `token_uri` is pointed at them.
 */
export function prepareCredentials(dir: string, emulators: DaemonEmulators): SandboxCredentials {
  return { ...prepareAscKey(dir, emulators), ...prepareServiceAccount(dir, emulators) };
}

function prepareAscKey(dir: string, emulators: DaemonEmulators) {
  const previous = readJson(join(dir, 'asc-key.json')) as Partial<AscKeyInfo> | undefined;
  const previousPem =
    typeof previous?.key_id === 'string' ? readText(join(dir, `AuthKey_${previous.key_id}.p8`)) : undefined;
  const previousPublic = previousPem === undefined ? undefined : publicPem(previousPem);
  if (previous?.key_id && previous.issuer_id && previousPem && previousPublic) {
    const keyId = previous.key_id;
    emulators.asc.registerKey({ keyId, issuerId: previous.issuer_id, publicKeyPem: previousPublic });
    return ascResult(dir, keyId, previous.issuer_id, previousPem);
  }
  const created = emulators.asc.createCredentials();
  // Only one key at a time: a stale .p8 next to the new one would be a trap for tooling that globs.
  for (const name of readdirSync(dir))
    if (/^AuthKey_.*\.p8$/.test(name)) rmSync(join(dir, name), { force: true });
  writeFileAtomic(join(dir, `AuthKey_${created.keyId}.p8`), created.privateKeyPem);
  const info: AscKeyInfo = { key_id: created.keyId, issuer_id: created.issuerId };
  writeFileAtomic(join(dir, 'asc-key.json'), `${JSON.stringify(info, null, 2)}\n`);
  return ascResult(dir, created.keyId, created.issuerId, created.privateKeyPem);
}

function ascResult(dir: string, keyId: string, issuerId: string, pem: string) {
  return {
    ascKeyId: keyId,
    ascIssuerId: issuerId,
    ascPrivateKeyPath: join(dir, `AuthKey_${keyId}.p8`),
    ascPrivateKeyPem: pem,
  };
}

function prepareServiceAccount(dir: string, emulators: DaemonEmulators) {
  const path = join(dir, 'service-account.json');
  const previous = readJson(path) as Partial<ServiceAccountKey> | undefined;
  const previousPublic =
    typeof previous?.private_key === 'string' ? publicPem(previous.private_key) : undefined;
  let key: ServiceAccountKey;
  if (previous?.type === 'service_account' && typeof previous.client_email === 'string' && previousPublic) {
    key = { ...(previous as ServiceAccountKey), token_uri: emulators.oauth.tokenUrl };
    emulators.oauth.oauth.registerServiceAccount(key.client_email, previousPublic);
  } else {
    key = emulators.oauth.createServiceAccount('akc-sandbox');
  }
  writeFileAtomic(path, `${JSON.stringify(key, null, 2)}\n`);
  return { serviceAccountEmail: key.client_email, serviceAccountPath: path };
}

function publicPem(privatePem: string): string | undefined {
  try {
    return createPublicKey(privatePem).export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
