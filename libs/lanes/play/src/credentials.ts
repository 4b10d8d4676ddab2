/** The service-account key file named by GOOGLE_APPLICATION_CREDENTIALS (read locally, never logged). */
import { readFileSync } from 'node:fs';
import { akcError, type Env } from '@akc/core';
import { LANE_ID } from './lane-id';

/** The fields of a service-account key the Play client uses. */
export interface ServiceAccount {
  readonly client_email: string;
  readonly private_key: string;
  readonly private_key_id?: string;
  /** Where the JWT-bearer grant is exchanged; `AKC_GOOGLE_TOKEN_URI` wins over the file's `token_uri`. */
  readonly token_uri: string;
}

/** The token endpoint google-auth-library posts to. */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

const FIX =
  'Point GOOGLE_APPLICATION_CREDENTIALS at the JSON key of a service account that has access to the app in Play Console (Users and permissions).';

/** Read and check the key file; every problem is an ELANE error naming the variable to fix. */
export function loadServiceAccount(env: Env): ServiceAccount {
  const file = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (!file)
    throw akcError('ELANE', {
      lane: LANE_ID,
      reason: 'GOOGLE_APPLICATION_CREDENTIALS is not set',
      hint: FIX,
    });
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why =
      e instanceof SyntaxError
        ? 'is not valid JSON'
        : `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    throw akcError('ELANE', { lane: LANE_ID, reason: `the service-account file ${file} ${why}`, hint: FIX });
  }
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const email = d.client_email;
  const key = d.private_key;
  if (typeof email !== 'string' || typeof key !== 'string' || !key.includes('PRIVATE KEY')) {
    throw akcError('ELANE', {
      lane: LANE_ID,
      reason: `${file} is not a service-account key (client_email and private_key are required)`,
      hint: FIX,
    });
  }
  const fromEnv = env.AKC_GOOGLE_TOKEN_URI?.trim();
  return {
    client_email: email,
    private_key: key,
    ...(typeof d.private_key_id === 'string' ? { private_key_id: d.private_key_id } : {}),
    token_uri: fromEnv || (typeof d.token_uri === 'string' && d.token_uri ? d.token_uri : GOOGLE_TOKEN_URI),
  };
}
