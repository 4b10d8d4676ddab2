#!/usr/bin/env node
// `npm test`: build every project, typecheck, lint, run every project's Jest suite through Nx,
// then print one plain closing line `N passed, N failed` summed over all projects.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const nx = path.join(root, 'node_modules/nx/dist/bin/nx.js');
const targets = process.env.AKC_TEST_TARGETS
  ? process.env.AKC_TEST_TARGETS.split(',')
  : ['build', 'typecheck', 'lint', 'test'];

function projects() {
  const dirs = [];
  for (const base of ['apps', 'libs', 'libs/lanes', 'libs/providers', 'examples']) {
    const full = path.join(root, base);
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full)) {
      const dir = path.join(full, name);
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'jest.config.js')))
        dirs.push(dir);
    }
  }
  return dirs;
}

for (const dir of projects()) fs.rmSync(path.join(dir, 'jest-results.json'), { force: true });
const run = spawnSync(
  process.execPath,
  [nx, 'run-many', '-t', ...targets, '--output-style=static', '--parallel=2', '--skip-nx-cache'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
);

let passed = 0;
let failed = 0;
let missing = 0;
for (const dir of projects()) {
  const file = path.join(dir, 'jest-results.json');
  if (!fs.existsSync(file)) {
    missing++;
    console.error(`no test results from ${path.relative(root, dir)}`);
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
}
if (!targets.includes('test')) process.exit(run.status ?? 1);
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status !== 0 || failed > 0 || missing > 0 ? 1 : 0);
