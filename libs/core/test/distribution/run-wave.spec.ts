import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPackaging } from '../../src/packaging';
import { refreshProviderState, runWave } from '../../src/distribution';
import { LaneRegistry } from '../../src/lane/registry';
import type { LanePlugin } from '../../src/lane/contract';
import type { DispatchContext, DispatchReceipt, PollResult } from '../../src/lane/dispatch-contract';
import { hashFile } from '../../src/lane/kit';
import { getEvents, getStatus } from '../../src/control-plane/queries';
import { passHumanGate, requestPromotion } from '../../src/control-plane/lifecycle';
import type { Platform, Lane } from '../../src/schemas/common';
import { createFixture, type Fixture } from '../control-plane/fixtures';

const NO_CONFIG = { plugins: [], options: {}, file: null };

function buildLane(platform: Platform): LanePlugin {
  return {
    apiVersion: 1,
    id: platform,
    kind: 'build',
    platform,
    version: '1.0.0',
    description: `build ${platform}`,
    package: async (ctx) => {
      const path = join(ctx.workDir, 'artifact.bin');
      writeFileSync(path, `${platform} ${ctx.versions.web_build_id}`);
      return {
        execution_mode: ctx.mode,
        artifact_authority: ctx.mode === 'plan' ? 'plan_only' : 'authoritative',
        distribution_ready: ctx.mode === 'execute',
        artifacts: [{ kind: 'apk', path, ...(await hashFile(path)) }],
        outputs: {},
      };
    },
  };
}

interface InviteLaneOpts {
  failAfter?: number;
  fail?: boolean;
  poll?: PollResult;
  links?: boolean;
}

/** A distribution lane that "invites" through its ledger, the way real lanes must. */
function inviteLane(
  platform: Platform,
  lane: Lane,
  o: InviteLaneOpts = {},
): LanePlugin & { sent: string[]; contexts: DispatchContext[] } {
  const sent: string[] = [];
  const contexts: DispatchContext[] = [];
  return {
    apiVersion: 1,
    id: `${platform}:${lane}`,
    kind: 'distribution',
    platform,
    lane,
    version: '1.0.0',
    description: 'test invite lane',
    sent,
    contexts,
    dispatch: async (ctx): Promise<DispatchReceipt> => {
      contexts.push(ctx);
      if (!ctx.execute)
        return {
          status: 'dry_run',
          ok: true,
          recipients: Object.fromEntries(ctx.recipients.map((r) => [r.email, { state: 'planned' as const }])),
          external_refs: {},
          planned_calls: [{ method: 'POST', endpoint: '/invite', purpose: 'invite' }],
        };
      if (o.fail)
        return { status: 'failed', ok: false, recipients: {}, external_refs: {}, error: 'provider said no' };
      const recipients: Record<string, DispatchReceipt['recipients'][string]> = {};
      const links: Array<{ email: string; url: string }> = [];
      for (const r of ctx.recipients) {
        if (ctx.ledger.getRecipient(r.email) && !ctx.resend) {
          recipients[r.email] = { state: 'already_invited' };
          continue;
        }
        if (o.failAfter !== undefined && sent.length >= o.failAfter)
          throw new Error('process killed mid-list');
        const link = ctx.invites.link('https://beta.example.com/app', r.tokenId);
        sent.push(r.email);
        ctx.ledger.setRecipient(r.email, { state: 'invited', url_hash: link.urlHash });
        recipients[r.email] = { state: 'invited', invite_url_hash: link.urlHash };
        if (o.links) links.push({ email: r.email, url: link.url });
      }
      const submitted = lane === 'store';
      return {
        status: submitted ? 'submitted' : 'completed',
        ok: true,
        recipients,
        external_refs: { release: 'r1' },
        submitted,
        ...(o.links ? { operator_links: links } : {}),
      };
    },
    ...(o.poll ? { poll: async () => o.poll as PollResult } : {}),
  };
}

async function packaged(f: Fixture, platforms: Platform[], mode: 'auto' | 'plan' = 'auto'): Promise<void> {
  const r = new LaneRegistry();
  for (const p of platforms) r.register(buildLane(p), { origin: 'builtin' });
  await runPackaging(f.io, f.project, f.id, { mode, registry: r, laneConfig: NO_CONFIG });
}

