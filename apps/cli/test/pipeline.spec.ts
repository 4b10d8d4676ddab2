import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { makeStoredZip } from '@akc/core/testing';
import { akc, tempDir } from './run-cli';

/** A minimal stored zip with one entry (what .ipa/.aab files are). */
const zipBytes = (): Buffer => makeStoredZip('Payload/App', 'hello');

function script(file: string, body: string): void {
  writeFileSync(
    file,
    `#!/usr/bin/env node\n'use strict';\nconst fs = require('fs');\nconst path = require('path');\n${body}\n`,
  );
  chmodSync(file, 0o755);
}

/** A fixture app: a real web build, a Gradle wrapper that builds an .aab, a prebuilt .ipa, and a compile command. */
/** `akc deliver` to dana@example.com on `platforms`, with `extra` flags, as JSON. */
function danaArgs(platforms: string, extra: string[] = [], request = 'Notes'): string[] {
  return [
    'deliver',
    '--request',
    request,
    '--recipient',
    'dana@example.com',
    '--platforms',
    platforms,
    ...extra,
    '--json',
  ];
}

function fixture(compileBody: string): { project: string; env: Record<string, string> } {
  const project = tempDir();
  const bin = join(project, '.bin');
  mkdirSync(bin);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'notes', version: '1.0.0', scripts: { build: 'node build.js' } }),
  );
  writeFileSync(
    join(project, 'build.js'),
    "const fs=require('fs');fs.mkdirSync('dist',{recursive:true});fs.writeFileSync('dist/index.html','<h1>Notes</h1>');fs.writeFileSync('dist/app.js','console.log(1)');",
  );
  mkdirSync(join(project, 'android/app'), { recursive: true });
  writeFileSync(
    join(project, 'android/app/build.gradle'),
    "android { defaultConfig { applicationId 'com.example.notes'\n versionCode (findProperty('versionCode') ?: '1').toInteger()\n versionName findProperty('versionName') ?: '0.0.0' } }\n",
  );
  script(
    join(project, 'android/gradlew'),
    `const code = process.argv.find((a) => a.startsWith('-PversionCode='));
if (!code) { console.error('no versionCode'); process.exit(2); }
console.log('> Task :app:bundleRelease', code);
const out = 'app/build/outputs/bundle/release/app-release.aab';
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, Buffer.from(${JSON.stringify(zipBytes().toString('base64'))}, 'base64'));`,
  );
  writeFileSync(join(project, 'app.ipa'), zipBytes());
  script(join(bin, 'akc-compile'), compileBody);
  return {
    project,
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1',
      AKC_IOS_IPA_PATH: join(project, 'app.ipa'),
    },
  };
}

const GOOD_COMPILE = `const rid = 'run-' + Date.now();
fs.mkdirSync('.akc/run', { recursive: true });
fs.mkdirSync('.akc/deployment', { recursive: true });
fs.writeFileSync('.akc/run/' + rid + '.manifest.json', JSON.stringify({ metadata: { run_id: rid } }));
fs.writeFileSync('.akc/deployment/' + rid + '.delivery_plan.json', JSON.stringify({ run_id: rid, targets: [{ target_id: 'w', target_class: 'web_app', name: 'web', domain: 'notes.example.org' }], promotion_readiness: { status: 'blocked' } }));
console.log('compiled for goal', process.argv.slice(2).join(' '));`;

