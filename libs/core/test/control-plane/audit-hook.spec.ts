import { passHumanGate, requestPromotion, requestResend } from '../../src/control-plane/lifecycle';
import type { ControlPlaneIO } from '../../src/control-plane/io';
import { testIO } from '../helpers';
import { createFixture, simulateBetaWave } from './fixtures';

type Record = { action: string; details: { [k: string]: unknown } };

/** A test IO whose audit hook keeps every record it is given. */
function auditedIO(env: ControlPlaneIO['env'] = { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' }) {
  const records: Record[] = [];
  const io: ControlPlaneIO = {
    ...testIO(env),
    audit: (action, details) => records.push({ action, details }),
  };
  return { io, records };
}

describe('control-audit hook (spec 12.3)', () => {
  it('submit reports recipients.initialized, then the preflight decision', () => {
    const { io, records } = auditedIO({});
    const f = createFixture({ platforms: 'web,ios', releaseMode: 'both' }, io);
    expect(records.map((r) => r.action)).toEqual([
      'delivery.recipients.initialized',
      'delivery.preflight.decision',
    ]);
    expect(records[0]!.details).toEqual({ delivery_id: f.id, recipients: ['a@x.com', 'b@x.com'] });
    const decision = records[1]!.details;
    expect(decision).toMatchObject({ delivery_id: f.id, skipped: false, blocked: true, enforced: true });
    expect(decision.issue_count).toBeGreaterThan(0);
    expect((decision.issues as unknown[]).length).toBe(Math.min(48, decision.issue_count as number));
  });

  it('resend, gate-pass and promote each report once; a refusal or a repeat reports nothing', () => {
    const { io, records } = auditedIO();
    const f = createFixture({ releaseMode: 'both' }, io);
    records.length = 0;
    requestResend(io, f.project, f.id, 'A@x.com');
    expect(() => requestResend(io, f.project, f.id, 'stranger@x.com')).toThrow();
    expect(() => requestPromotion(io, f.project, f.id, 'store')).toThrow(/gate/);
    simulateBetaWave(f, true);
    passHumanGate(io, f.project, f.id, 'fine');
    passHumanGate(io, f.project, f.id, 'again');
    requestPromotion(io, f.project, f.id, 'store');
    expect(records).toEqual([
      { action: 'delivery.invite.resend', details: { delivery_id: f.id, recipient: 'a@x.com' } },
      { action: 'delivery.human_gate.passed', details: { delivery_id: f.id } },
      { action: 'delivery.store.promote', details: { delivery_id: f.id, lane: 'store' } },
    ]);
  });

  it('a hook that throws never fails the audited command', () => {
    const io: ControlPlaneIO = {
      ...testIO({ AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' }),
      audit: () => {
        throw new Error('disk full');
      },
    };
    const f = createFixture({}, io);
    expect(requestResend(io, f.project, f.id, 'a@x.com').resend_count).toBe(1);
  });
});
