import { hashInviteUrl } from '@akc/core';
import { startSmtpSink, type SmtpSink } from '@akc/emulators';
import { webBetaLane } from '../../src';
import { SMTP_PASSWORD, smtpEnv, webDispatch, type WebDispatchInput } from './helpers/dispatch-context';
import { decodeQuotedPrintable, inviteLinkIn } from './helpers/mail-links';

const BASE = 'https://beta.example.com/app';
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());
beforeEach(() => sink.clear());

function setup(extra: Partial<WebDispatchInput> = {}) {
  return webDispatch({
    lane: webBetaLane,
    env: smtpEnv(sink.port),
    options: { app_name: 'Notes' },
    ...extra,
  });
}

describe('web:beta over SMTP (emulator sink)', () => {
  it('emails each recipient a valid signed, expiring link and records only hashes', async () => {
    const h = setup();
    const receipt = await webBetaLane.dispatch!(h.ctx);
    expect(receipt).toMatchObject({ status: 'completed', ok: true });
    expect(receipt.operator_links).toBeUndefined();
    expect(sink.messages).toHaveLength(2);
    for (const r of h.ctx.recipients) {
      const mail = sink.messages.find((m) => m.to.includes(r.email))!;
      expect(mail.from).toBe('beta@example.org');
      expect(mail.authUser).toBe('mailer');
      expect(mail.subject).toBe("You're invited to try the beta of Notes 1.0.0");
      const url = inviteLinkIn(mail.raw, BASE);
      const body = decodeQuotedPrintable(mail.raw);
      expect(body).toContain('Content-Type: text/plain');
      expect(body).toContain('Content-Type: text/html');
      expect(body).toContain('version 1.0.0');
      const claims = h.issuer.verify(url);
      expect(claims).toMatchObject({ deliveryId: h.ctx.delivery.id, tokenId: r.tokenId });
      expect(claims.expiresAtUnixMs).toBeGreaterThan(Date.now());
      expect(receipt.recipients[r.email]).toMatchObject({
        state: 'invited',
        invite_url_hash: hashInviteUrl(url),
      });
      expect(h.ledger.getRecipient(r.email)).toMatchObject({
        state: 'invited',
        channel: 'email',
        url_hash: hashInviteUrl(url),
        send_count: 1,
        message_id: expect.stringMatching(/@/),
      });
    }
    expect(h.ledger.get('invite_base')).toEqual({
      url: BASE,
      source: 'env AKC_DELIVERY_WEB_INVITE_BASE_URL',
    });
    expect(receipt.external_refs).toMatchObject({
      channel: 'email',
      smtp_endpoint: `smtp://127.0.0.1:${sink.port}`,
      emails_sent: 2,
    });
  });

  it('never puts a link or the SMTP password in the receipt, the ledger or the log', async () => {
    const h = setup();
    const receipt = await webBetaLane.dispatch!(h.ctx);
    const everything = JSON.stringify({ receipt, ledger: h.ledger.snapshot(), logs: h.logs });
    expect(h.issuer.issued).toHaveLength(2);
    for (const url of h.issuer.issued) expect(everything).not.toContain(url);
    expect(everything).not.toContain('akc_sig=');
    expect(everything).not.toContain(SMTP_PASSWORD);
  });

  it('re-running invites nobody twice; resend sends exactly one new email', async () => {
    const h = setup();
    await webBetaLane.dispatch!(h.ctx);
    const again = await webBetaLane.dispatch!(h.ctx);
    expect(sink.messages).toHaveLength(2);
    expect(again.status).toBe('completed');
    expect(Object.values(again.recipients).map((r) => r.state)).toEqual([
      'already_invited',
      'already_invited',
    ]);

    const lee = h.ctx.recipients[1]!;
    const before = h.ledger.getRecipient<{ url_hash: string }>(lee.email)!;
    const resend = await webBetaLane.dispatch!({ ...h.ctx, recipients: [lee], resend: true });
    expect(sink.messages).toHaveLength(3);
    expect(sink.messages[2]!.to).toEqual([lee.email]);
    expect(resend.recipients[lee.email]!.state).toBe('invited');
    const after = h.ledger.getRecipient<{ url_hash: string; send_count: number }>(lee.email)!;
    expect(after.send_count).toBe(2);
    expect(after.url_hash).not.toBe(before.url_hash);
    expect(h.issuer.verify(inviteLinkIn(sink.messages[2]!.raw, BASE)).tokenId).toBe(lee.tokenId);
    expect(h.ledger.getRecipient(h.ctx.recipients[0]!.email)).toMatchObject({ send_count: 1 });
  });

  it('dry run sends nothing, records nothing and plans one smtp send per recipient', async () => {
    const h = setup({ execute: false });
    const receipt = await webBetaLane.dispatch!(h.ctx);
    expect(receipt.status).toBe('dry_run');
    expect(receipt.ok).toBe(true);
    expect(Object.values(receipt.recipients).map((r) => r.state)).toEqual(['planned', 'planned']);
    expect(receipt.planned_calls).toEqual([
      expect.objectContaining({
        method: 'smtp send',
        endpoint: `smtp://127.0.0.1:${sink.port}`,
        purpose: expect.stringContaining('dana@example.com'),
      }),
      expect.objectContaining({ method: 'smtp send', purpose: expect.stringContaining('lee@example.com') }),
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(sink.messages).toHaveLength(0);
    expect(h.issuer.issued).toHaveLength(0);
    expect(h.ledger.snapshot()).toEqual({ recipients: {} });
    expect(JSON.stringify(receipt)).not.toContain(SMTP_PASSWORD);
  });

  it('skips recipients without web and uses SMTP_HOST/SMTP_PORT when no URL is set', async () => {
    const env = smtpEnv(sink.port, {
      AKC_DELIVERY_SMTP_URL: undefined,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      AKC_DELIVERY_INVITE_EMAIL_FROM: undefined,
    });
    const h = setup({ env });
    const recipients = [
      h.ctx.recipients[0]!,
      { email: 'ios@example.com', tokenId: 't-ios', platforms: ['ios' as const] },
    ];
    const receipt = await webBetaLane.dispatch!({ ...h.ctx, recipients });
    expect(receipt.recipients['ios@example.com']).toEqual({
      state: 'skipped',
      detail: 'not a web recipient',
    });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.from).toBe('akc-deliver@localhost');
    expect(sink.messages[0]!.authUser).toBeUndefined();
  });
});