describe('akc deliver --compile: compile, bind, package three platforms, stop at distribution', () => {
  it('packages web (real build), android (Gradle) and ios (prebuilt) with hashes and binds the compile handoff', () => {
    const { project, env } = fixture(GOOD_COMPILE);
    const r = akc(
      danaArgs(
        'web,ios,android',
        ['--release-mode', 'both', '--delivery-version', '1.4.0', '--compile'],
        'Notes 1.4 beta',
      ),
      { cwd: project, env },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Tool and compile output went to stderr, never into the JSON on stdout.
    expect(r.stderr).toContain('[compile] compiled for goal --goal Notes 1.4 beta');
    expect(r.stderr).toContain('[android] > Task :app:bundleRelease');
    expect(out.journey).toBe('executed_distribution');
    expect(out.packaging_ok).toBe(true);
    expect(out.compile_exit_code).toBe(0);
    expect(out.compile_run_id).toMatch(/^run-/);
    expect(out.compile_outputs_ref.web_distribution_hints.suggested_base_urls).toEqual([
      'https://notes.example.org',
    ]);
    for (const p of ['web', 'ios', 'android']) {
      const row = out.packaging.per_platform[p];
      expect(row.distribution_ready).toBe(true);
      for (const a of row.artifacts) {
        expect(createHash('sha256').update(readFileSync(a.path)).digest('hex')).toBe(a.sha256);
        expect(a.path.startsWith(join(project, '.akc/delivery', out.delivery_id, 'packaging', p))).toBe(true);
      }
    }
    expect(out.packaging.per_platform.web.deploy.hosting_url).toBe('https://notes.example.org');
    expect(out.packaging.per_platform.android.artifacts[0].kind).toBe('aab');
    expect(out.packaging.provider_versions.android_version_code).toBeGreaterThan(10400000);
    const status = JSON.parse(
      akc(['deliver', 'status', '--delivery-id', out.delivery_id, '--json'], { cwd: project, env }).stdout,
    );
    expect(status.session.pipeline.compile.status).toBe('completed');
    expect(status.session.pipeline.package.status).toBe('completed');
    expect(status.session.pipeline.distribution.status).toBe('pending');
    expect(out.distribution.execute).toBe(false);
    expect(status.request.compile_outputs_ref.compile_run_id).toBe(out.compile_run_id);
    const events = JSON.parse(
      akc(['deliver', 'events', '--delivery-id', out.delivery_id, '--json'], { cwd: project, env }).stdout,
    ).events.map((e: { event_type: string }) => e.event_type);
    expect(events.slice(3, 6)).toEqual([
      'delivery.compile.completed',
      'delivery.compile.outputs.bound',
      'delivery.build.packaged',
    ]);
    expect(
      existsSync(join(project, '.akc/delivery', out.delivery_id, 'activation_client_contract.v1.json')),
    ).toBe(true);
  });

  it('a failing compile: exit 2, failed compile stage, delivery.failed, no packaging, no stack trace', () => {
    const { project, env } = fixture(
      "console.log('step 1'); console.error('fatal: cannot compile'); process.exit(3);",
    );
    const r = akc(danaArgs('web', ['--compile']), { cwd: project, env });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.compile_exit_code).toBe(3);
    expect(out.stopped).toContain('compile failed');
    expect(out.packaging).toBeNull();
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const status = JSON.parse(
      akc(['deliver', 'status', '--delivery-id', out.delivery_id, '--json'], { cwd: project, env }).stdout,
    );
    expect(status.session.pipeline.compile.status).toBe('failed');
    expect(status.session.session_phase).toBe('failed');
    const last = JSON.parse(
      akc(['deliver', 'events', '--delivery-id', out.delivery_id, '--json', '--tail', '1'], {
        cwd: project,
        env,
      }).stdout,
    ).events[0];
    expect(last.event_type).toBe('delivery.failed');
    expect(last.payload.phase).toBe('compile');
  });

  it('a compile that writes no manifest is a clear handoff failure', () => {
    const { project, env } = fixture("console.log('nothing written');");
    const r = akc(danaArgs('web', ['--compile']), { cwd: project, env });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).stopped).toMatch(/run id|manifest/);
  });

  it('--packaging-mode plan writes inspectable plans and distributes nothing', () => {
    const { project, env } = fixture(GOOD_COMPILE);
    const r = akc(danaArgs('web,android', ['--package', '--packaging-mode', 'plan']), { cwd: project, env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.journey).toBe('inspectable_plan');
    expect(existsSync(join(project, 'dist'))).toBe(false);
    expect(existsSync(join(project, 'android/app/build/outputs'))).toBe(false);
    expect(out.packaging.per_platform.web.artifacts[0].kind).toBe('plan');
  });

  it('a blocked delivery is a real stop: nothing is compiled or packaged', () => {
    const { project, env } = fixture(GOOD_COMPILE);
    const { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: _relax, ...strict } = env;
    const r = akc(danaArgs('ios', ['--compile']), { cwd: project, env: strict });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.session_phase).toBe('blocked');
    expect(out.stopped).toContain('blocked');
    expect(existsSync(join(project, '.akc/run'))).toBe(false);
  });

  it('akc deliver lanes lists the built-ins and a configured third-party lane replacing one', () => {
    const project = tempDir();
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(
      join(__dirname, '../../../examples/lane-hello'),
      join(project, 'node_modules/akc-lane-hello'),
    );
    mkdirSync(join(project, '.akc'));
    writeFileSync(
      join(project, '.akc/config.json'),
      JSON.stringify({ lanes: { plugins: ['akc-lane-hello', 'akc-lane-absent'] } }),
    );
    const out = JSON.parse(akc(['deliver', 'lanes', '--json'], { cwd: project }).stdout);
    const web = out.lanes.find((l: { id: string }) => l.id === 'web');
    expect(web.origin).toBe('akc-lane-hello');
    expect(web.replaces).toBe('builtin');
    expect(out.lanes.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining(['ios', 'android', 'ios:beta', 'android:beta', 'android:store']),
    );
    expect(out.problems[0].origin).toBe('akc-lane-absent');
  });
});

