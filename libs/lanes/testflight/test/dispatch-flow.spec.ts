import { createMemoryLedger } from '@akc/core/testing';
import lane from '../src';
import { pollContext, startWorld, type AscWorld } from '@akc/emulators/testing';

let world: AscWorld;
beforeEach(async () => {
  world = await startWorld(lane);
});
afterEach(() => world.close());

describe('testflight dispatch: the happy path', () => {
  it('dry run makes zero requests and lists the exact calls', async () => {
    const receipt = await lane.dispatch!(world.context({ execute: false }));
    expect(world.emulator.requests.list()).toHaveLength(0);
    expect(receipt.status).toBe('dry_run');
    expect(receipt.recipients['dana@example.com']?.state).toBe('planned');
    const endpoints = receipt.planned_calls!.map((c) => `${c.method} ${c.endpoint}`);
    expect(endpoints).toContain('POST /v1/buildUploads');
    expect(endpoints).toContain('GET /v1/apps?filter[bundleId]=com.example.demo');
    expect(endpoints).toContain(`GET /v1/betaGroups/${world.groupId}`);
    expect(endpoints).toContain('POST /v1/betaTesters');
  });

  it('uploads (streamed, in parts), waits, assigns the group, submits beta review and invites each recipient', async () => {
    const ledger = createMemoryLedger();
    const receipt = await lane.dispatch!(world.context({ ledger }));
    expect(receipt.status).toBe('completed');
    expect(receipt.ok).toBe(true);
    for (const email of ['dana@example.com', 'lee@example.com']) {
      expect(receipt.recipients[email]?.state).toBe('invited');
      expect(receipt.recipients[email]?.provider_id).toBeTruthy();
    }
    expect(world.calls('POST', /^\/v1\/buildUploads$/)).toBe(1);
    const puts = world.emulator.requests.list().filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(Math.ceil(world.ipaBytes / (64 * 1024)));
    for (const put of puts) expect(put.headers['authorization']).toBeUndefined();
    expect(world.calls('POST', /^\/v1\/builds\/[^/]+\/relationships\/betaGroups$/)).toBe(1);
    expect(world.calls('POST', /^\/v1\/betaAppReviewSubmissions$/)).toBe(1);
    expect(world.emulator.outbox.map((m) => m.to).sort()).toEqual(['dana@example.com', 'lee@example.com']);
    const state = ledger.snapshot();
    expect(state).toMatchObject({
      app_id: world.appId,
      group_id: world.groupId,
      build_in_group: true,
      build_state: 'VALID',
    });
    expect(state['upload_id']).toEqual(receipt.external_refs['upload_id']);
    expect(state['beta_review_submission_id']).toBeTruthy();
    expect((state['recipients'] as Record<string, { state: string }>)['dana@example.com']?.state).toBe(
      'invited',
    );
  });

  it('re-running after completion uploads and invites nothing', async () => {
    const ledger = createMemoryLedger();
    await lane.dispatch!(world.context({ ledger }));
    world.emulator.requests.clear();
    const again = await lane.dispatch!(world.context({ ledger }));
    expect(again.status).toBe('completed');
    expect(again.recipients['dana@example.com']?.state).toBe('already_invited');
    expect(world.emulator.requests.list().filter((r) => r.method !== 'GET')).toEqual([]);
    expect(world.emulator.outbox).toHaveLength(2);
  });

  it('resend sends one recipient the invitation again', async () => {
    const ledger = createMemoryLedger();
    await lane.dispatch!(world.context({ ledger }));
    const only = world
      .context({ ledger, resend: true })
      .recipients.filter((r) => r.email === 'dana@example.com');
    const receipt = await lane.dispatch!({ ...world.context({ ledger, resend: true }), recipients: only });
    expect(receipt.recipients['dana@example.com']).toMatchObject({
      state: 'invited',
      detail: 'TestFlight invitation sent again',
    });
    expect(world.calls('POST', /^\/v1\/betaTesterInvitations$/)).toBe(1);
    expect(world.emulator.outbox.filter((m) => m.to === 'dana@example.com')).toHaveLength(2);
    expect(world.emulator.outbox.filter((m) => m.to === 'lee@example.com')).toHaveLength(1);
  });

  it('poll maps INSTALLED and ACCEPTED testers to installs and reports build and review state', async () => {
    const ledger = createMemoryLedger();
    const ctx = world.context({ ledger });
    await lane.dispatch!(ctx);
    const dana = world.emulator.state.store
      .all('betaTesters')
      .find((t) => t.attributes['email'] === 'dana@example.com')!;
    dana.attributes['state'] = 'INSTALLED';
    const result = await lane.poll!(pollContext(ctx));
    expect(result.installs).toEqual([
      expect.objectContaining({ email: 'dana@example.com', detail: 'testflight: installed' }),
    ]);
    expect(result.external_refs).toMatchObject({
      build_state: 'VALID',
      tester_states: { 'dana@example.com': 'INSTALLED', 'lee@example.com': 'INVITED' },
    });
    expect(result.external_refs?.['beta_review_state']).toBeTruthy();
  });

  it('an internal group gets no beta app review', async () => {
    await world.close();
    world = await startWorld(lane, { internalGroup: true });
    const receipt = await lane.dispatch!(world.context());
    expect(receipt.status).toBe('completed');
    expect(world.calls('POST', /^\/v1\/betaAppReviewSubmissions$/)).toBe(0);
  });

  it('resolves the group by name from the operator prereqs, creating it only with create_group', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${world.dir}/.akc/delivery`, { recursive: true });
    writeFileSync(
      `${world.dir}/.akc/delivery/operator_prereqs.json`,
      JSON.stringify({ ios: { testflight_group: 'Crew' } }),
    );
    const env = { AKC_DELIVERY_ASC_BETA_GROUP_ID: undefined };
    const ledger = createMemoryLedger();
    const refused = await lane.dispatch!(world.context({ env, ledger }));
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/"Crew" does not exist.*create_group: true/);
    const created = await lane.dispatch!(world.context({ env, ledger, options: { create_group: true } }));
    expect(created.status).toBe('completed');
    expect(world.calls('POST', /^\/v1\/betaGroups$/)).toBe(1);
    expect(world.calls('POST', /^\/v1\/buildUploads$/)).toBe(1);
  });
});
