import Ajv from 'ajv';
import { HumanInputRow } from '../../src/schemas/request';
import type { Platform, ReleaseMode } from '../../src/schemas/common';
import {
  EMPTY_PROBES,
  collectHumanInputs,
  humanInputAccount,
  operatorPrereqs,
  probeRepo,
  requiredAccounts,
  type RepoProbes,
} from '../../src/ingest';
import { SPEC_PREREQS, readyEnv, tempTree } from './helpers';

const rows = (
  platforms: Platform[],
  releaseMode: ReleaseMode,
  extra: { prereqs?: object; env?: Record<string, string>; probes?: RepoProbes } = {},
) =>
  collectHumanInputs({
    platforms,
    releaseMode,
    prereqs: operatorPrereqs((extra.prereqs ?? {}) as Record<string, unknown>),
    probes: extra.probes ?? EMPTY_PROBES,
    env: extra.env ?? {},
  });
const ids = (r: ReturnType<typeof rows>) => r.map((x) => x.id);

describe('collectHumanInputs in an empty repo', () => {
  it('spec 15 item 32: web beta asks only for the web URL, account web_hosting', () => {
    const r = rows(['web'], 'beta');
    expect(ids(r)).toEqual(['web_hosting_endpoint']);
    expect(requiredAccounts(r)).toEqual(['web_hosting']);
    expect(r[0]).toMatchObject({
      status: 'missing',
      blocking_for: ['beta'],
      ask_order: 1,
      account: 'web_hosting',
    });
  });

  // Adapted from the observed table (spec 4.6): the fixed rows add the ASC API key, the TestFlight
  // group and the Firebase credentials/groups, and drop firebase_ios_app_id.
  it.each([
    [['web'], 'beta', 1],
    [['web', 'ios'], 'beta', 7],
    [['web', 'ios', 'android'], 'beta', 10],
    [['web', 'ios', 'android'], 'store', 9],
    [['web', 'ios', 'android'], 'both', 13],
    [['android', 'ios'], 'both', 12],
  ] as Array<[Platform[], ReleaseMode, number]>)('%j / %s gives %i rows', (platforms, mode, n) => {
    expect(rows(platforms, mode)).toHaveLength(n);
  });

  it('spec 15 item 35 (fixed): both mode rows are dense 1..n, in ios, android, web order, blocking only their lanes', () => {
    const r = rows(['web', 'android', 'ios'], 'both');
    expect(r.map((x) => x.ask_order)).toEqual(r.map((_, i) => i + 1));
    expect(r.map((x) => [x.id, x.blocking_for])).toEqual([
      ['ios_bundle_id', ['beta', 'store']],
      ['apple_team_registration', ['beta', 'store']],
      ['ios_signing_assets', ['beta', 'store']],
      ['app_store_connect_api_key', ['beta', 'store']],
      ['apple_app_store_registration', ['beta', 'store']],
      ['testflight_beta_group', ['beta']],
      ['firebase_android_app_registration', ['beta']],
      ['firebase_distribution_credentials', ['beta']],
      ['firebase_tester_groups', ['beta']],
      ['google_play_app_registration', ['store']],
      ['google_play_publisher_credentials', ['store']],
      ['android_signing_assets', ['store']],
      ['web_hosting_endpoint', ['beta', 'store']],
    ]);
    expect(requiredAccounts(r)).toEqual([
      'apple_developer',
      'app_store_connect',
      'firebase',
      'google_play',
      'web_hosting',
    ]);
  });

  it('blocking_for never names a lane outside the mode', () => {
    for (const x of rows(['web', 'ios', 'android'], 'store')) expect(x.blocking_for).toEqual(['store']);
  });

  it('weakness 14 fixed: sensitive is set per row (secrets yes, ids no)', () => {
    const sensitive = rows(['web', 'ios', 'android'], 'both')
      .filter((x) => x.ui_prompt.sensitive)
      .map((x) => x.id);
    expect(sensitive).toEqual([
      'ios_signing_assets',
      'app_store_connect_api_key',
      'firebase_distribution_credentials',
      'google_play_publisher_credentials',
      'android_signing_assets',
    ]);
  });

  it('weakness 25 fixed: iOS beta never asks for a Firebase iOS app id', () => {
    expect(ids(rows(['ios'], 'beta'))).not.toContain('firebase_ios_app_id');
  });

  it('every row matches the HumanInputRow schema and carries a fix', () => {
    const validate = new Ajv({ strict: false }).compile(HumanInputRow);
    for (const x of rows(['web', 'ios', 'android'], 'both')) {
      expect(validate(x)).toBe(true);
      expect(String(x.context.fix).length).toBeGreaterThan(10);
    }
  });

  it('platform order is fixed whatever the CLI order', () => {
    expect(ids(rows(['web', 'ios'], 'beta'))).toEqual(ids(rows(['ios', 'web'], 'beta')));
  });
});

