// A fixture app for the demo and the end-to-end tests: a real web build, a prebuilt .ipa and .aab
// (stored zips, what those files are on the outside), the app ids in app.json and the operator
// prerequisites, and lane options that keep provider polling short.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
// The stored-zip writer of the lane test kit (a built @akc/core is needed, as for the demo).
const { makeStoredZip: storedZip } = require(path.join(__dirname, '../libs/core/dist/testing/index.js'));

const WEB_INDEX = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Notes 1.4</title></head>
<body><h1>Notes 1.4</h1><p id="activation">starting</p><script src="app.js"></script></body></html>
`;

const WEB_APP = `(async () => {
  const out = document.getElementById('activation');
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('akc_act')) {
    localStorage.setItem('akc', JSON.stringify({ did: hash.get('akc_did'), act: hash.get('akc_act') }));
    history.replaceState(null, '', location.pathname);
  }
  const saved = JSON.parse(localStorage.getItem('akc') || 'null');
  if (!saved) { out.textContent = 'not activated: open the app from your invite'; return; }
  const now = Date.now();
  const res = await fetch('/v1/deliveries/' + encodeURIComponent(saved.did) + '/activation', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + saved.act },
    body: JSON.stringify({ delivery_id: saved.did, platform: 'web', app_version: '1.4.0',
      first_run_at_unix_ms: now, heartbeat_at_unix_ms: now, active: true }),
  });
  const body = await res.json();
  out.textContent = res.ok ? 'activated: ' + body.recipient_status : 'activation failed: ' + body.error.code;
})();
`;

function writeFixtureApp(project) {
  const w = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), text);
  };
  w('package.json', JSON.stringify({ name: 'notes', version: '1.4.0', scripts: { build: 'node build.js' } }));
  // The web build: a page whose script follows the activation client contract. Opened from the
  // invite landing, it reads akc_did/akc_tid/akc_act from the URL fragment, keeps them, and reports
  // its first run (and a heartbeat) to the serve that hosts it.
  w('web-src/index.html', WEB_INDEX);
  w('web-src/app.js', WEB_APP);
  w(
    'build.js',
    "const fs=require('fs');fs.mkdirSync('dist',{recursive:true});for(const f of fs.readdirSync('web-src'))fs.copyFileSync('web-src/'+f,'dist/'+f);console.log('web build done');\n",
  );
  w(
    'app.json',
    JSON.stringify({
      expo: {
        name: 'Notes',
        ios: { bundleIdentifier: 'com.example.notes' },
        android: { package: 'com.example.notes' },
      },
    }),
  );
  w(
    'eas.json',
    JSON.stringify({
      build: { production: {} },
      submit: { production: { ios: { appleTeamId: 'ABCDE12345' } } },
    }),
  );
  w('credentials.json', '{}');
  w('android/app/build.gradle', "android { defaultConfig { applicationId 'com.example.notes' } }\n");
  w(
    '.akc/delivery/operator_prereqs.json',
    JSON.stringify({
      web: { invite_base_url: 'https://beta.notes.example.com/join' },
      ios: { signing_assets: true, app_store_connect_app: true },
      android: { play_publisher_api: true, signing_keystore: true },
    }),
  );
  // Short provider polling so the rehearsal takes seconds; real defaults are minutes.
  const asc = { poll_interval_ms: 200, uses_non_exempt_encryption: false };
  w(
    '.akc/config.json',
    JSON.stringify({
      lanes: {
        'ios:beta': asc,
        'ios:store': asc,
        'android:beta': { poll_interval_ms: 200 },
        'android:store': { user_fraction: 0.2 },
        'web:store': { production_url: 'https://notes.example.com' },
      },
    }),
  );
  fs.writeFileSync(
    path.join(project, 'app.ipa'),
    storedZip('Payload/Notes.app/Info.plist', 'notes ios 1.4.0'),
  );
  fs.writeFileSync(
    path.join(project, 'app.aab'),
    storedZip('base/manifest/AndroidManifest.xml', 'notes android 1.4.0'),
  );
}

module.exports = { writeFixtureApp, storedZip };
