/// <reference types="jest" />
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../util/env';
import type { LaneContext, LanePlugin } from '../lane/contract';

/**
 * Write what a mobile project needs to pass every distribution lane's preflight: an App Store
 * Connect key, a Google service account, app facts (app.json, eas.json, credentials.json,
 * android/app/build.gradle) and operator prerequisites. Returns the env naming the credentials.
 */
export function writeReadyMobileProject(dir: string): Record<string, string> {
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
  return {
    APP_STORE_CONNECT_API_KEY_ID: 'ABC123DEFG',
    APP_STORE_CONNECT_API_ISSUER_ID: '69a6de70-03db-47e3-e053-5b8c7c11a4d1',
    APP_STORE_CONNECT_PRIVATE_KEY_PATH: keyFile,
    GOOGLE_APPLICATION_CREDENTIALS: sa,
  };
}

/** A lane context for a distribution lane's preflight over `projectDir` (delivery 1.0.0, release mode both). */
export function createPreflightContext(lane: LanePlugin, projectDir: string, env: Env): LaneContext {
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

/**
 * The preflight suite every distribution lane runs (in its own spec): it declares the contract,
 * reports every missing prerequisite at once (each with a fix) even when the delivery is relaxed,
 * and passes for a project written by `writeReadyMobileProject`.
 */
export function describeDistributionPreflight(name: string, lane: LanePlugin): void {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const project = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'akc-lane-'));
    dirs.push(d);
    return d;
  };

  describe(name, () => {
    it('declares the contract', () => {
      expect(lane.apiVersion).toBe(1);
      expect(lane.kind).toBe('distribution');
      expect(lane.id).toBe(`${lane.platform}:${lane.lane}`);
    });

    it('reports every missing prerequisite at once, each with a fix, even when the delivery is relaxed', async () => {
      const ctx = createPreflightContext(lane, project(), { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' });
      const report = await lane.preflight!(ctx);
      expect(report.problems.length).toBeGreaterThan(1);
      for (const p of report.problems) expect(p.fix.length).toBeGreaterThan(10);
    });

    it('passes with complete credentials and app facts', async () => {
      const dir = project();
      const env = writeReadyMobileProject(dir);
      const report = await lane.preflight!(createPreflightContext(lane, dir, env));
      expect(report.problems).toEqual([]);
    });
  });
}