describe('what satisfies a row', () => {
  it('spec 15 item 33: op web.hosting_endpoint URL removes the web row', () => {
    expect(
      ids(rows(['web'], 'beta', { prereqs: { web: { hosting_endpoint: 'https://example.com' } } })),
    ).toEqual([]);
  });

  it.each([
    [
      'env AKC_DELIVERY_WEB_INVITE_BASE_URL',
      { env: { AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://b.example.com' } },
    ],
    ['op web.invite_base_url', { prereqs: { web: { invite_base_url: 'http://10.0.0.5:8080/app' } } }],
  ])('weakness 25 fixed: %s also satisfies the web row (same rule as preflight)', (_n, extra) => {
    expect(rows(['web'], 'beta', extra)).toEqual([]);
  });

  it.each([
    ['hosting_endpoint: true', { prereqs: { web: { hosting_endpoint: true } } }, /URL string is needed/],
    [
      'a non-URL env value',
      { env: { AKC_DELIVERY_WEB_INVITE_BASE_URL: 'beta.example.com' } },
      /not an http\(s\) URL/,
    ],
    ['an ftp URL', { prereqs: { web: { invite_base_url: 'ftp://x.example.com' } } }, /not an http\(s\) URL/],
    [
      'only a hosting config file',
      { probes: { ...EMPTY_PROBES, web_hosting: 'detected:vercel.json' } },
      /vercel\.json was found/,
    ],
  ])('the web row stays for %s', (_n, extra, reason) => {
    const r = rows(['web'], 'beta', extra as never);
    expect(ids(r)).toEqual(['web_hosting_endpoint']);
    expect(r[0]?.reason).toMatch(reason);
  });

  it('repo probes satisfy the iOS and Android id rows', () => {
    const dir = tempTree({
      'app.json': JSON.stringify({
        expo: { ios: { bundleIdentifier: 'com.x' }, android: { package: 'com.x' } },
      }),
      'eas.json': JSON.stringify({ submit: { production: { ios: { appleTeamId: 'T1' } } } }),
      'credentials.json': '{}',
      'android/app/google-services.json': JSON.stringify({
        client: [{ client_info: { mobilesdk_app_id: '1:2:android:3' } }],
      }),
    });
    const r = ids(rows(['ios', 'android'], 'both', { probes: probeRepo(dir) }));
    for (const gone of [
      'ios_bundle_id',
      'apple_team_registration',
      'ios_signing_assets',
      'firebase_android_app_registration',
      'google_play_app_registration',
    ]) {
      expect(r).not.toContain(gone);
    }
  });

  it('op play_publisher_api alone no longer satisfies the Play credentials row; a service account does', () => {
    const dir = tempTree();
    expect(ids(rows(['android'], 'store', { prereqs: { android: { play_publisher_api: true } } }))).toContain(
      'google_play_publisher_credentials',
    );
    expect(ids(rows(['android'], 'store', { env: readyEnv(dir) }))).not.toContain(
      'google_play_publisher_credentials',
    );
  });

  it('the spec 2.10 example plus real credentials leaves nothing to ask (observed gap fixed: invite_base_url counts)', () => {
    const dir = tempTree();
    expect(
      rows(['web', 'ios', 'android'], 'both', {
        prereqs: { ...SPEC_PREREQS, ios: { ...SPEC_PREREQS.ios } },
        env: readyEnv(dir),
      }),
    ).toEqual([]);
  });
});

describe('accounts', () => {
  it('spec 15 item 34: ids map to their provider accounts', () => {
    expect(
      ['ios_bundle_id', 'firebase_android_app_registration', 'web_hosting_endpoint'].map(humanInputAccount),
    ).toEqual(['apple_developer', 'firebase', 'web_hosting']);
    expect(humanInputAccount('nope')).toBeUndefined();
  });

  it('requiredAccounts de-duplicates in row order', () => {
    expect(requiredAccounts([{ account: 'b' }, { account: 'a' }, { account: 'b' }])).toEqual(['b', 'a']);
  });
});