function registry(...lanes: LanePlugin[]): LaneRegistry {
  const r = new LaneRegistry();
  for (const l of lanes) r.register(l, { origin: 'builtin' });
  return r;
}

const types = (f: Fixture) => getEvents(f.io, f.project, f.id).events.map((e) => e.event_type);

describe('distribution waves', () => {
  it('a dry run records the planned calls, sends nothing, writes no sent event and never opens the gate', async () => {
    const f = createFixture({ platforms: 'web', releaseMode: 'both' });
    await packaged(f, ['web']);
    const lane = inviteLane('web', 'beta');
    const w = await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(lane),
      laneConfig: NO_CONFIG,
      execute: false,
      storeSubmit: 'auto',
    });
    expect(w.jobs['web:beta']!.status).toBe('dry_run');
    expect(lane.sent).toEqual([]);
    expect(types(f)).not.toContain('delivery.invite.sent');
    expect(types(f)).toContain('delivery.distribution.planned');
    const s = getStatus(f.io, f.project, f.id).session;
    expect(s.per_platform.web!.channels.beta.status).toBe('dry_run');
    expect(s.distribution_plan!.beta_distribution_ok).toBe(false);
    expect(() => passHumanGate(f.io, f.project, f.id)).toThrow(/did not succeed/);
  });

  it('an executed beta wave invites everyone, records invites and transitions, and lets the gate pass', async () => {
    const f = createFixture({ platforms: 'web,android', releaseMode: 'both' });
    await packaged(f, ['web', 'android']);
    const web = inviteLane('web', 'beta');
    const android = inviteLane('android', 'beta');
    const w = await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(web, android),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    expect(w.ok).toBe(true);
    expect(web.sent).toEqual(['a@x.com', 'b@x.com']);
    const s = getStatus(f.io, f.project, f.id);
    expect(s.session.per_recipient['a@x.com']!.status).toBe('invited');
    expect(s.session.per_recipient['a@x.com']!.platforms.web!.invited_at_unix_ms).not.toBeNull();
    expect(s.metrics.request_to_invite_sent_ms).not.toBeNull();
    expect(types(f).filter((t) => t === 'delivery.invite.sent')).toHaveLength(2);
    expect(types(f).filter((t) => t === 'delivery.recipient.invited')).toHaveLength(2);
    const ps = JSON.parse(readFileSync(f.store.paths.providerState, 'utf8'));
    expect(Object.keys(ps.lanes['web:beta'].ledger.recipients)).toEqual(['a@x.com', 'b@x.com']);
    expect(passHumanGate(f.io, f.project, f.id).already_passed).toBe(false);
  });

  it("partial success: one failed lane keeps the other lane's invites and the gate stays shut", async () => {
    const f = createFixture({ platforms: 'web,android', releaseMode: 'both' });
    await packaged(f, ['web', 'android']);
    const w = await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(inviteLane('web', 'beta'), inviteLane('android', 'beta', { fail: true })),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    expect(w.ok).toBe(false);
    const s = getStatus(f.io, f.project, f.id).session;
    expect(s.per_platform.web!.channels.beta.status).toBe('completed');
    expect(s.per_platform.android!.channels.beta.status).toBe('failed');
    expect(s.per_recipient['a@x.com']!.platforms.web!.invited_at_unix_ms).not.toBeNull();
    expect(s.pipeline.distribution.status).toBe('failed');
    expect(types(f)).toContain('delivery.invite.sent');
    expect(types(f)).toContain('delivery.failed');
    expect(() => passHumanGate(f.io, f.project, f.id)).toThrow(/did not succeed/);
  });

  it('resumes after a crash mid-list from the durable ledger: nobody is invited twice', async () => {
    const f = createFixture({ platforms: 'web', recipients: ['a@x.com', 'b@x.com', 'c@x.com'] });
    await packaged(f, ['web']);
    const crashing = inviteLane('web', 'beta', { failAfter: 1 });
    const first = await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(crashing),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    expect(first.ok).toBe(false);
    expect(crashing.sent).toEqual(['a@x.com']);
    const again = inviteLane('web', 'beta');
    const second = await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(again),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    expect(second.ok).toBe(true);
    expect(again.sent).toEqual(['b@x.com', 'c@x.com']);
    expect(second.jobs['web:beta']!.recipients['a@x.com']!.state).toBe('already_invited');
  });

  it('resend targets one recipient and delivers again', async () => {
    const f = createFixture({ platforms: 'web' });
    await packaged(f, ['web']);
    await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(inviteLane('web', 'beta')),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    const lane = inviteLane('web', 'beta');
    await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(lane),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
      resendTo: 'b@x.com',
    });
    expect(lane.sent).toEqual(['b@x.com']);
    expect(lane.contexts[0]!.resend).toBe(true);
  });

  it('operator links are returned once and never written to any file', async () => {
    const f = createFixture({ platforms: 'web' });
    await packaged(f, ['web']);
    const w = await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(inviteLane('web', 'beta', { links: true })),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    expect(w.operator_links).toHaveLength(2);
    const dir = f.store.paths.dir;
    const all = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .map((n) => readFileSync(join(dir, n), 'utf8'))
      .join('\n');
    for (const l of w.operator_links) {
      expect(all).not.toContain(l.url);
      expect(all).not.toContain(new URL(l.url).searchParams.get('akc_sig')!);
    }
  });

  it('plan-only packaging is never distributed', async () => {
    const f = createFixture({ platforms: 'web' });
    await packaged(f, ['web'], 'plan');
    const lane = inviteLane('web', 'beta');
    const w = await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(lane),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    expect(w.jobs['web:beta']!.error).toContain('plan-only packaging is never distributed');
    expect(lane.contexts).toHaveLength(0);
  });

  it('store wave after the gate: submitted, then a refresh sees it live and records store.live', async () => {
    const f = createFixture({ platforms: 'android', releaseMode: 'both' });
    await packaged(f, ['android']);
    await runWave(f.io, f.project, f.id, {
      lane: 'beta',
      registry: registry(inviteLane('android', 'beta')),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    expect(() => requestPromotion(f.io, f.project, f.id, 'store')).toThrow(/human readiness gate/);
    passHumanGate(f.io, f.project, f.id);
    requestPromotion(f.io, f.project, f.id, 'store');
    const store = inviteLane('android', 'store', {
      poll: { store_state: 'live', installs: [{ email: 'a@x.com', at_unix_ms: Date.now() }] },
    });
    const w = await runWave(f.io, f.project, f.id, {
      lane: 'store',
      registry: registry(store),
      laneConfig: NO_CONFIG,
      execute: true,
      storeSubmit: 'auto',
    });
    expect(w.ok).toBe(true);
    expect(w.session_phase).toBe('releasing');
    let s = getStatus(f.io, f.project, f.id);
    expect(s.session.store_release.android.status).toBe('submitted');
    expect(types(f)).toContain('delivery.store.submitted');
    const r = await refreshProviderState(f.io, f.project, f.id, {
      registry: registry(store),
      laneConfig: NO_CONFIG,
    });
    expect(r.polled[0]!.store_state).toBe('live');
    s = getStatus(f.io, f.project, f.id);
    expect(s.session.store_release.android.status).toBe('live');
    expect(s.metrics.request_to_store_live_ms).not.toBeNull();
    expect(s.session.per_recipient['a@x.com']!.platforms.android!.provider_install_at_unix_ms).not.toBeNull();
    expect(types(f)).toContain('delivery.store.live');
    expect(types(f)).toContain('delivery.provider.install_detected');
  });

  it('refuses a store wave for a beta-mode delivery, and any wave before packaging', async () => {
    const f = createFixture({ platforms: 'web' });
    await expect(
      runWave(f.io, f.project, f.id, {
        lane: 'beta',
        registry: registry(),
        laneConfig: NO_CONFIG,
        execute: true,
        storeSubmit: 'auto',
      }),
    ).rejects.toMatchObject({ code: 'EPROMOTE' });
    await packaged(f, ['web']);
    await expect(
      runWave(f.io, f.project, f.id, {
        lane: 'store',
        registry: registry(),
        laneConfig: NO_CONFIG,
        execute: true,
        storeSubmit: 'auto',
      }),
    ).rejects.toMatchObject({ code: 'EPROMOTE' });
  });
});
