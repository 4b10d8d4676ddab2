import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAkcError } from '@akc/core';
import { webLane, type WebLaneOptions } from '../src';
import { fakeBin, laneContext, packageContext, tempDir, testEnv, writeTree } from './helpers/harness';

const FAKE_BUILD = `
const fs = require('node:fs');
fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/index.html', '<h1>deployed</h1>');`;

/** Prints progress, two URLs (the last one counts) and a trailing line; records what it was given. */
const FAKE_DEPLOY = `
const fs = require('node:fs');
const keys = ['AKC_WEB_BUNDLE_DIR', 'AKC_WEB_ARCHIVE', 'AKC_DELIVERY_ID', 'AKC_WEB_BUILD_ID'];
fs.writeFileSync('deploy-seen.json', JSON.stringify({ argv: process.argv.slice(2), env: Object.fromEntries(keys.map((k) => [k, process.env[k]])), archiveExists: fs.existsSync(process.env.AKC_WEB_ARCHIVE) }));
console.error('uploading 1 file');
console.log('https://draft.example.com/old');
console.log('  https://app-1400.example.com/  ');
console.log('done');`;

function setup(options: Record<string, unknown>, compile: Record<string, unknown> | null = null) {
  const bin = fakeBin({
    'fake-build': FAKE_BUILD,
    'fake-deploy': FAKE_DEPLOY,
    'quiet-deploy': 'console.log("deployed")',
    'failing-deploy': 'console.error("403 forbidden"); process.exit(1)',
  });
  const projectDir = writeTree(tempDir(), { 'package.json': '{"scripts":{"build":"fake-build"}}' });
  const logs: string[] = [];
  const ctx = laneContext<WebLaneOptions>({
    projectDir,
    logs,
    compile,
    env: testEnv([bin]),
    options: { build_command: ['fake-build'], ...options },
  });
  return { ctx, projectDir, logs };
}

async function run(ctx: ReturnType<typeof setup>['ctx']) {
  return webLane.package!(packageContext(ctx, { mode: 'execute', preflight: await webLane.preflight!(ctx) }));
}

const HINT = {
  web_distribution_hints: {
    suggested_base_urls: ['https://hinted.example.com', 'https://second.example.com'],
  },
};

describe('web lane: deploy and hosting URL', () => {
  it('runs deploy_command after the archive and records the last URL line it printed', async () => {
    const { ctx, projectDir, logs } = setup({ deploy_command: 'fake-deploy --prod' }, HINT);
    const result = await run(ctx);

    expect(result.deploy).toEqual({
      hosting_url: 'https://app-1400.example.com/',
      method: 'command',
      detail: 'deployed by fake-deploy --prod; URL from its output',
    });
    const seen = JSON.parse(readFileSync(join(projectDir, 'deploy-seen.json'), 'utf8'));
    expect(seen).toEqual({
      argv: ['--prod'],
      archiveExists: true,
      env: {
        AKC_WEB_BUNDLE_DIR: join(projectDir, 'dist'),
        AKC_WEB_ARCHIVE: result.artifacts[0]?.path,
        AKC_DELIVERY_ID: ctx.delivery.id,
        AKC_WEB_BUILD_ID: ctx.versions.web_build_id,
      },
    });
    expect(logs).toEqual(expect.arrayContaining(['uploading 1 file', 'done']));
  });

  it('falls back to hosting_url when the deploy command prints no URL', async () => {
    const { ctx } = setup({ deploy_command: ['quiet-deploy'], hosting_url: 'https://fixed.example.com' });
    expect((await run(ctx)).deploy).toEqual({
      hosting_url: 'https://fixed.example.com',
      method: 'command',
      detail: 'deployed by quiet-deploy, which printed no URL; URL from lanes.web.hosting_url',
    });
  });

  it('records a configured hosting_url without deploying', async () => {
    const { ctx } = setup({ hosting_url: 'https://fixed.example.com' }, HINT);
    expect((await run(ctx)).deploy).toMatchObject({
      hosting_url: 'https://fixed.example.com',
      method: 'configured',
    });
  });

  it("uses the compile handoff's first suggested base URL when nothing else gives one, and says so", async () => {
    const { ctx } = setup({}, HINT);
    expect((await run(ctx)).deploy).toEqual({
      hosting_url: 'https://hinted.example.com',
      method: 'compile_hint',
      detail: 'URL from the compile handoff (web_distribution_hints.suggested_base_urls[0])',
    });
  });

  it('a failing deploy command is ETOOL with its output', async () => {
    const { ctx } = setup({ deploy_command: ['failing-deploy'] });
    const err: unknown = await run(ctx).catch((e: unknown) => e);
    expect(isAkcError(err) && err.code).toBe('ETOOL');
    expect((err as Error).message).toContain('403 forbidden');
  });
});
