import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryLedger } from '@akc/core/testing';

import { createServiceAccountKey, startGoogleOAuthEmulator } from '@akc/emulators';
import { startPlayFixture, type PlayFixture } from './support/play-fixture';
import lane from '../src';

let f: PlayFixture;
afterEach(() => f.close());

describe('play dispatch: errors with fixes', () => {
  it('a versionCode used by a different, earlier artifact -> clear error, one upload attempt', async () => {
    f = await startPlayFixture();
    await lane.dispatch!(f.context({ artifact: f.artifact(301, 4096, 'old.aab') }));
    const r = await lane.dispatch!(
      f.context({ artifact: f.artifact(301, 4096, 'new.aab'), ledger: createMemoryLedger() }),
    );
    expect(r).toMatchObject({
      status: 'failed',
      ok: false,
      error_code: 'ELANE',
      external_refs: { failure: 'duplicate_version_code' },
    });
    expect(r.error).toContain('versionCode 301 was already used; bump the version');
    expect(r.error).toContain('HTTP 403 (apkUpgradeVersionConflict)');
    expect(f.uploads().map((u) => u.status)).toEqual([200, 403]);
  });

  it('recognises the newer 400 wording of a duplicate versionCode', async () => {
    f = await startPlayFixture();
    f.play.setBehaviour({ duplicateVersionCodeStatus: 400 });
    await lane.dispatch!(f.context({ artifact: f.artifact(302, 4096, 'a.aab') }));
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(302, 4096, 'b.aab') }));
    expect(r.external_refs.failure).toBe('duplicate_version_code');
  });

  it('a draft app -> says what to do; release_status draft then works', async () => {
    f = await startPlayFixture({ draft: true });
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(401) }));
    expect(r).toMatchObject({ status: 'failed', ok: false, external_refs: { failure: 'draft_app' } });
    expect(r.error).toContain('draft app in Play Console');
    expect(r.error).toContain('release_status to "draft"');
    const ok = await lane.dispatch!(
      f.context({ artifact: f.artifact(402), options: { release_status: 'draft' } }),
    );
    expect(ok).toMatchObject({
      status: 'staged',
      submitted: false,
      external_refs: { release_status: 'draft' },
    });
  });

  it('changesNotSentForReview: sets it when Google demands it, and the release is staged for a person', async () => {
    f = await startPlayFixture({ reviewMode: 'manual' });
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(501) }));
    expect(r).toMatchObject({
      status: 'staged',
      ok: true,
      submitted: false,
      external_refs: { changes_not_sent_for_review: true },
    });
    const commits = f.play.requests.list().filter((q) => q.path.endsWith(':commit'));
    expect(commits.map((c) => [c.query, c.status])).toEqual([
      ['', 400],
      ['changesNotSentForReview=true', 200],
    ]);
  });

  it('changesNotSentForReview: drops it when Google refuses it', async () => {
    f = await startPlayFixture({ reviewMode: 'automatic' });
    const r = await lane.dispatch!(
      f.context({ artifact: f.artifact(502), options: { changes_not_sent_for_review: true } }),
    );
    expect(r).toMatchObject({
      status: 'submitted',
      submitted: true,
      external_refs: { changes_not_sent_for_review: false },
    });
    const commits = f.play.requests.list().filter((q) => q.path.endsWith(':commit'));
    expect(commits.map((c) => [c.query, c.status])).toEqual([
      ['changesNotSentForReview=true', 400],
      ['', 200],
    ]);
  });

  it('invalid credentials -> clear error naming GOOGLE_APPLICATION_CREDENTIALS, no retry', async () => {
    f = await startPlayFixture();
    const keyFile = join(f.dir, 'unknown.json');
    writeFileSync(keyFile, JSON.stringify(createServiceAccountKey({ tokenUri: `${f.play.url}/token` }).key));
    const r = await lane.dispatch!(
      f.context({ artifact: f.artifact(601), env: { GOOGLE_APPLICATION_CREDENTIALS: keyFile } }),
    );
    expect(r).toMatchObject({ status: 'failed', external_refs: { failure: 'bad_credentials' } });
    expect(r.error).toContain('Google rejected the service-account credentials');
    expect(r.error).toContain('invalid_grant');
    expect(r.error).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(f.play.requests.list().map((q) => q.path)).toEqual(['/token']);
  });

  it('a missing credentials file and a missing permission (403) -> errors with fixes', async () => {
    f = await startPlayFixture();
    const none = await lane.dispatch!(
      f.context({ artifact: f.artifact(701), env: { GOOGLE_APPLICATION_CREDENTIALS: '' } }),
    );
    expect(none.error).toContain('GOOGLE_APPLICATION_CREDENTIALS is not set');
    f.play.injectFault({
      method: 'POST',
      path: '/edits$',
      status: 403,
      message: 'The caller does not have permission',
      times: 'always',
    });
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(702) }));
    expect(r.external_refs.failure).toBe('missing_permission');
    expect(r.error).toContain('Users and permissions');
    expect(f.play.faults.injectedCount).toBe(1);
  });

  it('an unknown package -> says where the package name comes from', async () => {
    f = await startPlayFixture();
    const r = await lane.dispatch!(
      f.context({ artifact: f.artifact(801), env: { AKC_DELIVERY_PLAY_PACKAGE_NAME: 'com.example.nope' } }),
    );
    expect(r.external_refs.failure).toBe('package_not_found');
    expect(r.error).toContain('AKC_DELIVERY_PLAY_PACKAGE_NAME');
  });

  it('AKC_GOOGLE_TOKEN_URI wins over the key file token_uri', async () => {
    f = await startPlayFixture();
    const oauth = await startGoogleOAuthEmulator({ oauth: f.play.oauth });
    try {
      const r = await lane.dispatch!(
        f.context({ artifact: f.artifact(901), env: { AKC_GOOGLE_TOKEN_URI: oauth.tokenUrl } }),
      );
      expect(r.status).toBe('submitted');
      expect(oauth.requests.list().map((q) => q.path)).toEqual(['/token']);
      expect(f.play.requests.list().some((q) => q.path === '/token')).toBe(false);
    } finally {
      await oauth.close();
    }
  });
});
