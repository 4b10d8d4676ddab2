import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import type { LaneContext } from '@akc/core';
import lane from '../src';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function context(projectDir: string, env: Record<string, string>): LaneContext {
  return {
    laneId: lane.id,
    platform: lane.platform,
    projectDir,
    delivery: {
      id: 'd1',
      dir: projectDir,
      tenantId: 'local',
      repoId: 'local',
      version: '1.0.0',
      releaseMode: 'both',
      recipients: [],
      compile: null,
    },
    options: {},
    env: { PATH: process.env.PATH, ...env },
    log: () => undefined,
    signal: new AbortController().signal,
    now: Date.now,
    versions: {
      delivery_version: '1.0.0',
      ios_marketing_version: '1.0.0',
      ios_build_number: '1',
      android_version_name: '1.0.0',
      android_version_code: 1,
      web_build_id: '1.0.0+1',
    },
  };
}

function project(): string {
  const d = mkdtempSync(join(tmpdir(), 'akc-lane-'));
  dirs.push(d);
  return d;
}

describe('play lane', () => {
  it('declares the contract', () => {
    expect(lane.apiVersion).toBe(1);
    expect(lane.kind).toBe('distribution');
    expect(lane.id).toBe(`${lane.platform}:${lane.lane}`);
  });

  it('reports every missing prerequisite at once, each with a fix, even when the delivery is relaxed', async () => {
    const report = await lane.preflight!(context(project(), { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' }));
    expect(report.problems.length).toBeGreaterThan(1);
    for (const p of report.problems) expect(p.fix.length).toBeGreaterThan(10);
  });

  it('passes with complete credentials and app facts', async () => {
    const dir = project();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyFile = join(dir, 'AuthKey_ABC123DEFG.p8');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sa = join(dir, 'sa.json');
    writeFileSync(
      sa,
      JSON.stringify({
        type: 'service_account',
        client_email: 'ci@p.iam.gserviceaccount.com',
        private_key: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        token_uri: 'https://oauth2.googleapis.com/token',
      }),
    );
    writeFileSync(
      join(dir, 'app.json'),
      JSON.stringify({
        expo: { ios: { bundleIdentifier: 'com.example.app' }, android: { package: 'com.example.app' } },
      }),
    );
    writeFileSync(
      join(dir, 'eas.json'),
      JSON.stringify({
        build: { production: {} },
        submit: { production: { ios: { appleTeamId: 'ABCDE12345' } } },
      }),
    );
    writeFileSync(join(dir, 'credentials.json'), '{}');
    mkdirSync(join(dir, 'android/app'), { recursive: true });
    writeFileSync(
      join(dir, 'android/app/build.gradle'),
      'android { defaultConfig { applicationId "com.example.app" } }',
    );
    mkdirSync(join(dir, '.akc/delivery'), { recursive: true });
    writeFileSync(
      join(dir, '.akc/delivery/operator_prereqs.json'),
      JSON.stringify({
        ios: { signing_assets: true, app_store_connect_app: true, testflight_group: 'Friends' },
        android: {
          firebase_app_id: '1:1:android:a',
          firebase_app_distribution_groups: 'qa',
          play_publisher_api: true,
          signing_keystore: true,
        },
      }),
    );
    const report = await lane.preflight!(
      context(dir, {
        APP_STORE_CONNECT_API_KEY_ID: 'ABC123DEFG',
        APP_STORE_CONNECT_API_ISSUER_ID: '69a6de70-03db-47e3-e053-5b8c7c11a4d1',
        APP_STORE_CONNECT_PRIVATE_KEY_PATH: keyFile,
        GOOGLE_APPLICATION_CREDENTIALS: sa,
      }),
    );
    expect(report.problems).toEqual([]);
  });
});
