import { createMemoryLedger } from '@akc/core/testing';
import lane from '../src';
import { GROUP, GROUP_MEMBER, startHarness, type FirebaseHarness } from './helpers/firebase-env';

let h: FirebaseHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const DANA = 'dana@example.com';
const LEE = 'lee@example.com';

describe('firebase dispatch against the emulator', () => {
  it('streams the APK, polls the operation, sets notes and distributes to e-mails and groups', async () => {
    const ledger = createMemoryLedger();
    const receipt = await lane.dispatch!(h.ctx({ ledger }));

    expect(receipt.status).toBe('completed');
    expect(receipt.ok).toBe(true);
    expect(receipt.recipients[DANA]).toEqual({
      state: 'invited',
      provider_id: `projects/123456789/testers/${DANA}`,
    });
    expect(receipt.recipients[LEE]?.state).toBe('invited');
    expect(receipt.external_refs).toMatchObject({
      app: 'projects/123456789/apps/1:123456789:android:0a1b2c3d4e',
      release_display_version: '1.0.0',
      upload_result: 'RELEASE_CREATED',
    });

    // Streamed: one chunked raw upload (no Content-Length: the body was never a buffer), and the
    // emulator hashed every byte of the 3 MiB file.
    const uploads = h.calls(/releases:upload$/);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.headers['transfer-encoding']).toBe('chunked');
    expect(uploads[0]?.headers['content-length']).toBeUndefined();
    expect(uploads[0]?.headers['x-goog-upload-protocol']).toBe('raw');
    expect(uploads[0]?.headers['x-goog-upload-file-name']).toBe('app-release.apk');
    const ops = [...h.emulator.state.operations.values()];
    expect(ops.map((o) => o.sha256)).toEqual([h.apk.sha256]);

    // Polled until done, notes patched, one distribute.
    expect(h.calls(/\/operations\//).length).toBeGreaterThanOrEqual(2);
    const patch = h.calls().filter((r) => r.method === 'PATCH');
    expect(patch.map((r) => r.query)).toEqual(['updateMask=release_notes.text']);
    const release = [...h.emulator.state.releases.values()][0];
    expect(release?.releaseNotes).toBe('Version 1.0.0 for 2 testers');
    expect(h.calls(/:distribute$/)).toHaveLength(1);
    expect(h.emulator.outbox.map((m) => m.to).sort()).toEqual([DANA, LEE, GROUP_MEMBER].sort());
    expect([...(release?.groups ?? [])]).toEqual([GROUP]);

    const snap = ledger.snapshot();
    expect(snap).toMatchObject({
      upload_operation: ops[0]?.name,
      upload_sha256: h.apk.sha256,
      release_name: release?.name,
      upload_result: 'RELEASE_CREATED',
      notes_set: release?.name,
      groups_distributed: { release: release?.name, aliases: [GROUP] },
    });
    expect((snap.recipients as Record<string, { state: string }>)[DANA]?.state).toBe('invited');
  });

  it('uses configured release notes', async () => {
    await lane.dispatch!(h.ctx({ options: { release_notes: 'Try the new login', poll_interval_ms: 5 } }));
    expect([...h.emulator.state.releases.values()][0]?.releaseNotes).toBe('Try the new login');
  });

  it('a dry run makes no request and lists the exact calls', async () => {
    const receipt = await lane.dispatch!(h.ctx({ execute: false }));
    expect(h.emulator.requests.list()).toHaveLength(0);
    expect(receipt.status).toBe('dry_run');
    expect(receipt.recipients[DANA]?.state).toBe('planned');
    const calls = receipt.planned_calls ?? [];
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST', 'GET', 'PATCH', 'POST']);
    expect(calls[1]?.endpoint).toBe(
      `${h.emulator.url}/upload/v1/projects/123456789/apps/1:123456789:android:0a1b2c3d4e/releases:upload`,
    );
    expect(calls[2]?.endpoint).toContain(`/releases/-/operations/${h.apk.sha256}`);
    expect(calls[3]?.purpose).toContain('Version 1.0.0 for 2 testers');
    expect(calls[4]?.endpoint).toMatch(/:distribute$/);
    expect(calls[4]?.purpose).toContain(`2 e-mail(s) (${DANA}, ${LEE}) and groups ${GROUP}`);
  });

  it('a re-run after success uploads and invites nothing; resend re-distributes one recipient only', async () => {
    const ledger = createMemoryLedger();
    await lane.dispatch!(h.ctx({ ledger }));
    const before = h.calls().length;
    const again = await lane.dispatch!(h.ctx({ ledger }));
    expect(again.status).toBe('completed');
    expect(again.recipients[DANA]?.state).toBe('already_invited');
    expect(h.calls().length).toBe(before);
    const dry = await lane.dispatch!(h.ctx({ ledger, execute: false }));
    expect(dry.planned_calls).toEqual([]);

    const outbox = h.emulator.outbox.length;
    const resent = await lane.dispatch!(h.ctx({ ledger, resend: true, recipients: [LEE] }));
    expect(resent.status).toBe('completed');
    expect(Object.keys(resent.recipients)).toEqual([LEE]);
    expect(resent.recipients[LEE]?.state).toBe('invited');
    expect(h.calls(/releases:upload$/)).toHaveLength(1);
    expect(h.calls(/:distribute$/)).toHaveLength(2);
    expect(h.emulator.outbox.slice(outbox).map((m) => m.to)).toEqual([LEE]);
  });

  it('reuses the existing release when Firebase answers RELEASE_UNMODIFIED', async () => {
    const first = await lane.dispatch!(h.ctx());
    const second = await lane.dispatch!(h.ctx({ ledger: createMemoryLedger() }));
    expect(second.status).toBe('completed');
    expect(second.external_refs['upload_result']).toBe('RELEASE_UNMODIFIED');
    expect(second.external_refs['release_name']).toBe(first.external_refs['release_name']);
    expect(h.emulator.state.releases.size).toBe(1);
  });
});
