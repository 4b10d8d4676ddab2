import { writeFileSync } from 'node:fs';
import type { DispatchLedger } from '@akc/core';
import { createMemoryLedger } from '@akc/core/testing';
import lane from '../src';
import { BUILD_NUMBER, recipients, startWorld, strangerKeyPem, type AscWorld } from '@akc/emulators/testing';

let world: AscWorld;
beforeEach(async () => {
  world = await startWorld(lane);
});
afterEach(() => world.close());

/** A ledger that runs `hook` after the first recipient is recorded (a crash or a fault mid-list). */
function hookedLedger(hook: () => void): DispatchLedger & { snapshot(): Record<string, unknown> } {
  const inner = createMemoryLedger();
  let fired = false;
  return {
    ...inner,
    setRecipient(email, value) {
      inner.setRecipient(email, value);
      if (!fired) {
        fired = true;
        hook();
      }
    },
  };
}

describe('testflight dispatch: retries, resume and errors', () => {
  it('rides out a 429 storm (with and without Retry-After) and 503s', async () => {
    const f1 = world.emulator.injectFault({ method: 'GET', path: '^/v1/apps$', status: 429, times: 3 });
    const f2 = world.emulator.injectFault({
      method: 'GET',
      path: '^/v1/builds/',
      status: 429,
      retryAfter: 1,
      times: 2,
    });
    const f3 = world.emulator.injectFault({
      method: 'POST',
      path: '^/v1/betaTesters$',
      status: 503,
      times: 2,
    });
    const lines: string[] = [];
    const receipt = await lane.dispatch!(world.context({ log: (l) => lines.push(l) }));
    expect(receipt.status).toBe('completed');
    expect([f1.hits, f2.hits, f3.hits]).toEqual([3, 2, 2]);
    expect(world.emulator.faults.injectedCount).toBe(7);
    expect(lines.filter((l) => l.includes('Retry-After'))).toHaveLength(2);
    expect(world.emulator.outbox).toHaveLength(2);
  });

  it('bounds a processing wait that never finishes, then resumes without uploading again', async () => {
    world.emulator.setBehaviour({ buildProcessing: { outcome: 'NEVER', afterPolls: 1, afterMs: 0 } });
    const ledger = createMemoryLedger();
    const first = await lane.dispatch!(
      world.context({ ledger, options: { max_wait_ms: 100, poll_interval_ms: 20 } }),
    );
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/still processing \(PROCESSING\).*run again to resume/);
    expect(first.external_refs).toMatchObject({ resumable: true, build_state: 'PROCESSING' });
    const buildId = ledger.get<string>('build_id')!;
    expect(buildId).toBeTruthy();
    expect(world.emulator.outbox).toHaveLength(0);
    world.emulator.setBuildProcessing(buildId, 'VALID');
    const second = await lane.dispatch!(world.context({ ledger }));
    expect(second.status).toBe('completed');
    expect(world.calls('POST', /^\/v1\/buildUploads$/)).toBe(1);
    expect(world.calls('POST', /^\/v1\/buildUploadFiles$/)).toBe(1);
  });

  it('an upload cut off by an outage is cleaned up and sent once more on the next run', async () => {
    const fault = world.emulator.injectFault({ method: 'PUT', path: '^/__upload/', status: 503, times: 2 });
    const ledger = createMemoryLedger();
    const first = await lane.dispatch!(
      world.context({ ledger, options: { retry: { max_attempts: 2, base_delay_ms: 1 } } }),
    );
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/unavailable after retries.*run the same command again/i);
    expect(fault.hits).toBe(2);
    const second = await lane.dispatch!(world.context({ ledger }));
    expect(second.status).toBe('completed');
    expect(world.calls('DELETE', /^\/v1\/buildUploads\//)).toBe(1);
    expect(world.emulator.state.store.all('builds')).toHaveLength(1);
  });

  it('a tester creation killed after retries stops the list; the re-run invites only the rest', async () => {
    const three = recipients('ann@example.com', 'bob@example.com', 'cy@example.com');
    const ledger = hookedLedger(() =>
      world.emulator.injectFault({ method: 'POST', path: '^/v1/betaTesters$', status: 503, times: 3 }),
    );
    const options = { retry: { max_attempts: 3, base_delay_ms: 1 } };
    const first = await lane.dispatch!(world.context({ ledger, recipients: three, options }));
    expect(first.status).toBe('partial');
    expect(first.recipients['ann@example.com']?.state).toBe('invited');
    expect(first.recipients['bob@example.com']?.state).toBe('failed');
    expect(first.recipients['cy@example.com']?.state).toBe('skipped');
    expect(world.emulator.faults.injectedCount).toBe(3);
    const second = await lane.dispatch!(world.context({ ledger, recipients: three }));
    expect(second.status).toBe('completed');
    expect(second.recipients['ann@example.com']?.state).toBe('already_invited');
    expect(second.recipients['bob@example.com']?.state).toBe('invited');
    expect(world.emulator.outbox.map((m) => m.to).sort()).toEqual([
      'ann@example.com',
      'bob@example.com',
      'cy@example.com',
    ]);
  });

  it('a process killed right after one invitation resumes with the others', async () => {
    const ledger = hookedLedger(() => {
      throw new Error('killed');
    });
    const first = await lane.dispatch!(world.context({ ledger }));
    expect(first.status).toBe('failed');
    const second = await lane.dispatch!(world.context({ ledger }));
    expect(second.recipients['dana@example.com']?.state).toBe('already_invited');
    expect(second.recipients['lee@example.com']?.state).toBe('invited');
    expect(world.emulator.outbox).toHaveLength(2);
    expect(world.calls('POST', /^\/v1\/buildUploads$/)).toBe(1);
  });

  it('explains invalid credentials with the variables to fix, and uploads nothing', async () => {
    const keyPath = `${world.dir}/AuthKey_WRONG.p8`;
    writeFileSync(keyPath, strangerKeyPem());
    const receipt = await lane.dispatch!(
      world.context({ env: { APP_STORE_CONNECT_PRIVATE_KEY_PATH: keyPath } }),
    );
    expect(receipt.status).toBe('failed');
    expect(receipt.error_code).toBe('ELANE');
    expect(receipt.error).toMatch(/rejected the API key.*APP_STORE_CONNECT_API_KEY_ID/);
    expect(world.calls('POST', /^\/v1\/buildUploads$/)).toBe(0);
  });

  it('explains a missing key configuration without any request', async () => {
    const receipt = await lane.dispatch!(world.context({ env: { APP_STORE_CONNECT_API_KEY_ID: undefined } }));
    expect(receipt.error).toMatch(/no App Store Connect API key configured/);
    expect(world.emulator.requests.list()).toHaveLength(0);
  });

  it('refuses a build number that someone else already used', async () => {
    world.emulator.seedBuild({
      appId: world.appId,
      version: '1.0.0',
      buildNumber: BUILD_NUMBER,
      processingState: 'VALID',
    });
    const receipt = await lane.dispatch!(world.context());
    expect(receipt.status).toBe('failed');
    expect(receipt.error).toContain(`build number ${BUILD_NUMBER} already exists for this app`);
    expect(receipt.error).toMatch(/bump the version: akc allocates a higher build number on rebuild/i);
  });

  it('a tester limit fails that recipient with a fix; the others are invited (partial)', async () => {
    world.emulator.injectFault({
      method: 'POST',
      path: '^/v1/betaTesters$',
      status: 409,
      code: 'STATE_ERROR.TESTER_LIMIT_REACHED',
      message: 'The maximum number of testers has been reached.',
    });
    const receipt = await lane.dispatch!(world.context());
    expect(receipt.status).toBe('partial');
    expect(receipt.ok).toBe(false);
    expect(receipt.recipients['dana@example.com']).toMatchObject({ state: 'failed' });
    expect(receipt.recipients['dana@example.com']?.detail).toMatch(
      /tester limit reached.*remove inactive testers/,
    );
    expect(receipt.recipients['lee@example.com']?.state).toBe('invited');
  });
});
