#!/usr/bin/env node
// `npm run demo`: a full release rehearsal, offline, through the real `akc` binary.
//
// 1. `akc sandbox start` runs the provider emulators (App Store Connect, Google Play, Firebase App
//    Distribution, Google OAuth, an SMTP sink) on 127.0.0.1 with throw-away credentials.
// 2. A fixture app (a real web build, a prebuilt .ipa and .aab) is delivered to three named people
//    in release_mode both: packaging, a dry-run beta wave, then the real beta wave (web invites by
//    e-mail, TestFlight, Firebase App Distribution).
// 3. `akc deliver serve` runs the invite landing and the activation endpoint. The recipients open
//    their e-mailed links through it (the open is recorded once and their app receives its signed
//    activation credential) and their apps post signed first-run reports; a forged one is refused.
// 4. A person passes the human readiness gate; the store wave submits to the App Store and Google
//    Play (staged rollout) and publishes the web app; `status --refresh` sees the stores go live.
// 5. The funnel, the event log and its verification are printed, with a self-contained HTML report;
//    the sandbox and the server are stopped.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'apps/cli/bin/run.js');
const { writeFixtureApp: writeFixture } = require('./fixture-app');
const { exited, invitesFromSink, startServe } = require('./serve-process');

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (title) => say(`\n== ${title}`);
const indent = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

function akc(args, env, { input, allowFail } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, input: input ?? '', encoding: 'utf8' });
  if (r.status !== 0 && !allowFail)
    throw new Error(`akc ${args.join(' ')} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r;
}
const json = (args, env, opts) => JSON.parse(akc([...args, '--json'], env, opts).stdout);

async function main() {
  const started = Date.now();
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'akc-demo-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AKC_PROJECT_DIR: project,
    AKC_PACKAGING_ENFORCE_PREFLIGHT: '1',
  };
  writeFixture(project);
  let serve = null;
  try {
    step('akc sandbox start');
    const sandbox = json(
      ['sandbox', 'start', '--bundle-id', 'com.example.notes', '--package-name', 'com.example.notes'],
      env,
    );
    for (const [name, url] of Object.entries(sandbox.urls)) say(`  ${name.padEnd(24)} ${url}`);
    const sb = { ...env, AKC_SANDBOX: '1' };

    step('akc deliver --package: release_mode both to three named people (a dry-run beta wave)');
    const people = ['dana@example.com', 'lee@example.com', 'sam@example.com'];
    const submit = akc(
      [
        'deliver',
        '--request',
        'Ship Notes 1.4 to the beta testers, then the stores',
        ...people.flatMap((p) => ['--recipient', p]),
        '--platforms',
        'web,ios,android',
        '--release-mode',
        'both',
        '--delivery-version',
        '1.4.0',
        '--package',
        '--ios-ipa',
        path.join(project, 'app.ipa'),
        '--android-aab',
        path.join(project, 'app.aab'),
      ],
      sb,
    );
    say(indent(submit.stdout));
    const id = /delivery ([0-9a-f-]{36})/.exec(submit.stdout)[1];

    step('akc deliver resume --execute: the real beta wave');
    say(indent(akc(['deliver', 'resume', '--delivery-id', id, '--execute'], sb).stdout));

    step('akc deliver serve: recipients open their e-mailed links; their apps report signed first runs');
    const links = await invitesFromSink(
      JSON.parse(fs.readFileSync(path.join(project, '.akc/sandbox/state.json'), 'utf8')).control_urls.smtp,
    );
    const served = await startServe({ env: sb });
    serve = served.child;
    say(`  akc deliver serve listening on ${served.url}`);
    const post = (act, report) =>
      fetch(`${served.url}/v1/deliveries/${id}/activation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${act}` },
        body: JSON.stringify(report),
      }).then(async (r) => `${r.status} ${(await r.text()).trim()}`);
    for (const [i, person] of people.entries()) {
      const link = links.get(person);
      if (!link || i > 1) continue;
      // The landing verifies the link, records the open once, and hands the app its credential.
      const landing = await fetch(`${served.url}/i${new URL(link).search}`, { redirect: 'manual' });
      const handoff = new URLSearchParams(new URL(landing.headers.get('location'), served.url).hash.slice(1));
      const act = handoff.get('akc_act');
      say(
        `  ${person} opens their invite -> ${landing.status} to the hosted build, credential ${act.slice(0, 18)}...`,
      );
      const platforms = i === 0 ? ['web', 'ios', 'android'] : ['web', 'ios'];
      for (const platform of platforms) {
        const now = Date.now();
        const report = {
          delivery_id: id,
          platform,
          app_version: '1.4.0',
          first_run_at_unix_ms: now,
          heartbeat_at_unix_ms: now,
        };
        say(`  ${person}'s ${platform} app reports its first run -> ${await post(act, report)}`);
      }
    }
    const forged = `akc1.AAAAAAAAAAAA.${json(['deliver', 'status', '--delivery-id', id], sb).session.per_recipient['sam@example.com'].invite_token_id}.${'0'.repeat(64)}`;
    say(
      `  a forged report for sam@example.com -> ${await post(forged, { delivery_id: id, platform: 'web', first_run_at_unix_ms: Date.now() })}`,
    );

    step('a person passes the human readiness gate; the store wave runs');
    say(indent(akc(['deliver', 'gate-pass', '--delivery-id', id, '--note', 'beta looks good'], sb).stdout));
    say(indent(akc(['deliver', 'promote', '--delivery-id', id, '--lane', 'store', '--execute'], sb).stdout));

    step('akc deliver status --refresh (the providers report review and install state)');
    akc(['deliver', 'status', '--delivery-id', id, '--refresh'], sb);
    say(indent(akc(['deliver', 'status', '--delivery-id', id, '--refresh', '--recipients'], sb).stdout));

    step('akc deliver events --tail 10');
    say(indent(akc(['deliver', 'events', '--delivery-id', id, '--tail', '10'], sb).stdout));
    step('akc deliver verify');
    say(indent(akc(['deliver', 'verify', '--delivery-id', id], sb).stdout));
    step('akc deliver report: one self-contained HTML page');
    const reportFile = path.join(project, 'delivery-report.html');
    say(indent(akc(['deliver', 'report', '--delivery-id', id, '--out', reportFile], sb).stdout));
    say(
      `\ndemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s; the delivery is in ${path.join(project, '.akc/delivery', id)}`,
    );
  } finally {
    if (serve) {
      serve.kill('SIGTERM');
      await exited(serve);
    }
    const stop = akc(['sandbox', 'stop', '--purge'], env, { allowFail: true });
    say(`\n== akc sandbox stop\n${indent(stop.stdout || stop.stderr)}`);
  }
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err.message}\n`);
  process.exitCode = 1;
});
