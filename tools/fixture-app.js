// A fixture app for the demo and the end-to-end tests: a real web build, a prebuilt .ipa and .aab
// (stored zips, what those files are on the outside), the app ids in app.json and the operator
// prerequisites, and lane options that keep provider polling short.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
// The stored-zip writer of the lane test kit (a built @akc/core is needed, as for the demo).
const { makeStoredZip: storedZip } = require(path.join(__dirname, '../libs/core/dist/testing/index.js'));

function writeFixtureApp(project) {
  const w = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), text);
  };
  w('package.json', JSON.stringify({ name: 'notes', version: '1.4.0', scripts: { build: 'node build.js' } }));
  w(
    'build.js',
    "const fs=require('fs');fs.mkdirSync('dist',{recursive:true});fs.writeFileSync('dist/index.html','<h1>Notes 1.4</h1>');console.log('web build done');\n",
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
