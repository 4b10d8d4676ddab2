import { createMemoryLedger } from '@akc/core/testing';
import { iosStoreLane as lane } from '../../src';
import { BUILD_NUMBER, pollContext, startWorld, type AscWorld } from '@akc/emulators/testing';

let world: AscWorld;
beforeEach(async () => {
  world = await startWorld(lane);
  world.emulator.setBehaviour({ appReview: { outcome: 'MANUAL', afterPolls: 1 } });
});
afterEach(() => world.close());

const store = { channel: 'store' as const };

describe('ios:store dispatch', () => {
  it('declares the lane', () => {
    expect(lane).toMatchObject({ id: 'ios:store', kind: 'distribution', platform: 'ios', lane: 'store' });
  });

  it('dry run makes zero requests; manual plans no review submission', async () => {
    const auto = await lane.dispatch!(world.context({ ...store, execute: false }));
    const manual = await lane.dispatch!(world.context({ ...store, execute: false, storeSubmit: 'manual' }));
    expect(world.emulator.requests.list()).toHaveLength(0);
    expect(auto.status).toBe('dry_run');
    const endpoints = (r: typeof auto) => r.planned_calls!.map((c) => `${c.method} ${c.endpoint}`);
    expect(endpoints(auto)).toEqual(
      expect.arrayContaining(['POST /v1/appStoreVersions', 'POST /v1/reviewSubmissions']),
    );
    expect(endpoints(manual)).not.toContain('POST /v1/reviewSubmissions');
  });

  it('auto: uploads when absent, creates the version, attaches, phases, submits; poll follows review to live', async () => {
    const ledger = createMemoryLedger();
    const ctx = world.context({ ...store, ledger });
    const receipt = await lane.dispatch!(ctx);
    expect(receipt).toMatchObject({ status: 'submitted', ok: true, submitted: true });
    expect(world.calls('POST', /^\/v1\/buildUploads$/)).toBe(1);
    expect(world.calls('POST', /^\/v1\/appStoreVersions$/)).toBe(1);
    expect(world.calls('PATCH', /^\/v1\/appStoreVersions\/[^/]+\/relationships\/build$/)).toBe(1);
    expect(world.calls('POST', /^\/v1\/appStoreVersionPhasedReleases$/)).toBe(1);
    expect(world.calls('PATCH', /^\/v1\/reviewSubmissions\//)).toBe(1);
    const snap = ledger.snapshot();
    expect(snap).toMatchObject({
      build_source: 'uploaded',
      build_attached: true,
      version_created: true,
      submitted: true,
    });
    for (const k of ['version_id', 'phased_release_id', 'review_submission_id', 'review_item_id'])
      expect(snap[k]).toBeTruthy();
    const version = world.emulator.state.store.get('appStoreVersions', String(snap['version_id']));
    expect(version.attributes['releaseType']).toBe('AFTER_APPROVAL');

    expect((await lane.poll!(pollContext(ctx))).store_state).toBe('in_review');
    world.emulator.decideAppReview(String(snap['review_submission_id']), 'APPROVED');
    const live = await lane.poll!(pollContext(ctx));
    expect(live.store_state).toBe('live');
    expect(live.external_refs).toMatchObject({
      app_store_state: 'READY_FOR_SALE',
      phased_release_state: 'ACTIVE',
    });
  });

  it('re-running after the submission makes no request at all', async () => {
    const ledger = createMemoryLedger();
    await lane.dispatch!(world.context({ ...store, ledger }));
    world.emulator.requests.clear();
    const again = await lane.dispatch!(world.context({ ...store, ledger }));
    expect(again).toMatchObject({ status: 'submitted', submitted: true });
    expect(world.emulator.requests.list()).toHaveLength(0);
  });

  it('reuses the processed build the beta lane uploaded instead of uploading again', async () => {
    const seeded = world.emulator.seedBuild({
      appId: world.appId,
      version: '1.0.0',
      buildNumber: BUILD_NUMBER,
      processingState: 'VALID',
    });
    const ledger = createMemoryLedger();
    const receipt = await lane.dispatch!(world.context({ ...store, ledger }));
    expect(receipt.status).toBe('submitted');
    expect(world.calls('POST', /^\/v1\/buildUploads$/)).toBe(0);
    expect(ledger.snapshot()).toMatchObject({ build_source: 'found', build_id: seeded.id });
  });

  it('manual: stages build, version and phased release, leaves the submission to a person; auto later submits', async () => {
    const ledger = createMemoryLedger();
    const staged = await lane.dispatch!(world.context({ ...store, ledger, storeSubmit: 'manual' }));
    expect(staged).toMatchObject({ status: 'staged', ok: true, submitted: false });
    expect(world.calls('POST', /^\/v1\/reviewSubmissions$/)).toBe(0);
    expect(ledger.get('build_attached')).toBe(true);
    expect(ledger.get('phased_release_id')).toBeTruthy();
    world.emulator.requests.clear();
    const submitted = await lane.dispatch!(world.context({ ...store, ledger }));
    expect(submitted.status).toBe('submitted');
    expect(
      world.emulator.requests.list().map((r) => `${r.method} ${r.path.replace(/\/[0-9a-f-]{36}$/, '/{id}')}`),
    ).toEqual([
      'GET /v1/builds/{id}', // export compliance is re-checked while unanswered
      'GET /v1/reviewSubmissions',
      'POST /v1/reviewSubmissions',
      'POST /v1/reviewSubmissionItems',
      'PATCH /v1/reviewSubmissions/{id}',
    ]);
  });

  it('MANUAL release without phased release is approved, not live, after review', async () => {
    const ledger = createMemoryLedger();
    const ctx = world.context({
      ...store,
      ledger,
      options: { release_type: 'MANUAL', phased_release: false },
    });
    await lane.dispatch!(ctx);
    expect(world.calls('POST', /^\/v1\/appStoreVersionPhasedReleases$/)).toBe(0);
    world.emulator.decideAppReview(String(ledger.get('review_submission_id')), 'APPROVED');
    expect((await lane.poll!(pollContext(ctx))).store_state).toBe('approved');
  });

  it('lists every review blocker with a fix; the next run keeps the staged work', async () => {
    world.emulator.setBehaviour({
      reviewBlockers: [
        { code: 'STATE_ERROR.SCREENSHOT_REQUIRED.APP_IPHONE_65', detail: 'Screenshots are required.' },
      ],
    });
    const ledger = createMemoryLedger();
    const failed = await lane.dispatch!(world.context({ ...store, ledger }));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /SCREENSHOT_REQUIRED.*Screenshots are required.*fix: Complete what is listed/,
    );
    world.emulator.setBehaviour({ reviewBlockers: [] });
    const ok = await lane.dispatch!(world.context({ ...store, ledger }));
    expect(ok.status).toBe('submitted');
    expect(world.calls('POST', /^\/v1\/appStoreVersions$/)).toBe(1);
    expect(world.calls('POST', /^\/v1\/buildUploads$/)).toBe(1);
  });

  it('rejects bad options before any request', async () => {
    const receipt = await lane.dispatch!(world.context({ ...store, options: { release_type: 'SCHEDULED' } }));
    expect(receipt.error).toMatch(/earliest_release_date is required/);
    expect(world.emulator.requests.list()).toHaveLength(0);
  });
});
