import { Agent } from 'node:http';
import { startDeliveryServer } from '../../src/serve';
import { getStatus, verifyDelivery } from '../../src/control-plane/queries';
import { EVENT } from '../../src/events/event-types';
import { createFixture, type Fixture } from '../control-plane/fixtures';
import { http } from './http-client';

const RECIPIENTS = Array.from({ length: 100 }, (_, i) => `r${i}@x.com`);

function body(f: Fixture, email: string, kind: 'first_run' | 'heartbeat'): string {
  return JSON.stringify({
    delivery_id: f.id,
    recipient_token_id: f.token(email),
    activation_token: f.activationToken(email),
    platform: 'web',
    app_version: '1.0.0',
    [`${kind}_at_unix_ms`]: f.io.now(),
    active: true,
  });
}

function post(url: string, text: string, agent: Agent): ReturnType<typeof http> {
  return http(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text, agent });
}

describe('akc deliver serve under load and shutdown', () => {
  jest.setTimeout(60_000);

  it('200 concurrent activation POSTs are each recorded exactly once with a gap-free event log', async () => {
    const f = createFixture({ recipients: RECIPIENTS });
    const s = await startDeliveryServer({ io: f.io, projectDir: f.project });
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    try {
      const url = `${s.url}/v1/deliveries/${f.id}/activation`;
      const all = RECIPIENTS.flatMap((e) => [body(f, e, 'first_run'), body(f, e, 'heartbeat')]);
      const results = await Promise.all(all.map((t) => post(url, t, agent)));
      expect(results.map((r) => r.status)).toEqual(all.map(() => 202));
    } finally {
      agent.destroy();
      await s.close();
    }
    const firstRuns = f.store.readLog('events').filter((e) => e.event_type === EVENT.activationFirstRun);
    expect(firstRuns).toHaveLength(RECIPIENTS.length);
    expect(new Set(firstRuns.map((e) => (e.payload as { recipient: string }).recipient)).size).toBe(
      RECIPIENTS.length,
    );
    const session = getStatus(f.io, f.project, f.id).session;
    for (const e of RECIPIENTS) expect(session.per_recipient[e]!.platforms.web!.heartbeat_count).toBe(1);
    const v = verifyDelivery(f.io, f.project, f.id);
    expect(v.ok).toBe(true);
    expect(v.events.last_seq).toBe(v.events.rows);
  });

  it('close() while requests are in flight loses none of them', async () => {
    const f = createFixture({ recipients: RECIPIENTS.slice(0, 10) });
    const s = await startDeliveryServer({ io: f.io, projectDir: f.project });
    const url = `${s.url}/v1/deliveries/${f.id}/activation`;
    const finishers: Array<() => void> = [];
    const started: Array<Promise<void>> = [];
    const pending = RECIPIENTS.slice(0, 10).map((e) => {
      const text = body(f, e, 'first_run');
      let sent!: () => void;
      started.push(new Promise<void>((r) => (sent = r)));
      return http(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) },
        slowBody: (write, end) => {
          write(text.slice(0, 10));
          sent();
          finishers.push(() => {
            write(text.slice(10));
            end();
          });
        },
      });
    });
    await Promise.all(started);
    await new Promise((r) => setTimeout(r, 100));
    const closed = s.close();
    await new Promise((r) => setTimeout(r, 50));
    for (const finish of finishers) finish();
    const results = await Promise.all(pending);
    await closed;
    expect(results.map((r) => r.status)).toEqual(results.map(() => 202));
    const firstRuns = f.store.readLog('events').filter((e) => e.event_type === EVENT.activationFirstRun);
    expect(firstRuns).toHaveLength(10);
    await expect(http(`${s.url}/healthz`)).rejects.toThrow();
  });
});
