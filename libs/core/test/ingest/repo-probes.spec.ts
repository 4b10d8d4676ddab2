import * as fs from 'node:fs';
import * as path from 'node:path';
import { EMPTY_PROBES, gradleApplicationId, probeRepo, walkRepoDir } from '../../src/ingest';
import { tempTree } from './helpers';

const gs = (clients: Array<{ id: string; pkg: string }>) =>
  JSON.stringify({
    client: clients.map((c) => ({
      client_info: { mobilesdk_app_id: c.id, android_client_info: { package_name: c.pkg } },
    })),
  });

describe('probeRepo', () => {
  it('finds nothing in an empty repo', () => {
    expect(probeRepo(tempTree())).toEqual(EMPTY_PROBES);
  });

  it('reads an Expo app.json and eas.json', () => {
    const dir = tempTree({
      'app.json': JSON.stringify({
        expo: { ios: { bundleIdentifier: 'com.ex.app' }, android: { package: 'com.ex.droid' } },
      }),
      'eas.json': JSON.stringify({ submit: { production: { ios: { appleTeamId: 'ABCDE12345' } } } }),
    });
    const p = probeRepo(dir);
    expect(p).toMatchObject({
      expo_doc: 'app.json',
      ios_bundle_id: 'com.ex.app',
      android_application_id: 'com.ex.droid',
      apple_team_id: 'ABCDE12345',
    });
    // app.json bundle id + eas.json present counts as an EAS build setup
    expect(p.ios_xcode_or_eas_build).toBe(true);
  });

  it('uses top-level ios/android keys when there is no expo object, and falls back to app.config.json', () => {
    const dir = tempTree({
      'app.json': '[not an object]',
      'app.config.json': JSON.stringify({ ios: { bundleIdentifier: 'com.top' } }),
    });
    expect(probeRepo(dir)).toMatchObject({
      expo_doc: 'app.config.json',
      ios_bundle_id: 'com.top',
      ios_xcode_or_eas_build: false,
    });
  });

  it('eas.json with a non-empty build object is a build setup; an empty one is not', () => {
    expect(probeRepo(tempTree({ 'eas.json': '{"build": {"production": {}}}' })).ios_xcode_or_eas_build).toBe(
      true,
    );
    expect(probeRepo(tempTree({ 'eas.json': '{"build": {}}' })).ios_xcode_or_eas_build).toBe(false);
  });

  it('finds nested Xcode projects, provisioning profiles and Firebase plists under ios/', () => {
    const dir = tempTree({
      'ios/App.xcworkspace/contents.xcworkspacedata': '<x/>',
      'ios/deep/a/b/profile.mobileprovision': 'x',
      'ios/App/GoogleService-Info.plist': '<plist/>',
    });
    expect(probeRepo(dir)).toMatchObject({
      ios_xcode_or_eas_build: true,
      ios_signing_hint: true,
      ios_firebase_plist: true,
    });
  });

  it('credentials.json is a signing hint', () => {
    expect(probeRepo(tempTree({ 'credentials.json': '{}' })).ios_signing_hint).toBe(true);
  });

  it('skips Pods/node_modules/build folders', () => {
    const dir = tempTree({
      'ios/Pods/Firebase/GoogleService-Info.plist': 'x',
      'ios/node_modules/x/y.mobileprovision': 'x',
      'ios/build/Foo.xcodeproj/project.pbxproj': 'x',
    });
    expect(probeRepo(dir)).toMatchObject({
      ios_firebase_plist: false,
      ios_signing_hint: false,
      ios_xcode_or_eas_build: false,
    });
  });

  it('bounded: depth and entry budgets stop the walk and say so', () => {
    const dir = tempTree({ 'ios/1/2/3/4/5/6/7/GoogleService-Info.plist': 'x' });
    expect(probeRepo(dir).ios_firebase_plist).toBe(false);
    expect(probeRepo(dir, { maxDepth: 10 }).ios_firebase_plist).toBe(true);
    const wide = tempTree(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`ios/f${i}.txt`, 'x'])));
    expect(probeRepo(wide, { maxEntries: 10 }).search_truncated).toBe(true);
    expect(probeRepo(wide).search_truncated).toBe(false);
  });

  it('stays fast on a wide tree', () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 300; i++) tree[`ios/Pods/p${i}/a/b/c.m`] = 'x';
    const dir = tempTree(tree);
    const t0 = Date.now();
    probeRepo(dir);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('does not follow symlinked folders (no loops)', () => {
    const dir = tempTree({ 'ios/real/x.txt': 'x' });
    try {
      fs.symlinkSync(path.join(dir, 'ios'), path.join(dir, 'ios', 'real', 'loop'));
    } catch {
      return;
    }
    expect(probeRepo(dir).search_truncated).toBe(false);
  });

  it('Firebase: google-services.json gives the app id of the matching client', () => {
    const dir = tempTree({
      'android/app/google-services.json': gs([
        { id: '1:1:android:other', pkg: 'com.other' },
        { id: '1:1:android:mine', pkg: 'com.ex.droid' },
      ]),
      'android/app/build.gradle': 'android { defaultConfig { applicationId "com.ex.droid" } }',
      '.firebaserc': '{}',
    });
    expect(probeRepo(dir)).toMatchObject({
      google_services_json: 'android/app/google-services.json',
      firebase_android_app_id: '1:1:android:mine',
      firebase_project_config: true,
      android_gradle_project: true,
      android_application_id: 'com.ex.droid',
    });
  });

  it('Firebase: root google-services.json, first client when none matches; malformed gives no id', () => {
    expect(
      probeRepo(tempTree({ 'google-services.json': gs([{ id: '1:2:android:x', pkg: 'p.q' }]) }))
        .firebase_android_app_id,
    ).toBe('1:2:android:x');
    expect(probeRepo(tempTree({ 'google-services.json': '{oops' }))).toMatchObject({
      google_services_json: 'google-services.json',
      firebase_android_app_id: null,
    });
  });

  it.each([
    ['netlify.toml', 'detected:netlify.toml'],
    ['fly.toml', 'detected:fly.toml'],
  ])('web hosting marker for %s', (file, want) => {
    expect(probeRepo(tempTree({ [file]: '' })).web_hosting).toBe(want);
  });

  it('web hosting prefers vercel.json', () => {
    expect(probeRepo(tempTree({ 'wrangler.toml': '', 'vercel.json': '{}' })).web_hosting).toBe(
      'detected:vercel.json',
    );
  });
});

