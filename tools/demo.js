#!/usr/bin/env node
// `npm run demo`: a rehearsal of what AKC Deliver does today, fully offline.
//
// It starts the provider emulators (App Store Connect, Google Play, Firebase App Distribution,
// Google OAuth, an SMTP sink) on 127.0.0.1, writes their throw-away credentials into a temporary
// fixture project so that strict preflight passes for web, iOS and Android, creates a
// release_mode=both delivery to three named people through the real `akc` binary, then records
// the recipients' invite opens and first runs through `akc deliver web-invite-open` and
// `akc deliver activation-report`, and prints the funnel and the verified event log.
//
// Packaging and distribution (build lanes, TestFlight, Firebase, Play, store promotion) are the
// next issues; until they land this demo signs the web invite links with the delivery's own key,
// exactly as the web lane will, and says so. Nothing is left running.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'apps/cli/bin/run.js');
const core = require(path.join(root, 'libs/core/dist/index.js'));
const { startSandbox } = require(path.join(root, 'libs/emulators/dist/index.js'));

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (title) => say(`\n== ${title}`);

function akc(args, env, input) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, input: input ?? '', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`akc ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

async function main() {
  const started = Date.now();
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'akc-demo-'));
  const sandbox = await startSandbox();
  try {
    step('sandbox: provider emulators on 127.0.0.1');
    for (const [name, url] of Object.entries(sandbox.urls)) say(`  ${name.padEnd(24)} ${url}`);

    step(`fixture project ${project}`);
    const secrets = path.join(project, '.secrets');
    fs.mkdirSync(secrets, { mode: 0o700 });
    const asc = sandbox.createAscCredentials();
    const keyFile = path.join(secrets, `AuthKey_${asc.keyId}.p8`);
    fs.writeFileSync(keyFile, asc.privateKeyPem, { mode: 0o600 });
    const sa = sandbox.createServiceAccount('akc-demo');
    const saFile = path.join(secrets, 'service-account.json');
    fs.writeFileSync(saFile, JSON.stringify(sa), { mode: 0o600 });
    fs.writeFileSync(
      path.join(project, 'app.json'),
      JSON.stringify({ expo: { name: 'Notes', ios: { bundleIdentifier: 'com.example.notes' }, android: { package: 'com.example.notes' } } }),
    );
    fs.writeFileSync(path.join(project, 'eas.json'), JSON.stringify({ build: { production: {} }, submit: { production: { ios: { appleTeamId: 'ABCDE12345' } } } }));
    fs.mkdirSync(path.join(project, 'android/app'), { recursive: true });
    fs.writeFileSync(path.join(project, 'android/app/build.gradle'), 'android { defaultConfig { applicationId "com.example.notes" } }\n');
    fs.writeFileSync(path.join(project, 'credentials.json'), '{}');
    fs.mkdirSync(path.join(project, '.akc/delivery'), { recursive: true });
    fs.writeFileSync(
      path.join(project, '.akc/delivery/operator_prereqs.json'),
      JSON.stringify({
        web: { invite_base_url: 'https://notes.example.com/join' },
        ios: { signing_assets: true, app_store_connect_app: true, testflight_group: 'Friends' },
        android: { firebase_app_id: '1:123:android:abc', firebase_app_distribution_groups: 'qa', play_publisher_api: true, signing_keystore: true },
      }),
    );
    say('  app.json, eas.json, android/app/build.gradle, operator_prereqs.json, sandbox ASC key and service account');

    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AKC_PROJECT_DIR: project,
      APP_STORE_CONNECT_API_KEY_ID: asc.keyId,
      APP_STORE_CONNECT_API_ISSUER_ID: asc.issuerId,
      APP_STORE_CONNECT_PRIVATE_KEY_PATH: keyFile,
      GOOGLE_APPLICATION_CREDENTIALS: saFile,
      AKC_DELIVERY_SMTP_URL: sandbox.urls.smtp,
    };

    step('akc deliver: release_mode both to three named people on web, iOS and Android (strict preflight)');
    const recipients = ['dana@example.com', 'lee@example.com', 'sam@example.com'];
    const submitted = JSON.parse(
      akc(
        ['deliver', '--request', 'Ship Notes 1.4 to the beta group, then the stores', ...recipients.flatMap((r) => ['--recipient', r]),
          '--platforms', 'web,ios,android', '--release-mode', 'both', '--delivery-version', '1.4.0', '--json'],
        env,
      ),
    );
    const id = submitted.delivery_id;
    say(`  delivery ${id}: ${submitted.session_phase}, preflight ${submitted.preflight_ok ? 'ok' : 'NOT ok'}`);
    if (!submitted.preflight_ok) throw new Error('preflight should pass with the sandbox credentials');

    step('guards: the store waits for packaging, a successful beta wave and the human gate');
    for (const args of [['gate-pass'], ['promote', '--lane', 'store']]) {
      const r = spawnSync(process.execPath, [bin, 'deliver', ...args, '--delivery-id', id], { env, encoding: 'utf8' });
      say(`  akc deliver ${args.join(' ')} -> exit ${r.status}: ${r.stderr.split('\n')[0]}`);
    }

    step('recipients open their signed invites and run the app');
    const status = JSON.parse(akc(['deliver', 'status', '--delivery-id', id, '--json'], env));
    const keys = JSON.parse(fs.readFileSync(path.join(project, '.akc/delivery', id, 'secrets.json'), 'utf8'));
    const key = keys.invite_keys.find((k) => k.kid === keys.active_kid);
    for (const [i, email] of recipients.entries()) {
      const tokenId = status.session.per_recipient[email].invite_token_id;
      const expiresAtUnixMs = Date.now() + 7 * 24 * 3600 * 1000;
      // The web lane (next issue) signs and sends exactly this link; here the demo signs it.
      const signature = core.signInvite({ deliveryId: id, tokenId, expiresAtUnixMs, key });
      const url = core.buildInviteUrl('https://notes.example.com/join', { deliveryId: id, tokenId, expiresAtUnixMs, kid: key.kid, signature });
      if (i < 2) say(`  ${email} opens ${url.slice(0, 60)}... -> ${akc(['deliver', 'web-invite-open', '--url', url], env).trim()}`);
      const platforms = i === 0 ? ['web', 'ios', 'android'] : i === 1 ? ['web'] : [];
      for (const platform of platforms) {
        const report = { delivery_id: id, recipient_token_id: tokenId, platform, app_version: '1.4.0', first_run_at_unix_ms: Date.now(), heartbeat_at_unix_ms: Date.now() };
        say(`  ${email} first run on ${platform} -> ${akc(['deliver', 'activation-report', '--delivery-id', id], env, JSON.stringify(report)).trim()}`);
      }
    }

    step('akc deliver status --recipients');
    say(akc(['deliver', 'status', '--delivery-id', id, '--recipients'], env).trimEnd());
    step('akc deliver events --tail 8');
    say(akc(['deliver', 'events', '--delivery-id', id, '--tail', '8'], env).trimEnd());
    step('akc deliver verify');
    say(akc(['deliver', 'verify', '--delivery-id', id], env).trimEnd());
    say(`\ndemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s; files are in ${path.join(project, '.akc/delivery', id)}`);
  } finally {
    await sandbox.close();
  }
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err.message}\n`);
  process.exitCode = 1;
});
