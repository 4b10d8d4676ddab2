import { createMemoryLedger } from '@akc/core/testing';
import { calls, PACKAGE, startPlayFixture, type PlayFixture } from './support/play-fixture';
import lane from '../src';

let f: PlayFixture;
beforeEach(async () => {
  f = await startPlayFixture();
});
afterEach(() => f.close());

const APP = `/androidpublisher/v3/applications/${PACKAGE}`;

describe('play dispatch', () => {
  it('releases through edit, streamed upload, staged track update (0.1), validate and commit', async () => {
    const ledger = createMemoryLedger();
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(10000601), ledger }));
    expect(r).toMatchObject({ status: 'submitted', ok: true, submitted: true });
    expect(r.external_refs).toMatchObject({
      package_name: PACKAGE,
      version_code: 10000601,
      track: 'production',
      user_fraction: 0.1,
      release_status: 'inProgress',
    });
    expect(calls(f.play)).toEqual([
      'POST /token',
      `POST ${APP}/edits`,
      `POST /upload${APP}/edits/ID/bundles`,
      `GET ${APP}/edits/ID/tracks/production`,
      `PUT ${APP}/edits/ID/tracks/production`,
      `POST ${APP}/edits/ID:validate`,
      `POST ${APP}/edits/ID:commit`,
    ]);
    const upload = f.uploads()[0]!;
    expect(upload.query).toContain('uploadType=media');
    expect(upload.headers['content-type']).toBe('application/octet-stream');
    expect(f.play.state.getApp(PACKAGE).live.tracks.get('production')).toEqual([
      { name: '1.0.0', versionCodes: ['10000601'], status: 'inProgress', userFraction: 0.1 },
    ]);
    expect(ledger.snapshot()).toMatchObject({
      package_name: PACKAGE,
      edit_id: r.external_refs.edit_id,
      uploaded_version_code: 10000601,
      track_updated: { track: 'production' },
      committed: { edit_id: r.external_refs.edit_id },
    });
    for (const email of ['dana@example.com', 'lee@example.com'])
      expect(r.recipients[email]).toEqual({
        state: 'skipped',
        detail: 'store release: reaches recipients through the Play Store',
      });
  });

  it('dry run makes no request and lists the planned calls', async () => {
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(7, 2048), execute: false }));
    expect(r.status).toBe('dry_run');
    expect(r.ok).toBe(true);
    expect(f.play.requests.list()).toEqual([]);
    expect(r.planned_calls!.map((c) => `${c.method} ${c.endpoint.replace(f.play.url, '')}`)).toEqual([
      `POST ${APP}/edits`,
      `POST /upload${APP}/edits/{editId}/bundles?uploadType=media`,
      `GET ${APP}/edits/{editId}/tracks/production`,
      `PUT ${APP}/edits/{editId}/tracks/production`,
      `POST ${APP}/edits/{editId}:validate`,
      `POST ${APP}/edits/{editId}:commit`,
    ]);
    expect(r.planned_calls![1]!.purpose).toContain('2048 bytes');
    expect(r.planned_calls![3]!.purpose).toContain(
      '"versionCodes":["7"],"status":"inProgress","userFraction":0.1',
    );
  });

  it('a re-dispatch after the commit sends nothing and returns the recorded receipt', async () => {
    const ledger = createMemoryLedger();
    const artifact = f.artifact(21);
    const first = await lane.dispatch!(f.context({ artifact, ledger }));
    const before = f.play.requests.list().length;
    const again = await lane.dispatch!(f.context({ artifact, ledger }));
    expect(f.play.requests.list()).toHaveLength(before);
    expect(again).toEqual(first);
  });

  it('manual storeSubmit stages a draft release and commits it, not submitted', async () => {
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(31), storeSubmit: 'manual' }));
    expect(r).toMatchObject({ status: 'staged', ok: true, submitted: false });
    expect(r.external_refs).toMatchObject({
      release_status: 'draft',
      submission: 'manual',
      planned_user_fraction: 0.1,
    });
    expect(String(r.external_refs.next_step)).toContain('Play Console');
    expect(f.play.state.getApp(PACKAGE).live.tracks.get('production')).toEqual([
      { name: '1.0.0', versionCodes: ['31'], status: 'draft' },
    ]);
  });

  it('goes to a full rollout only when user_fraction 1 is asked for, and keeps a completed release under a staged one', async () => {
    await lane.dispatch!(f.context({ artifact: f.artifact(41), options: { user_fraction: 1 } }));
    expect(f.play.state.getApp(PACKAGE).live.tracks.get('production')).toEqual([
      { name: '1.0.0', versionCodes: ['41'], status: 'completed' },
    ]);
    const r = await lane.dispatch!(
      f.context({ artifact: f.artifact(42), env: { AKC_PLAY_USER_FRACTION: '0.25' } }),
    );
    expect(r.external_refs).toMatchObject({ user_fraction: 0.25, release_status: 'inProgress' });
    expect(f.play.state.getApp(PACKAGE).live.tracks.get('production')).toEqual([
      { name: '1.0.0', versionCodes: ['41'], status: 'completed' },
      { name: '1.0.0', versionCodes: ['42'], status: 'inProgress', userFraction: 0.25 },
    ]);
  });

  it('streams a 20 MB bundle from disk (chunked request body, no Content-Length)', async () => {
    const artifact = f.artifact(51, 20 * 1024 * 1024);
    const r = await lane.dispatch!(f.context({ artifact }));
    expect(r.status).toBe('submitted');
    const upload = f.uploads()[0]!;
    expect(upload.headers['transfer-encoding']).toBe('chunked');
    expect(upload.headers['content-length']).toBeUndefined();
    const stored = f.play.state.getApp(PACKAGE).live.artifacts[0]!;
    expect(stored.sha256).toBe(artifact.files[0]!.sha256);
  });

  it('refuses invalid options with a clear error and sends nothing', async () => {
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(61), options: { user_fraction: 1.5 } }));
    expect(r).toMatchObject({ status: 'failed', ok: false, error_code: 'ELANE' });
    expect(r.error).toContain('0 < f <= 1');
    expect(f.play.requests.list()).toEqual([]);
  });
});
