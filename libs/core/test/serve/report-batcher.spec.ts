import { createReportBatcher } from '../../src/serve/report-batcher';
import { createFixture } from '../control-plane/fixtures';

function report(f: ReturnType<typeof createFixture>, email: string, extra: Record<string, unknown> = {}) {
  return {
    delivery_id: f.id,
    activation_token: f.activationToken(email),
    platform: 'web',
    first_run_at_unix_ms: 1,
    ...extra,
  };
}

describe('report batcher (group commit behind akc deliver serve)', () => {
  it('writes reports submitted in one turn of the event loop in one transaction', async () => {
    const emails = Array.from({ length: 50 }, (_, i) => `r${i}@x.com`);
    const f = createFixture({ recipients: emails });
    const b = createReportBatcher(f.io, f.project);
    const rev0 = f.store.read('session').revision;
    const pending = emails.map((e) => b.submit(f.id, report(f, e)));
    expect(b.pending()).toBe(50);
    const results = await Promise.all(pending);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(b.batches()).toBe(1);
    expect(b.pending()).toBe(0);
    expect(f.store.read('session').revision).toBe(rev0 + 1);
    expect(f.store.readLog('evidence')).toHaveLength(50);
  });

  it('splits a large queue into batches of at most maxBatch, in order', async () => {
    const emails = Array.from({ length: 25 }, (_, i) => `r${i}@x.com`);
    const f = createFixture({ recipients: emails });
    const b = createReportBatcher(f.io, f.project, 10);
    const results = await Promise.all(emails.map((e) => b.submit(f.id, report(f, e))));
    expect(results.map((r) => (r.ok ? r.recipient : '?'))).toEqual(emails);
    expect(b.batches()).toBe(3);
  });

  it('a refused report does not spoil its batch; an unknown delivery rejects only its own batch', async () => {
    const f = createFixture();
    const b = createReportBatcher(f.io, f.project);
    const good = b.submit(f.id, report(f, 'a@x.com'));
    const bad = b.submit(f.id, report(f, 'b@x.com', { activation_token: 'akc1.nope' }));
    const lost = b.submit('00000000-0000-4000-8000-000000000000', report(f, 'a@x.com'));
    await expect(good).resolves.toMatchObject({ ok: true, recipient: 'a@x.com' });
    await expect(bad).resolves.toMatchObject({ ok: false, error: { code: 'EACTIVATIONTOKEN' } });
    await expect(lost).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(f.store.readLog('evidence')).toHaveLength(1);
  });
});
