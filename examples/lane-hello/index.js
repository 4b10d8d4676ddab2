// akc-lane-hello: an example third-party build lane for AKC Deliver. It replaces the built-in web
// build lane (same id and platform) and "builds" a static greeting page instead of running a tool.
'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { mkdir, writeFile } = require('node:fs/promises');
const { join } = require('node:path');
const { LANE_API_VERSION, defineLane, hashFile } = require('@akc/core');
const { writeTar } = require('./write-tar');
const { version } = require('./package.json');

const OPTION_KEYS = ['greeting', 'hosting_url'];

/** Validate `lanes.web` for this lane: an optional greeting (1-200 chars) and hosting URL. */
function parseOptions(raw) {
  if (raw === undefined || raw === null) return { ok: true, value: {} };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, errors: ['lanes.web must be an object'] };
  const errors = Object.keys(raw)
    .filter((k) => !OPTION_KEYS.includes(k))
    .map((k) => `unknown option '${k}' (known: ${OPTION_KEYS.join(', ')})`);
  const { greeting, hosting_url } = raw;
  if (
    greeting !== undefined &&
    (typeof greeting !== 'string' || greeting.length < 1 || greeting.length > 200)
  ) {
    errors.push('greeting: must be a string of 1 to 200 characters');
  }
  if (
    hosting_url !== undefined &&
    (typeof hosting_url !== 'string' || !/^https?:\/\/[^\s/]+/.test(hosting_url))
  ) {
    errors.push('hosting_url: must be an absolute http(s) URL');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { ...raw } };
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderPage(ctx, greeting) {
  return Buffer.from(
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Hello</title></head>\n' +
      `<body>\n<h1>${escapeHtml(greeting)}</h1>\n` +
      `<p>Delivery ${escapeHtml(ctx.delivery.id)}, build ${escapeHtml(ctx.versions.web_build_id)}.</p>\n</body>\n</html>\n`,
  );
}

async function writePlan(ctx, archive) {
  const path = join(ctx.workDir, 'plan.json');
  const steps = [`write index.html (greeting page)`, `archive -> ${archive} (ustar, mtime fixed)`];
  await writeFile(
    path,
    JSON.stringify({ kind: 'akc-lane-hello.plan', lane: 'web', version, steps }, null, 2) + '\n',
  );
  const { sha256, bytes } = await hashFile(path);
  return {
    execution_mode: 'plan',
    artifact_authority: 'plan_only',
    distribution_ready: false,
    artifacts: [{ kind: 'plan', path, bytes, sha256 }],
    outputs: { lane_package: 'akc-lane-hello' },
    plan: steps,
  };
}

async function packageHello(ctx) {
  const options = parseOptions(ctx.options);
  if (!options.ok) throw new Error(`akc-lane-hello: ${options.errors.join('; ')}`);
  await mkdir(ctx.workDir, { recursive: true });
  const archive = join(ctx.workDir, `hello-web-${ctx.versions.web_build_id.replace(/[^\w.+-]/g, '_')}.tar`);
  if (ctx.mode === 'plan') return writePlan(ctx, archive);
  const page = renderPage(ctx, options.value.greeting ?? 'Hello from akc-lane-hello!');
  const mtime = /^\d+$/.test(ctx.env.SOURCE_DATE_EPOCH ?? '') ? Number(ctx.env.SOURCE_DATE_EPOCH) : 0;
  await writeTar(archive, [{ path: 'index.html', content: page }], mtime);
  const { sha256, bytes } = await hashFile(archive);
  ctx.log(`wrote ${archive} (${bytes} bytes)`);
  const hosting_url = options.value.hosting_url ?? null;
  return {
    execution_mode: 'execute',
    artifact_authority: 'authoritative',
    distribution_ready: true,
    artifacts: [{ kind: 'web_bundle', path: archive, bytes, sha256 }],
    outputs: { lane_package: 'akc-lane-hello', file_count: 1, web_build_id: ctx.versions.web_build_id },
    deploy: {
      hosting_url,
      method: hosting_url ? 'configured' : 'none',
      detail: 'static hello page; not uploaded',
    },
  };
}

/** The example lane: id `web`, so it replaces the built-in web build lane when configured. */
const helloLane = defineLane({
  apiVersion: LANE_API_VERSION,
  id: 'web',
  kind: 'build',
  platform: 'web',
  version,
  description: 'Example third-party lane: packages a static hello page instead of running a web build.',
  parseOptions,
  preflight: async (ctx) => {
    const parsed = parseOptions(ctx.options);
    const fix = 'Fix lanes.web in .akc/config.json (keys: greeting, hosting_url).';
    return {
      problems: parsed.ok ? [] : parsed.errors.map((reason) => ({ id: 'hello.options', reason, fix })),
    };
  },
  package: packageHello,
});

exports.default = helloLane;
exports.lane = helloLane;
