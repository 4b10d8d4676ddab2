import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpSink, type SmtpSink } from '@akc/emulators';
import type { DispatchArtifact } from '@akc/core';
import { webStoreLane } from '../../src';
import { fakeBin, tempDir, writeTree } from '../helpers/harness';
import { SMTP_PASSWORD, smtpEnv, webDispatch } from './helpers/dispatch-context';
import { inviteLinkIn } from './helpers/mail-links';

const PROD = 'https://app.example.com';
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());
beforeEach(() => sink.clear());

/** A fake `publish-web` on PATH that appends what it saw to publish.log, or exits 3 when FAIL is set. */
const publishBin = fakeBin({
  'publish-web': `
const fs = require('node:fs');
if (process.env.FAIL_PUBLISH) { console.error('upload refused'); process.exit(3); }
fs.appendFileSync(process.env.PUBLISH_LOG, JSON.stringify({
  archive: process.env.AKC_WEB_ARCHIVE, url: process.env.AKC_WEB_PRODUCTION_URL,
  build: process.env.AKC_WEB_BUILD_ID, pass: process.env.SMTP_PASS ?? null, smtpUrl: process.env.AKC_DELIVERY_SMTP_URL ?? null,
}) + '\\n');
console.log('published to ' + process.env.AKC_WEB_PRODUCTION_URL);`,
});

function store(extra: { execute?: boolean; storeSubmit?: 'auto' | 'manual'; fail?: boolean } = {}) {
  const dir = tempDir('akc-web-store-');
  const archive = join(dir, 'web-bundle.tar');
  writeTree(dir, { 'web-bundle.tar': 'tar bytes' });
  const artifact: Partial<DispatchArtifact> = {
    files: [{ kind: 'web_bundle', path: archive, bytes: 9, sha256: 'a'.repeat(64) }],
    hostingUrl: 'https://beta.example.com/app',
  };
  const log = join(dir, 'publish.log');
  const env = smtpEnv(sink.port, {
    PATH: `${publishBin}:${process.env.PATH ?? ''}`,
    PUBLISH_LOG: log,
    AKC_DELIVERY_WEB_PRODUCTION_URL: PROD,
    SMTP_PASS: 'also-secret',
    ...(extra.fail ? { FAIL_PUBLISH: '1' } : {}),
  });
  const h = webDispatch({
    lane: webStoreLane,
    projectDir: dir,
    env,
    artifact,
    options: { publish_command: 'publish-web --prod' },
    ...extra,
  });
  const publishes = (): Array<Record<string, string | null>> =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, string | null>)
      : [];
  return { h, archive, publishes };
}

describe('web:store', () => {
  it('publishes with publish_command, then invites against the production URL', async () => {
    const { h, archive, publishes } = store();
    const receipt = await webStoreLane.dispatch!(h.ctx);
    expect(receipt).toMatchObject({
      status: 'submitted',
      ok: true,
      submitted: true,
      external_refs: {
        production_url: PROD,
        invite_base_source: 'env AKC_DELIVERY_WEB_PRODUCTION_URL',
        publish: { method: 'command' },
      },
    });
    expect(publishes()).toEqual([
      { archive, url: PROD, build: h.ctx.versions.web_build_id, pass: null, smtpUrl: null },
    ]);
    expect(h.ledger.get('published')).toMatchObject({
      production_url: PROD,
      method: 'command',
      command: ['publish-web', '--prod'],
      exit_code: 0,
      archive_sha256: 'a'.repeat(64),
    });
    expect(sink.messages).toHaveLength(2);
    for (const m of sink.messages) {
      const url = inviteLinkIn(m.raw, PROD);
      expect(h.issuer.verify(url).tokenId).toBe(
        h.ctx.recipients.find((r) => m.to.includes(r.email))!.tokenId,
      );
      expect(m.subject).toBe("You're invited to try the app 1.0.0");
    }
    expect(h.logs).toContain(`published to ${PROD}`);
    const persisted = JSON.stringify({ receipt, ledger: h.ledger.snapshot(), logs: h.logs });
    for (const url of h.issuer.issued) expect(persisted).not.toContain(url);
    expect(persisted).not.toContain(SMTP_PASSWORD);
  });

  it('a re-run neither publishes nor invites again', async () => {
    const { h, publishes } = store();
    await webStoreLane.dispatch!(h.ctx);
    const again = await webStoreLane.dispatch!(h.ctx);
    expect(again.status).toBe('submitted');
    expect(publishes()).toHaveLength(1);
    expect(sink.messages).toHaveLength(2);
  });

  it('a failed publish fails the job and invites nobody', async () => {
    const { h } = store({ fail: true });
    const receipt = await webStoreLane.dispatch!(h.ctx);
    expect(receipt).toMatchObject({ status: 'failed', ok: false, submitted: false, error_code: 'ETOOL' });
    expect(receipt.error).toMatch(/exited with status 3[\s\S]*upload refused/);
    expect(h.ledger.get('published')).toBeUndefined();
    expect(sink.messages).toHaveLength(0);
  });

  it('manual store submit stages only: no publish, no invites', async () => {
    const { h, publishes } = store({ storeSubmit: 'manual' });
    const receipt = await webStoreLane.dispatch!(h.ctx);
    expect(receipt).toMatchObject({
      status: 'staged',
      ok: true,
      submitted: true,
      external_refs: { store_submit: 'manual' },
    });
    expect(Object.values(receipt.recipients).map((r) => r.state)).toEqual(['skipped', 'skipped']);
    expect(h.ledger.get('staged')).toMatchObject({
      production_url: PROD,
      web_build_id: h.ctx.versions.web_build_id,
    });
    expect(publishes()).toHaveLength(0);
    expect(sink.messages).toHaveLength(0);
  });

  it('dry run plans the publish and the sends without running either', async () => {
    const { h, publishes } = store({ execute: false });
    const receipt = await webStoreLane.dispatch!(h.ctx);
    expect(receipt).toMatchObject({ status: 'dry_run', ok: true, submitted: false });
    expect(receipt.planned_calls!.map((c) => c.method)).toEqual(['exec', 'smtp send', 'smtp send']);
    expect(receipt.planned_calls![0]).toMatchObject({
      endpoint: 'publish-web --prod',
      purpose: expect.stringContaining(PROD),
    });
    expect(publishes()).toHaveLength(0);
    expect(sink.messages).toHaveLength(0);
  });

  it('without a production URL the store invites against the beta chain (here the hosting URL)', async () => {
    const { h } = store();
    const ctx = {
      ...h.ctx,
      env: {
        ...h.ctx.env,
        AKC_DELIVERY_WEB_PRODUCTION_URL: undefined,
        AKC_DELIVERY_WEB_INVITE_BASE_URL: undefined,
      },
      options: {},
    };
    const receipt = await webStoreLane.dispatch!(ctx);
    expect(receipt).toMatchObject({
      status: 'submitted',
      external_refs: { production_url: 'https://beta.example.com/app', publish: { method: 'external' } },
    });
  });
});
