import { createMemoryLedger } from '@akc/core/testing';
import lane from '../src';
import { FAST, startHarness, type FirebaseHarness } from './helpers/firebase-env';

let h: FirebaseHarness;
beforeEach(async () => {
  h = await startHarness({ operationPolls: 'never' });
});
afterEach(() => h.close());

describe('firebase processing that never finishes', () => {
  it('waits a bounded time, keeps the operation, and a re-run resumes without uploading again', async () => {
    const ledger = createMemoryLedger();
    const options = { ...FAST, max_wait_ms: 80 };
    const started = Date.now();
    const first = await lane.dispatch!(h.ctx({ ledger, options }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/still processing the upload after 80 ms/);
    expect(first.error).toMatch(/run the wave again to resume/);
    expect(first.recipients['dana@example.com']?.state).toBe('failed');
    const op = [...h.emulator.state.operations.values()][0];
    expect(first.external_refs['upload_operation']).toBe(op?.name);
    expect(ledger.snapshot()).toMatchObject({ upload_operation: op?.name });
    expect(ledger.get('release_name')).toBeUndefined();
    expect(h.calls(/:distribute$/)).toHaveLength(0);

    // A dry run now plans to resume: no upload, just polling the recorded operation.
    const dry = await lane.dispatch!(h.ctx({ ledger, options, execute: false }));
    expect(dry.planned_calls?.some((c) => c.endpoint.endsWith('releases:upload'))).toBe(false);
    expect(dry.planned_calls?.some((c) => c.endpoint.endsWith(op?.name ?? '?'))).toBe(true);

    h.emulator.setBehaviour({ operationPolls: 0 });
    const second = await lane.dispatch!(h.ctx({ ledger, options }));
    expect(second.status).toBe('completed');
    expect(h.calls(/releases:upload$/)).toHaveLength(1);
    expect(h.calls(/:distribute$/)).toHaveLength(1);
    expect(h.logs.some((l) => l.startsWith('resuming upload operation'))).toBe(true);
    expect(second.recipients['dana@example.com']?.state).toBe('invited');
  });

  it('a failed processing operation is reported with a fix and forgotten, so the next run uploads afresh', async () => {
    h.emulator.setBehaviour({ operationPolls: 0, failNextOperation: 'The binary is not a valid APK.' });
    const ledger = createMemoryLedger();
    const receipt = await lane.dispatch!(h.ctx({ ledger }));
    expect(receipt.status).toBe('failed');
    expect(receipt.error).toMatch(/could not process the binary: The binary is not a valid APK/);
    expect(ledger.get('upload_operation')).toBeNull();
  });
});
