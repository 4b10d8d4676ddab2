import { webBetaLane } from '../../src';
import { SMTP_PASSWORD, smtpEnv, webDispatch } from './helpers/dispatch-context';
import { startScriptedSmtp, type ScriptedSmtp, type SmtpScript } from './helpers/scripted-smtp';

const DANA = 'dana@example.com';
const LEE = 'lee@example.com';
const servers: ScriptedSmtp[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function run(script: SmtpScript, options: Record<string, unknown> = {}) {
  const server = await startScriptedSmtp(script);
  servers.push(server);
  const h = webDispatch({
    lane: webBetaLane,
    env: smtpEnv(server.port),
    options: { smtp_retry_base_ms: 5, ...options },
  });
  const receipt = await webBetaLane.dispatch!(h.ctx);
  return { server, h, receipt };
}

describe('web:beta SMTP failures (a scripted SMTP server)', () => {
  it('retries a transient 451 and then delivers', async () => {
    const { server, h, receipt } = await run({
      rcpt: (to, n) => (to === LEE && n === 1 ? '451 4.3.0 Try again later' : undefined),
    });
    expect(receipt).toMatchObject({ status: 'completed', ok: true });
    expect(server.rcptAttempts.get(LEE)).toBe(2);
    expect(server.delivered.map((d) => d.to)).toEqual([DANA, LEE]);
    expect(h.ledger.getRecipient(LEE)).toMatchObject({ state: 'invited', attempts: 2 });
    expect(
      h.logs.some((l) => /451 4\.3\.0 Try again later.*retrying in \d+ ms \(attempt 2 of 4\)/.test(l)),
    ).toBe(true);
  });

  it('retries a connection reset', async () => {
    const { server, receipt } = await run({ resetConnections: 1 });
    expect(receipt.status).toBe('completed');
    expect(server.delivered).toHaveLength(2);
    expect(server.connections).toBe(3);
  });

  it('gives up after the bounded attempts on a persistent 4xx', async () => {
    const { server, h, receipt } = await run(
      { rcpt: (to) => (to === DANA ? '452 4.2.2 Mailbox full' : undefined) },
      { smtp_max_attempts: 3 },
    );
    expect(server.rcptAttempts.get(DANA)).toBe(3);
    expect(receipt.status).toBe('partial');
    expect(h.ledger.getRecipient(DANA)).toMatchObject({ state: 'failed', smtp_code: 452, attempts: 3 });
  });

  it('a permanent 550 fails that recipient only (partial); a re-run retries just that one', async () => {
    let reject = true;
    const { server, h, receipt } = await run({
      rcpt: (to) => (to === DANA && reject ? '550 5.1.1 No such user' : undefined),
    });
    expect(server.rcptAttempts.get(DANA)).toBe(1);
    expect(receipt).toMatchObject({ status: 'partial', ok: false });
    expect(receipt.recipients[DANA]).toEqual({
      state: 'failed',
      detail: expect.stringContaining('550 5.1.1 No such user'),
    });
    expect(receipt.recipients[LEE]!.state).toBe('invited');
    expect(receipt.error).toMatch(/1 invite\(s\) failed: dana@example.com: SMTP: 550 5\.1\.1 No such user/);
    expect(h.ledger.getRecipient(DANA)).toMatchObject({
      state: 'failed',
      smtp_code: 550,
      attempts: 1,
      send_count: 0,
    });

    reject = false;
    const again = await webBetaLane.dispatch!(h.ctx);
    expect(again.status).toBe('completed');
    expect(again.recipients[DANA]!.state).toBe('invited');
    expect(again.recipients[LEE]!.state).toBe('already_invited');
    expect(server.delivered.map((d) => d.to)).toEqual([LEE, DANA]);
  });

  it('an auth failure stops at once with a clear error and never leaks the password', async () => {
    const { server, h, receipt } = await run({ authReply: '535 5.7.8 Authentication credentials invalid' });
    expect(server.connections).toBe(1);
    expect(server.delivered).toHaveLength(0);
    expect(receipt).toMatchObject({ status: 'failed', ok: false });
    expect(receipt.recipients[DANA]!.detail).toMatch(
      /535 5\.7\.8 Authentication credentials invalid.*check the SMTP user and password/,
    );
    expect(receipt.recipients[LEE]!.detail).toMatch(/^not sent: /);
    expect(h.ledger.getRecipient(DANA)).toMatchObject({ state: 'failed', smtp_code: 535 });
    expect(JSON.stringify({ receipt, ledger: h.ledger.snapshot(), logs: h.logs })).not.toContain(
      SMTP_PASSWORD,
    );
  });

  it('an unreachable server is retried, then the pass stops', async () => {
    const server = await startScriptedSmtp();
    const port = server.port;
    await server.close();
    const h = webDispatch({
      lane: webBetaLane,
      env: smtpEnv(port),
      options: { smtp_retry_base_ms: 1, smtp_max_attempts: 2 },
    });
    const receipt = await webBetaLane.dispatch!(h.ctx);
    expect(receipt.status).toBe('failed');
    expect(h.ledger.getRecipient(DANA)).toMatchObject({ state: 'failed', attempts: 2 });
    expect(h.ledger.getRecipient(LEE)).toMatchObject({ state: 'failed', attempts: 0 });
  });
});
