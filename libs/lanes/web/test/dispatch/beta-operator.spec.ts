import { hashInviteUrl } from '@akc/core';
import { webBetaLane } from '../../src';
import { testEnv, writeTree } from '../helpers/harness';
import { webDispatch } from './helpers/dispatch-context';

const env = testEnv([], { AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://beta.example.com/app' });

describe('web:beta without SMTP: links for the operator', () => {
  it('returns each signed link once in operator_links and persists only its hash', async () => {
    const h = webDispatch({ lane: webBetaLane, env });
    const receipt = await webBetaLane.dispatch!(h.ctx);
    expect(receipt).toMatchObject({ status: 'completed', ok: true, external_refs: { channel: 'operator' } });
    expect(receipt.operator_links).toHaveLength(2);
    for (const { email, url } of receipt.operator_links!) {
      const r = h.ctx.recipients.find((x) => x.email === email)!;
      expect(h.issuer.verify(url).tokenId).toBe(r.tokenId);
      expect(url.startsWith('https://beta.example.com/app?akc_did=')).toBe(true);
      expect(receipt.recipients[email]).toMatchObject({
        state: 'invited',
        invite_url_hash: hashInviteUrl(url),
      });
      expect(h.ledger.getRecipient(email)).toEqual({
        state: 'invited',
        channel: 'operator',
        url_hash: hashInviteUrl(url),
        expires_at_unix_ms: expect.any(Number),
        listed_at: expect.any(String),
        send_count: 1,
      });
    }
    const { operator_links: _links, ...rest } = receipt;
    const persisted = JSON.stringify({ rest, ledger: h.ledger.snapshot(), logs: h.logs });
    for (const url of h.issuer.issued) expect(persisted).not.toContain(url);
  });

  it('a re-run lists nothing again; a dry run plans an operator list per recipient', async () => {
    const h = webDispatch({ lane: webBetaLane, env });
    await webBetaLane.dispatch!(h.ctx);
    const again = await webBetaLane.dispatch!(h.ctx);
    expect(again.operator_links).toBeUndefined();
    expect(h.issuer.issued).toHaveLength(2);

    const dry = webDispatch({ lane: webBetaLane, env, execute: false });
    const plan = await webBetaLane.dispatch!(dry.ctx);
    expect(plan.planned_calls!.map((c) => c.method)).toEqual(['operator list', 'operator list']);
    expect(plan.operator_links).toBeUndefined();
  });

  it('fails with EINVITEBASE and touches nothing when no base URL is known', async () => {
    const h = webDispatch({ lane: webBetaLane, env: testEnv() });
    const receipt = await webBetaLane.dispatch!(h.ctx);
    expect(receipt).toMatchObject({ status: 'failed', ok: false, error_code: 'EINVITEBASE' });
    expect(receipt.error).toMatch(/AKC_DELIVERY_WEB_INVITE_BASE_URL/);
    expect(h.issuer.issued).toHaveLength(0);
    expect(h.ledger.snapshot()).toEqual({ recipients: {} });
  });

  it('falls back to the build lane hosting URL, then the compile hint', async () => {
    const hosted = webDispatch({
      lane: webBetaLane,
      artifact: { hostingUrl: 'https://hosted.example.net/' },
      compile: { web_distribution_hints: { suggested_base_urls: ['https://hint.example.org'] } },
    });
    const a = await webBetaLane.dispatch!(hosted.ctx);
    expect(a.external_refs).toMatchObject({
      invite_base_url: 'https://hosted.example.net/',
      invite_base_source: 'the build lane hosting URL',
    });
    expect(a.operator_links![0]!.url.startsWith('https://hosted.example.net?akc_did=')).toBe(true);

    const hinted = webDispatch({
      lane: webBetaLane,
      compile: { web_distribution_hints: { suggested_base_urls: ['https://hint.example.org'] } },
    });
    const b = await webBetaLane.dispatch!(hinted.ctx);
    expect(b.external_refs).toMatchObject({ invite_base_url: 'https://hint.example.org' });
  });

  it('reads operator prereqs; invalid options fail with ELANE', async () => {
    const h = webDispatch({ lane: webBetaLane });
    writeTree(h.ctx.projectDir, {
      '.akc/delivery/operator_prereqs.json': JSON.stringify({
        web: { hosting_endpoint: true, invite_base_url: 'https://op.example.com/x' },
      }),
    });
    const receipt = await webBetaLane.dispatch!(h.ctx);
    expect(receipt.external_refs).toMatchObject({
      invite_base_url: 'https://op.example.com/x',
      invite_base_source: 'operator prereq web.invite_base_url',
    });

    const bad = webDispatch({ lane: webBetaLane, env, options: { publish_command: 'x' } });
    const failed = await webBetaLane.dispatch!(bad.ctx);
    expect(failed).toMatchObject({ status: 'failed', error_code: 'ELANE' });
  });
});
