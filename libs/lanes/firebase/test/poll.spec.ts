import { createMemoryLedger } from '@akc/core/testing';
import lane from '../src';
import { PROJECT, startHarness, type FirebaseHarness } from './helpers/firebase-env';

let h: FirebaseHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('firebase poll', () => {
  it('reports nothing before an upload', async () => {
    const result = await lane.poll!(h.pollCtx(createMemoryLedger()));
    expect(result.installs).toEqual([]);
    expect(h.calls()).toHaveLength(0);
  });

  it('maps tester activity after the invite to install evidence', async () => {
    const ledger = createMemoryLedger();
    await lane.dispatch!(h.ctx({ ledger }));
    const before = await lane.poll!(h.pollCtx(ledger));
    expect(before.installs).toEqual([]);
    expect(before.external_refs).toMatchObject({
      release_name: ledger.get('release_name'),
      open_invitation_count: 3,
    });

    const later = new Date(Date.now() + 60_000).toISOString();
    const dana = h.emulator.state.testers.get(PROJECT)?.get('dana@example.com');
    if (dana) dana.lastActivityTime = later;
    const after = await lane.poll!(h.pollCtx(ledger));
    expect(after.installs).toEqual([
      {
        email: 'dana@example.com',
        at_unix_ms: Date.parse(later),
        detail: expect.stringMatching(/lastActivityTime/),
      },
    ]);
    expect(h.calls(/\/testers$/).length).toBe(2);
  });
});
