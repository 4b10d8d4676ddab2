import lane from '../src';
import { startHarness, type FirebaseHarness } from './helpers/firebase-env';

let h: FirebaseHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('firebase dispatch retries', () => {
  it('honours Retry-After on a 429 from the upload and uploads again', async () => {
    const fault = h.emulator.injectFault({
      method: 'POST',
      path: 'releases:upload$',
      status: 429,
      retryAfter: 1,
    });
    const started = Date.now();
    const receipt = await lane.dispatch!(h.ctx());
    expect(receipt.status).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.emulator.faults.list().find((f) => f.id === fault.id)?.hits).toBe(1);
    expect(h.calls(/releases:upload$/)).toHaveLength(2);
    expect(h.logs.some((l) => /upload: HTTP 429; retry 2\/4 in 1000 ms \(Retry-After\)/.test(l))).toBe(true);
    expect([...h.emulator.state.operations.values()][0]?.sha256).toBe(h.apk.sha256);
  });

  it('backs off on 429s without Retry-After while polling the operation', async () => {
    h.emulator.injectFault({ method: 'GET', path: '/operations/', status: 429, times: 2 });
    const receipt = await lane.dispatch!(h.ctx());
    expect(receipt.status).toBe('completed');
    expect(h.emulator.faults.injectedCount).toBe(2);
    expect(h.logs.filter((l) => /upload status: HTTP 429; retry/.test(l))).toHaveLength(2);
  });

  it('retries 503s on distribute and then succeeds, inviting once', async () => {
    h.emulator.injectFault({ method: 'POST', path: ':distribute$', status: 503, times: 3 });
    const receipt = await lane.dispatch!(h.ctx());
    expect(receipt.status).toBe('completed');
    expect(h.emulator.faults.injectedCount).toBe(3);
    expect(h.calls(/:distribute$/)).toHaveLength(4);
    expect(h.emulator.outbox.filter((m) => m.to === 'dana@example.com')).toHaveLength(1);
  });

  it('retries a dropped connection (network error)', async () => {
    h.emulator.injectFault({ method: 'PATCH', kind: 'drop' });
    const receipt = await lane.dispatch!(h.ctx());
    expect(receipt.status).toBe('completed');
    expect(h.logs.some((l) => /release notes: network error/.test(l))).toBe(true);
  });

  it('stops after max_attempts and reports a resumable failure', async () => {
    h.emulator.injectFault({ method: 'PATCH', status: 502, html: true, times: 'always' });
    const receipt = await lane.dispatch!(h.ctx());
    expect(receipt.status).toBe('failed');
    expect(receipt.error_code).toBe('ELANE');
    expect(receipt.error).toMatch(/Firebase stayed unavailable, release notes \(HTTP 502/);
    expect(receipt.error).toMatch(/resumes where it stopped/);
    expect(h.calls().filter((r) => r.method === 'PATCH')).toHaveLength(4);
    expect(h.calls(/:distribute$/)).toHaveLength(0);
  });
});
