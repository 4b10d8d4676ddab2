// A fixture app for the demo and the end-to-end tests: a real web build, a prebuilt .ipa and .aab
// (stored zips, what those files are on the outside), the app ids in app.json and the operator
// prerequisites, and lane options that keep provider polling short.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

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

/** A minimal stored (uncompressed) zip with one entry: what an .ipa or .aab is on the outside. */
function storedZip(entry, content) {
  const name = Buffer.from(entry);
  const data = Buffer.from(content);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

module.exports = { writeFixtureApp, storedZip };
