import * as path from 'node:path';
import type { ReleaseMode } from '../../src/schemas/common';
import { EMPTY_PROBES, type RepoProbes } from '../../src/ingest';
import {
  P8_KEY,
  SERVICE_ACCOUNT_JSON,
  SPEC_PREREQS,
  preflight,
  readyEnv,
  tempTree,
  type Extra,
} from './helpers';

// Credential checks of the adapter preflight: each demands what the real provider client needs.
describe('App Store Connect auth (weakness 12 fixed)', () => {
  const iosOk = { ...SPEC_PREREQS, ios: { ...SPEC_PREREQS.ios, testflight_group: 'Friends' } };
  const ascReasons = (env: Record<string, string>, extra: Extra = {}) =>
    preflight(['ios'], 'store', { prereqs: iosOk, env, ...extra }).issues.map((i) => i.reason);

  it('key id + issuer + PEM key file passes (either variable spelling)', () => {
    const dir = tempTree({ 'k.p8': P8_KEY });
    expect(
      ascReasons({
        APP_STORE_CONNECT_API_KEY_ID: 'K',
        APP_STORE_CONNECT_API_ISSUER_ID: 'I',
        APP_STORE_CONNECT_PRIVATE_KEY_PATH: path.join(dir, 'k.p8'),
      }),
    ).toEqual([]);
    expect(
      ascReasons({
        APP_STORE_CONNECT_KEY_ID: 'K',
        APP_STORE_CONNECT_ISSUER_ID: 'I',
        APP_STORE_CONNECT_API_KEY_PATH: path.join(dir, 'k.p8'),
      }),
    ).toEqual([]);
  });

  it('a relative key path resolves against the injected cwd', () => {
    const dir = tempTree({ 'keys/k.p8': P8_KEY });
    expect(
      ascReasons(
        {
          APP_STORE_CONNECT_API_KEY_ID: 'K',
          APP_STORE_CONNECT_API_ISSUER_ID: 'I',
          APP_STORE_CONNECT_PRIVATE_KEY_PATH: 'keys/k.p8',
        },
        { cwd: dir },
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'the op flag alone',
      {},
      [
        /APP_STORE_CONNECT_API_KEY_ID or APP_STORE_CONNECT_KEY_ID is not set/,
        /ISSUER_ID is not set/,
        /PRIVATE_KEY_PATH or .*API_KEY_PATH is not set/,
      ],
    ],
    [
      'key id + issuer without a key file',
      { APP_STORE_CONNECT_API_KEY_ID: 'K', APP_STORE_CONNECT_API_ISSUER_ID: 'I' },
      [/PRIVATE_KEY_PATH .* is not set/],
    ],
    [
      'a key file alone',
      { APP_STORE_CONNECT_PRIVATE_KEY_PATH: 'KEYFILE' },
      [/KEY_ID is not set/, /ISSUER_ID is not set/],
    ],
    [
      'a missing key file',
      {
        APP_STORE_CONNECT_API_KEY_ID: 'K',
        APP_STORE_CONNECT_API_ISSUER_ID: 'I',
        APP_STORE_CONNECT_PRIVATE_KEY_PATH: '/nonexistent/k.p8',
      },
      [/points at \/nonexistent\/k\.p8, which is not a readable file/],
    ],
    [
      'a key file that is not PEM',
      {
        APP_STORE_CONNECT_API_KEY_ID: 'K',
        APP_STORE_CONNECT_API_ISSUER_ID: 'I',
        APP_STORE_CONNECT_PRIVATE_KEY_PATH: 'JSONFILE',
      },
      [/not a \.p8 private key/],
    ],
  ] as Array<[string, Record<string, string>, RegExp[]]>)(
    '%s is one issue naming what is missing',
    (_n, env, wants) => {
      const dir = tempTree({ 'k.p8': P8_KEY, 'sa.json': SERVICE_ACCOUNT_JSON });
      const fixed = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          v.replace('KEYFILE', path.join(dir, 'k.p8')).replace('JSONFILE', path.join(dir, 'sa.json')),
        ]),
      );
      const got = ascReasons(fixed);
      expect(got).toHaveLength(1);
      for (const w of wants) expect(got[0]).toMatch(w);
    },
  );

  it('fileExists is an injectable seam', () => {
    const dir = tempTree({ 'k.p8': P8_KEY });
    const env = {
      APP_STORE_CONNECT_API_KEY_ID: 'K',
      APP_STORE_CONNECT_API_ISSUER_ID: 'I',
      APP_STORE_CONNECT_PRIVATE_KEY_PATH: path.join(dir, 'k.p8'),
    };
    expect(ascReasons(env, { fileExists: () => false })[0]).toMatch(/not a readable file/);
  });
});

