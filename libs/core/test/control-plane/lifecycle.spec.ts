import { getEvents, getStatus } from '../../src/control-plane/queries';
import { passHumanGate, requestPromotion, requestResend } from '../../src/control-plane/lifecycle';
import { snapshotTree } from '../helpers';
import { createFixture, simulateBetaWave } from './fixtures';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as { code: string; message: string }).code + ' ' + (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('resend (15.40, 15.41)', () => {
  it('normalises the address, counts the request and records an event', () => {
    const f = createFixture();
    const r = requestResend(f.io, f.project, f.id, '  A@X.com ');
    expect(r.event.event_type).toBe('delivery.invite.resend_requested');
    expect(r.event.payload.recipient).toBe('a@x.com');
    expect(f.store.read('recipients').recipients['a@x.com']!.resend_count).toBe(1);
    expect(requestResend(f.io, f.project, f.id, 'a@x.com').resend_count).toBe(2);
  });

  it('refuses a non-member and changes nothing', () => {
    const f = createFixture();
    const before = snapshotTree(f.project);
    expect(codeOf(() => requestResend(f.io, f.project, f.id, 'stranger@x.com'))).toContain(
      'not part of this delivery',
    );
    expect(snapshotTree(f.project)).toEqual(before);
  });
});

describe('human readiness gate (15.43, 15.44, fixed 16.16/16.17)', () => {
  it('applies only to both mode', () => {
    const f = createFixture({ releaseMode: 'beta' });
    expect(codeOf(() => passHumanGate(f.io, f.project, f.id))).toContain(
      'applies only when release_mode is both',
    );
  });

  it('cannot pass before a beta wave, nor after a failed one; refusals write nothing', () => {
    const f = createFixture({ releaseMode: 'both' });
    let before = snapshotTree(f.project);
    expect(codeOf(() => passHumanGate(f.io, f.project, f.id))).toContain('no beta wave has run');
    expect(snapshotTree(f.project)).toEqual(before);
    simulateBetaWave(f, false);
    before = snapshotTree(f.project);
    expect(codeOf(() => passHumanGate(f.io, f.project, f.id))).toContain('did not succeed');
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it('passes after a successful beta wave, keeps the trimmed note, and is idempotent', () => {
    const f = createFixture({ releaseMode: 'both' });
    simulateBetaWave(f, true);
    const r = passHumanGate(f.io, f.project, f.id, ' ok ');
    expect(r.event!.event_type).toBe('delivery.human_gate.passed');
    const s = getStatus(f.io, f.project, f.id).session;
    expect(s.human_readiness_gate.status).toBe('passed');
    expect(s.human_readiness_gate.operator_note).toBe('ok');
    expect(s.human_readiness_gate.passed_at_unix_ms).not.toBeNull();
    expect(s.distribution_plan!.current_phase).toBe('store_promotion');
    const n = getEvents(f.io, f.project, f.id).events.length;
    expect(passHumanGate(f.io, f.project, f.id).already_passed).toBe(true);
    expect(getEvents(f.io, f.project, f.id).events).toHaveLength(n);
  });
});

describe('promote guards (15.42, 15.45, 15.46, fixed 16.17)', () => {
  it('store waits for the gate in both mode; nothing is written', () => {
    const f = createFixture({ releaseMode: 'both' });
    const before = snapshotTree(f.project);
    expect(codeOf(() => requestPromotion(f.io, f.project, f.id, 'store'))).toContain('human readiness gate');
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it('store is refused for a beta-mode delivery', () => {
    const f = createFixture({ releaseMode: 'beta' });
    expect(codeOf(() => requestPromotion(f.io, f.project, f.id, 'store'))).toContain('release_mode beta');
  });

  it('store is refused before packaging, and for a blocked delivery', () => {
    const f = createFixture({ releaseMode: 'store' });
    expect(codeOf(() => requestPromotion(f.io, f.project, f.id, 'store'))).toContain(
      'packaging has not completed',
    );
    const blocked = createFixture({ releaseMode: 'store', platforms: 'ios' }, { ...f.io, env: {} });
    expect(codeOf(() => requestPromotion(blocked.io, blocked.project, blocked.id, 'store'))).toMatch(
      /^EBLOCKED/,
    );
  });

  it('after packaging and the gate, store promotion is recorded', () => {
    const f = createFixture({ releaseMode: 'both' });
    simulateBetaWave(f, true);
    passHumanGate(f.io, f.project, f.id);
    const r = requestPromotion(f.io, f.project, f.id, 'store');
    expect(r.event.event_type).toBe('delivery.store.promotion_requested');
    expect(r.event.payload).toEqual({ lane: 'store' });
    const s = getStatus(f.io, f.project, f.id).session;
    expect(s.store_release.status).toBe('promotion_requested');
    expect(s.store_release.active_promotion_lane).toBe('store');
    expect(s.store_release.last_promotion_requested_at_unix_ms).not.toBeNull();
  });

  it('beta promotion only records the request', () => {
    const f = createFixture({ releaseMode: 'beta' });
    simulateBetaWave(f, true);
    const before = getStatus(f.io, f.project, f.id).session;
    requestPromotion(f.io, f.project, f.id, 'beta');
    const after = getStatus(f.io, f.project, f.id).session;
    expect(after.store_release.status).toBe(before.store_release.status);
    expect(after.store_release.active_promotion_lane).toBe('beta');
    expect(after.per_platform).toEqual(before.per_platform);
  });
});