describe('gradleApplicationId', () => {
  it.each([
    ['build.gradle', 'defaultConfig {\n  applicationId "com.groovy.dq"\n}', 'com.groovy.dq'],
    ['build.gradle', "defaultConfig { applicationId 'com.groovy.sq' }", 'com.groovy.sq'],
    ['build.gradle.kts', 'defaultConfig {\n    applicationId = "com.kts.app"\n}', 'com.kts.app'],
    [
      'build.gradle',
      '// applicationId "com.old"\n/* applicationId "com.older" */\napplicationId "com.new"',
      'com.new',
    ],
    ['build.gradle', 'applicationId "${base}.app"', null],
    ['build.gradle.kts', 'val url = "https://x.example"\napplicationId = "com.after.url"', 'com.after.url'],
    ['build.gradle', 'applicationId "nodots"', null],
  ])('%s: %j → %j', (name, body, want) => {
    const dir = tempTree({ [`android/app/${name}`]: body });
    expect(gradleApplicationId(dir)).toBe(want);
    if (name.endsWith('.kts')) expect(probeRepo(dir).android_gradle_project).toBe(true);
  });

  it('expo android.package wins over Gradle', () => {
    const dir = tempTree({
      'app.json': '{"expo":{"android":{"package":"com.expo"}}}',
      'android/app/build.gradle': 'applicationId "com.gradle"',
    });
    expect(probeRepo(dir).android_application_id).toBe('com.expo');
  });
});

describe('walkRepoDir', () => {
  it('returns false for a missing root and visits nothing', () => {
    const seen: string[] = [];
    expect(walkRepoDir('/nonexistent/akc', (e) => void seen.push(e.name))).toBe(false);
    expect(seen).toEqual([]);
  });
});
