import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordInvocation, writeTree, type BuildSandbox as Sandbox } from '@akc/core/testing';
import { makeZip } from './helpers';

/** The module build script of a ready project: reads the injected version and signs releases. */
export const READY_BUILD_GRADLE = `android {
  defaultConfig {
    versionCode (findProperty('versionCode') ?: '1').toInteger()
    versionName findProperty('versionName') ?: '0.0.0'
  }
  buildTypes { release { signingConfig signingConfigs.release } }
}
`;

/** Write `android/gradlew` (a node script) plus `android/app/build.gradle`; returns the invocation marker path. */
export function writeGradlew(sb: Sandbox, body: string, buildGradle = READY_BUILD_GRADLE): string {
  const marker = join(sb.root, 'gradlew-invocations.ndjson');
  writeTree(sb.projectDir, {
    'android/app/build.gradle': buildGradle,
    'android/settings.gradle': "include ':app'",
  });
  const file = join(sb.projectDir, 'android', 'gradlew');
  mkdirSync(join(sb.projectDir, 'android'), { recursive: true });
  writeFileSync(
    file,
    `#!/usr/bin/env node\n'use strict';\nconst fs = require('fs');\n${recordInvocation(marker)}\n${body}\n`,
  );
  chmodSync(file, 0o755);
  return marker;
}

/**
 * A gradlew body that fails unless it received the delivery's version (as -P properties and env),
 * then writes a real zip to `<module>/build/outputs/<relPath>`.
 */
export function buildsArtifact(relPath = 'bundle/release/app-release.aab'): string {
  return `const args = process.argv.slice(2);
console.log('> Task :app:preBuild UP-TO-DATE');
if (!args.includes('-PversionCode=1040001') || !args.includes('-PversionName=1.4.0')) { console.error('missing -PversionCode'); process.exit(2); }
if (process.env.AKC_VERSION_CODE !== '1040001' || process.env.AKC_VERSION_NAME !== '1.4.0') { console.error('missing AKC env'); process.exit(2); }
const out = 'app/build/outputs/${relPath}';
fs.mkdirSync(require('path').dirname(out), { recursive: true });
fs.writeFileSync(out, Buffer.from(${JSON.stringify(makeZip().toString('base64'))}, 'base64'));
console.log('BUILD SUCCESSFUL in 1s');`;
}
