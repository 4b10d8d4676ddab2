import { createMemoryLedger } from '@akc/core/testing';
import { PACKAGE, startPlayFixture, type PlayFixture } from './support/play-fixture';
import lane from '../src';

let f: PlayFixture;
beforeEach(async () => {
  f = await startPlayFixture();
});
afterEach(() => f.close());

const EDITS = `^/androidpublisher/v3/applications/${PACKAGE.replace(/\./g, '\\.')}/edits`;

describe('play dispatch: retries', () => {
  it('rides out a 429 storm without Retry-After (backoff) and counts every attempt', async () => {
    const rule = f.play.injectFault({ method: 'POST', path: `${EDITS}$`, status: 429, times: 3 });
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(101) }));
    expect(r.status).toBe('submitted');
    expect(f.play.faults.list().find((x) => x.id === rule.id)!.hits).toBe(3);
    expect(f.play.requests.list().filter((q) => q.method === 'POST' && /\/edits$/.test(q.path))).toHaveLength(
      4,
    );
    expect(f.lines.filter((l) => l.startsWith('edits.insert: HTTP 429'))).toHaveLength(3);
  });

  it('honours Retry-After (seconds) on 429', async () => {
    f.play.injectFault({ method: 'PUT', path: '/tracks/', status: 429, retryAfter: 1, times: 1 });
    const started = Date.now();
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(102) }));
    expect(r.status).toBe('submitted');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(f.lines.some((l) => l.includes('(Retry-After 1)'))).toBe(true);
  });

  it('retries 503s (also on the streamed upload and an HTML 502) and succeeds', async () => {
    f.play.injectFault({ path: '^/upload/', status: 503, times: 2 });
    f.play.injectFault({ path: ':commit$', status: 502, html: true, times: 1 });
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(103) }));
    expect(r.status).toBe('submitted');
    expect(f.play.faults.injectedCount).toBe(3);
    expect(f.uploads().map((u) => u.status)).toEqual([503, 503, 200]);
  });

  it('retries a dropped connection', async () => {
    f.play.injectFault({ kind: 'drop', path: '/tracks/', method: 'GET', times: 1 });
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(104) }));
    expect(r.status).toBe('submitted');
    expect(f.play.faults.injectedCount).toBe(1);
  });

  it('stops after max_attempts on a persistent 503 and says to run again', async () => {
    f.play.injectFault({ method: 'POST', path: `${EDITS}$`, status: 503, times: 'always' });
    const r = await lane.dispatch!(f.context({ artifact: f.artifact(105) }));
    expect(r).toMatchObject({
      status: 'failed',
      ok: false,
      external_refs: { failure: 'provider_unavailable' },
    });
    expect(r.error).toContain('after 4 attempts');
    expect(r.error).toContain('ledger resumes');
    expect(f.play.faults.injectedCount).toBe(4);
  });
});

describe('play dispatch: crash and resume', () => {
  it('resumes after a failure past the upload: one upload in total, then a committed release', async () => {
    const ledger = createMemoryLedger();
    const artifact = f.artifact(201);
    f.play.injectFault({ method: 'PUT', path: '/tracks/', status: 503, times: 4 });
    const first = await lane.dispatch!(f.context({ artifact, ledger }));
    expect(first).toMatchObject({ status: 'failed', ok: false });
    expect(ledger.snapshot()).toMatchObject({ uploaded_version_code: 201 });
    expect(ledger.snapshot().track_updated).toBeUndefined();
    const second = await lane.dispatch!(f.context({ artifact, ledger }));
    expect(second.status).toBe('submitted');
    expect(f.uploads()).toHaveLength(1);
    expect(f.play.requests.list().filter((q) => q.method === 'POST' && /\/edits$/.test(q.path))).toHaveLength(
      1,
    );
    expect(f.play.state.getApp(PACKAGE).live.tracks.get('production')![0]!.versionCodes).toEqual(['201']);
  });

  it('opens a new edit and uploads into it when the recorded edit expired', async () => {
    const ledger = createMemoryLedger();
    const artifact = f.artifact(202);
    f.play.injectFault({ method: 'POST', path: ':validate$', status: 500, times: 'always' });
    expect((await lane.dispatch!(f.context({ artifact, ledger }))).status).toBe('failed');
    f.play.faults.clear();
    const expired = ledger.get<string>('edit_id')!;
    f.play.expireEdit(expired);
    const r = await lane.dispatch!(f.context({ artifact, ledger }));
    expect(r.status).toBe('submitted');
    expect(f.uploads()).toHaveLength(2);
    expect(r.external_refs.edit_id).not.toBe(expired);
    expect(ledger.snapshot().uploaded_edit_id).toBe(r.external_refs.edit_id);
    expect(f.lines.some((l) => /is gone .*expired/.test(l))).toBe(true);
  });

  it('finishes a release whose commit answer was lost: the same file is not reported as a duplicate', async () => {
    const ledger = createMemoryLedger();
    const artifact = f.artifact(203);
    await lane.dispatch!(f.context({ artifact, ledger }));
    ledger.set('committed', null); // as if the process died between the commit and recording it
    const r = await lane.dispatch!(f.context({ artifact, ledger }));
    expect(r.status).toBe('submitted');
    expect(f.lines.some((l) => /already in edit|treating it as uploaded/.test(l))).toBe(true);
    expect(f.uploads().map((u) => u.status)).toEqual([200, 403]);
  });
});
