import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

/** Throw-away App Store Connect API key: what a `.p8` download plus the console ids give you. */
export interface AscCredentials {
  /** 10-character key id, sent as the JWT `kid`. */
  keyId: string;
  /** Issuer id (UUID), sent as the JWT `iss`. */
  issuerId: string;
  /** PKCS#8 PEM of the P-256 private key (the `.p8` file contents). */
  privateKeyPem: string;
  /** SPKI PEM of the public key, registered with the emulator. */
  publicKeyPem: string;
}

/** A Google service-account key file (the JSON downloaded from the Cloud console). */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Generates an ES256 (P-256) key pair with a random key id and issuer id. Uses node:crypto only. */
export function createAscCredentials(): AscCredentials {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyId = Array.from(randomBytes(10), (b) => KEY_ID_ALPHABET[b % KEY_ID_ALPHABET.length]).join('');
  return {
    keyId,
    issuerId: randomUUID(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Options for {@link createServiceAccountKey}. */
export interface ServiceAccountOptions {
  /** Where the key's `token_uri` points (the emulator's `/token`). */
  tokenUri: string;
  /** @default 'akc-sandbox' */
  projectId?: string;
  /** Local part of the service-account e-mail. @default 'akc-deliver' */
  accountName?: string;
}

/** Generates a service-account JSON with a fresh 2048-bit RSA key. Uses node:crypto only. */
export function createServiceAccountKey(options: ServiceAccountOptions): {
  key: ServiceAccountKey;
  publicKeyPem: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const projectId = options.projectId ?? 'akc-sandbox';
  const email = `${options.accountName ?? 'akc-deliver'}@${projectId}.iam.gserviceaccount.com`;
  const key: ServiceAccountKey = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: email,
    client_id: String(BigInt(`0x${randomBytes(8).toString('hex')}`)),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: options.tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(email)}`,
    universe_domain: 'googleapis.com',
  };
  return { key, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