describe('TestFlight beta group', () => {
  const dir = tempTree();
  const env = readyEnv(dir);
  const { AKC_DELIVERY_ASC_BETA_GROUP_ID: _drop, ...noGroup } = env;

  it('is required on the beta lane only', () => {
    const r = preflight(['ios'], 'both', { prereqs: SPEC_PREREQS, env: noGroup });
    expect(r.issues.map((i) => `${i.lane}: ${i.reason}`)).toEqual([
      'beta: TestFlight beta group not set: set env AKC_DELIVERY_ASC_BETA_GROUP_ID or operator prereq ios.testflight_group',
    ]);
  });

  it.each([
    ['env', { env }],
    [
      'op ios.testflight_group',
      {
        env: noGroup,
        prereqs: { ...SPEC_PREREQS, ios: { ...SPEC_PREREQS.ios, testflight_group: 'Friends' } },
      },
    ],
  ] as Array<[string, Extra]>)('is satisfied by %s', (_n, extra) => {
    expect(preflight(['ios'], 'beta', { prereqs: SPEC_PREREQS, ...extra }).issues).toEqual([]);
  });
});

describe('Google credentials (weakness 12 fixed)', () => {
  const dir = tempTree({
    'sa.json': SERVICE_ACCOUNT_JSON,
    'user.json': JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'y' }),
    'nokey.json': JSON.stringify({ type: 'service_account', client_email: 'a@b.iam' }),
    'bad.json': '{not json',
  });
  const androidPrereqs = SPEC_PREREQS;
  const issues = (env: Record<string, string>, mode: ReleaseMode = 'both') =>
    preflight(['android'], mode, { prereqs: androidPrereqs, env }).issues;

  it('a service-account file passes both Firebase and Play', () => {
    expect(issues({ GOOGLE_APPLICATION_CREDENTIALS: path.join(dir, 'sa.json') })).toEqual([]);
  });

  it('FIREBASE_TOKEN alone no longer passes, and the reason says why', () => {
    const got = issues({ FIREBASE_TOKEN: 'tok' }, 'beta');
    expect(got).toHaveLength(1);
    expect(got[0]?.reason).toMatch(
      /GOOGLE_APPLICATION_CREDENTIALS is not set.*FIREBASE_TOKEN is set but is not used/,
    );
  });

  it('op flags alone (firebase_distribution_auth, play_publisher_api) do not pass', () => {
    expect(issues({}).map((i) => i.lane)).toEqual(['beta', 'store']);
  });

  it.each([
    ['missing.json', /not a readable file/],
    ['user.json', /not a service-account key \(missing type "service_account"/],
    ['nokey.json', /missing private_key/],
    ['bad.json', /not valid JSON/],
  ])('%s is rejected: %s', (file, want) => {
    const got = issues({ GOOGLE_APPLICATION_CREDENTIALS: path.join(dir, file) });
    expect(got).toHaveLength(2);
    for (const i of got) expect(i.reason).toMatch(want);
    expect(got.map((i) => i.fix).join()).toMatch(/GOOGLE_APPLICATION_CREDENTIALS=/);
  });

  it('no secret value appears in any reason', () => {
    const all = JSON.stringify(
      issues({
        GOOGLE_APPLICATION_CREDENTIALS: path.join(dir, 'nokey.json'),
        FIREBASE_TOKEN: 'sekrit-token',
      }),
    );
    expect(all).not.toContain('sekrit-token');
    expect(all).not.toContain('BEGIN PRIVATE KEY');
  });
});

describe('Firebase app id and groups', () => {
  const dir = tempTree();
  const env = readyEnv(dir);
  const base = { ...SPEC_PREREQS.android };
  const beta = (android: Record<string, unknown>, extra: Extra = {}) =>
    preflight(['android'], 'beta', { env, prereqs: { android }, ...extra }).issues.map((i) => i.reason);

  it('op firebase_app_id must be a string id', () => {
    expect(beta({ ...base, firebase_app_id: true })[0]).toMatch(/Firebase Android app id not found/);
  });

  it.each([
    ['env AKC_DELIVERY_FIREBASE_APP_ID', { env: { ...env, AKC_DELIVERY_FIREBASE_APP_ID: '1:2:android:3' } }],
    [
      'the google-services.json probe',
      { probes: { ...EMPTY_PROBES, firebase_android_app_id: '1:2:android:3' } as RepoProbes },
    ],
  ] as Array<[string, Extra]>)('app id from %s', (_n, extra) => {
    const { firebase_app_id: _x, ...rest } = base;
    expect(beta(rest, extra)).toEqual([]);
  });

  it('firebase.json alone does not give an app id', () => {
    const { firebase_app_id: _x, ...rest } = base;
    expect(beta(rest, { probes: { ...EMPTY_PROBES, firebase_project_config: true } })).toHaveLength(1);
  });

  it.each([
    [{ firebase_app_distribution_groups: ['qa'] }, {}, 0],
    [{ firebase_app_distribution_groups: ' , ' }, {}, 1],
    [{}, { FIREBASE_APP_DISTRIBUTION_GROUPS: 'qa' }, 0],
  ])('groups %j env %j → %i issues', (groups, genv, n) => {
    const { firebase_app_distribution_groups: _g, ...rest } = base;
    expect(beta({ ...rest, ...groups }, { env: { ...env, ...genv } })).toHaveLength(n);
  });
});
