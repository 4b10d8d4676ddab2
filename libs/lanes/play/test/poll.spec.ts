import type { PollContext } from '@akc/core';
import { createMemoryLedger } from '@akc/core/testing';
import { PACKAGE, startPlayFixture, type PlayFixture } from './support/play-fixture';
import lane from '../src';

let f: PlayFixture;
beforeEach(async () => {
  f = await startPlayFixture();
});
afterEach(() => f.close());

describe('play poll', () => {
  it('reports a staged rollout as live with its fraction, and leaves no edit open', async () => {
    const ledger = createMemoryLedger();
    const ctx = f.context({ artifact: f.artifact(1001), ledger });
    await lane.dispatch!(ctx);
    f.play.requests.clear();
    const r = await lane.poll!(ctx as PollContext);
    expect(r.store_state).toBe('live');
    expect(r.external_refs).toMatchObject({
      package_name: PACKAGE,
      track: 'production',
      version_code: 1001,
      store_status: 'inProgress',
      user_fraction: 0.1,
    });
    expect(String(r.external_refs!.detail)).toContain('10%');
    expect(f.play.requests.list().map((q) => q.method)).toEqual(['POST', 'POST', 'GET', 'DELETE']);
    expect([...f.play.state.edits.values()].filter((e) => e.state === 'open')).toEqual([]);
  });

  it('reports a draft as processing, a full rollout as live, and an unknown build as unknown', async () => {
    const ledger = createMemoryLedger();
    const draft = f.context({ artifact: f.artifact(1002), ledger, storeSubmit: 'manual' });
    await lane.dispatch!(draft);
    expect((await lane.poll!(draft as PollContext)).store_state).toBe('processing');
    const full = f.context({ artifact: f.artifact(1003), options: { user_fraction: 1 } });
    await lane.dispatch!(full);
    expect((await lane.poll!(full as PollContext)).external_refs).toMatchObject({
      store_status: 'completed',
      user_fraction: 1,
    });
    const never = f.context({ artifact: f.artifact(1004) });
    expect((await lane.poll!(never as PollContext)).store_state).toBe('unknown');
  });

  it('throws an ELANE error with a fix when Play refuses', async () => {
    const ctx = f.context({
      artifact: f.artifact(1005),
      env: { AKC_DELIVERY_PLAY_PACKAGE_NAME: 'com.example.nope' },
    });
    await expect(lane.poll!(ctx as PollContext)).rejects.toMatchObject({
      code: 'ELANE',
      hint: expect.stringContaining('package name'),
    });
  });
});