describe('third-party lanes in a delivery', () => {
  function projectWith(pkg: string): { project: string; env: Record<string, string> } {
    const { project, env } = fixture(GOOD_COMPILE);
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    const src =
      pkg === 'akc-lane-hello'
        ? '../../../examples/lane-hello'
        : `../../../examples/lane-hello/test-fixtures/${pkg.replace('akc-lane-', '')}`;
    symlinkSync(join(__dirname, src), join(project, 'node_modules', pkg));
    mkdirSync(join(project, '.akc'), { recursive: true });
    writeFileSync(join(project, '.akc/config.json'), JSON.stringify({ lanes: { plugins: [pkg] } }));
    return { project, env };
  }

  it('the example lane replaces the built-in web lane and packages the delivery', () => {
    const { project, env } = projectWith('akc-lane-hello');
    const r = akc(danaArgs('web', ['--package'], 'Hello'), { cwd: project, env });
    expect(r.code).toBe(0);
    const row = JSON.parse(r.stdout).packaging.per_platform.web;
    expect(row.lane_origin).toBe('akc-lane-hello');
    expect(row.distribution_ready).toBe(true);
    expect(existsSync(join(project, 'dist'))).toBe(false);
  });

  it.each([
    'akc-lane-broken-throws-on-load',
    'akc-lane-broken-wrong-api-version',
    'akc-lane-broken-missing-id',
  ])('%s fails only deliveries that use its lane, with a clear error', (pkg) => {
    const { project, env } = projectWith(pkg);
    const web = akc(danaArgs('web', ['--package', '--packaging-mode', 'execute'], 'Web'), {
      cwd: project,
      env,
    });
    expect(web.code).toBe(2);
    const out = JSON.parse(web.stdout);
    expect(out.journey).toBe('blocked');
    expect(out.packaging.preflight_issues[0].reason).toContain(pkg);
    expect(web.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const android = akc(danaArgs('android', ['--package'], 'Android'), { cwd: project, env });
    expect(android.code).toBe(0);
    expect(JSON.parse(android.stdout).journey).toBe('executed_distribution');
  });
});
