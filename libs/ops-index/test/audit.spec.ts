import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createControlAudit, formatAuditLine, resolveOpsScope, type OpsScope } from '../src';
import { scopedProject, tempDir } from './helpers';

function scope(): OpsScope {
  const r = resolveOpsScope(scopedProject(tempDir(), 'acme', 'web'));
  if (!r.scoped) throw new Error(r.reason);
  return r.scope;
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

describe('control audit (spec 12.3)', () => {
  it('writes one line per record with keys sorted at every level', () => {
    const s = scope();
    const audit = createControlAudit(s, { env: { USER: 'dana' }, now: () => 1_700_000_000_000 });
    audit('delivery.store.promote', { lane: 'store', delivery_id: 'd1' });
    audit('delivery.preflight.decision', { z: { b: 1, a: [{ y: 1, x: 2 }] }, delivery_id: 'd1' });
    expect(lines(s.auditPath)).toEqual([
      '{"action":"delivery.store.promote","actor":"dana","details":{"delivery_id":"d1","lane":"store"},"tenant_id":"acme","ts_ms":1700000000000}',
      '{"action":"delivery.preflight.decision","actor":"dana","details":{"delivery_id":"d1","z":{"a":[{"x":2,"y":1}],"b":1}},"tenant_id":"acme","ts_ms":1700000000000}',
    ]);
    expect(statSync(s.auditPath).mode & 0o777).toBe(0o640);
  });

  it('actor is "unknown" without USER; request_id appears only when given', () => {
    const s = scope();
    createControlAudit(s, { env: {} })('delivery.human_gate.passed', { delivery_id: 'd1' });
    createControlAudit(s, { env: { USER: '  ' }, requestId: 'req-7' })('delivery.human_gate.passed', {
      delivery_id: 'd1',
    });
    const [a, b] = lines(s.auditPath).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toMatchObject({ actor: 'unknown' });
    expect(Object.keys(a!).sort()).toEqual(['action', 'actor', 'details', 'tenant_id', 'ts_ms']);
    expect(b).toMatchObject({ actor: 'unknown', request_id: 'req-7' });
  });

  it('never writes a secret from the environment, even nested or URL-encoded', () => {
    const s = scope();
    const secret = 'sk_live_0123456789/abc';
    const audit = createControlAudit(s, { env: { USER: 'dana', PLAY_SERVICE_TOKEN: secret } });
    audit('delivery.distribution.failed', {
      delivery_id: 'd1',
      issues: [
        { reason: `token ${secret} rejected`, url: `https://x.test/?t=${encodeURIComponent(secret)}` },
      ],
    });
    const text = readFileSync(s.auditPath, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
    expect(text).toContain('[redacted]');
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it('a write failure goes to onError instead of throwing; without onError it throws', () => {
    const notADir = join(tempDir(), 'file-not-dir');
    writeFileSync(notADir, '');
    const broken = { ...scope(), auditPath: join(notADir, 'control_audit.jsonl') };
    const errors: Error[] = [];
    createControlAudit(broken, { env: {}, onError: (e) => errors.push(e) })('x', {});
    expect(errors).toHaveLength(1);
    expect(() => createControlAudit(broken, { env: {} })('x', {})).toThrow();
  });

  it('formatAuditLine escapes newlines, so one record is always one line', () => {
    const line = formatAuditLine({
      ts_ms: 1,
      actor: 'a',
      action: 'x',
      tenant_id: 't',
      details: { note: 'a\nb' },
    });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
  });
});
