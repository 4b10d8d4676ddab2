import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryLedger } from '@akc/core/testing';
import lane from '../src';
import { startHarness, type FirebaseHarness } from './helpers/firebase-env';

let h: FirebaseHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const TESTER_LIMIT = 'Tester limit reached: this project already has the maximum number of testers.';

describe('firebase dispatch errors', () => {
  it('maps rejected credentials (invalid_grant) to a fix and calls no API', async () => {
    const key = JSON.parse(readFileSync(h.env.GOOGLE_APPLICATION_CREDENTIALS ?? '', 'utf8')) as Record<
      string,
      string
    >;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const bad = join(h.dir, 'bad-sa.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...key, private_key: other.export({ type: 'pkcs8', format: 'pem' }) }),
    );
    const ledger = createMemoryLedger();
    const receipt = await lane.dispatch!(h.ctx({ ledger, env: { GOOGLE_APPLICATION_CREDENTIALS: bad } }));
    expect(receipt.status).toBe('failed');
    expect(receipt.error_code).toBe('ELANE');
    expect(receipt.error).toMatch(/rejected the service-account credentials: invalid_grant/);
    expect(receipt.error).toMatch(/Check GOOGLE_APPLICATION_CREDENTIALS/);
    expect(h.calls()).toHaveLength(0);
    expect(ledger.get('upload_operation')).toBeUndefined();
  });

  it('reports a missing key file with a fix', async () => {
    const receipt = await lane.dispatch!(
      h.ctx({ env: { GOOGLE_APPLICATION_CREDENTIALS: join(h.dir, 'nope.json') } }),
    );
    expect(receipt.error).toMatch(/nope\.json: cannot be read/);
  });

  it('maps 401 and 403 to credential and role fixes', async () => {
    h.emulator.injectFault({ method: 'POST', path: 'releases:upload$', status: 401 });
    const r401 = await lane.dispatch!(h.ctx());
    expect(r401.error).toMatch(/bad credentials, upload \(HTTP 401 UNAUTHENTICATED\)/);
    h.emulator.injectFault({ method: 'POST', path: 'releases:upload$', status: 403 });
    const r403 = await lane.dispatch!(h.ctx());
    expect(r403.error).toMatch(/missing permission/);
    expect(r403.error).toMatch(/Firebase App Distribution Admin/);
  });

  it('maps an unknown app to a fix naming the app id settings', async () => {
    const receipt = await lane.dispatch!(
      h.ctx({ env: { AKC_DELIVERY_FIREBASE_APP_ID: '1:123456789:android:ffff' } }),
    );
    expect(receipt.status).toBe('failed');
    expect(receipt.error).toMatch(/app 1:123456789:android:ffff not found/);
    expect(receipt.error).toMatch(/AKC_DELIVERY_FIREBASE_APP_ID/);
  });

  it('maps an unknown group alias to a fix', async () => {
    const receipt = await lane.dispatch!(
      h.ctx({ env: { AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS: 'QA Team' } }),
    );
    expect(receipt.status).toBe('failed');
    expect(receipt.error).toMatch(/unknown tester group/);
    expect(receipt.error).toMatch(/case-sensitive/);
  });

  it('records a tester-limit refusal per recipient, invites the others, and a re-run finishes the rest', async () => {
    const env = { AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS: undefined };
    h.emulator.injectFault({
      method: 'POST',
      path: ':distribute$',
      status: 400,
      message: TESTER_LIMIT,
      times: 2,
    });
    const ledger = createMemoryLedger();
    const receipt = await lane.dispatch!(h.ctx({ ledger, env }));
    expect(receipt.status).toBe('partial');
    expect(receipt.ok).toBe(false);
    expect(receipt.recipients['dana@example.com']?.state).toBe('failed');
    expect(receipt.recipients['dana@example.com']?.detail).toMatch(/tester limit: .*Fix: .*remove testers/);
    expect(receipt.recipients['lee@example.com']?.state).toBe('invited');
    expect(receipt.error).toMatch(/1 recipient\(s\) not invited/);
    expect(ledger.getRecipient<{ state: string }>('dana@example.com')?.state).toBe('failed');
    expect(h.emulator.outbox.map((m) => m.to)).toEqual(['lee@example.com']);

    const rerun = await lane.dispatch!(h.ctx({ ledger, env }));
    expect(rerun.status).toBe('completed');
    expect(rerun.recipients['lee@example.com']?.state).toBe('already_invited');
    expect(h.emulator.outbox.map((m) => m.to)).toEqual(['lee@example.com', 'dana@example.com']);
    expect(h.calls(/releases:upload$/)).toHaveLength(1);
  });

  it('refuses an AAB when the app is not linked to Play, with the fix', async () => {
    h.emulator.addApp('1:123456789:android:0a1b2c3d4e', 'PLAY_ACCOUNT_NOT_LINKED');
    const ctx = h.ctx();
    const aab = { ...ctx.artifact, files: [{ ...ctx.artifact.files[0]!, kind: 'aab' as const }] };
    const receipt = await lane.dispatch!({ ...ctx, artifact: aab });
    expect(receipt.error).toMatch(/integrationState PLAY_ACCOUNT_NOT_LINKED/);
    expect(h.calls(/releases:upload$/)).toHaveLength(0);
  });
});
