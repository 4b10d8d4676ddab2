#!/usr/bin/env node
'use strict';
// `--project-dir` is accepted before or after the subcommand (the original silently ignored it
// before): move a leading occurrence behind the command words so oclif sees it on the command.
const argv = process.argv.slice(2);
const hoisted = [];
let i = 0;
const rest = [];
while (i < argv.length) {
  const a = argv[i];
  if (a === '--project-dir' && i + 1 < argv.length) {
    hoisted.push(a, argv[i + 1]);
    i += 2;
  } else if (a.startsWith('--project-dir=')) {
    hoisted.push(a);
    i += 1;
  } else {
    rest.push(a);
    i += 1;
  }
}
const oclif = require('@oclif/core');
oclif
  .execute({ dir: __dirname, args: [...rest, ...hoisted] })
  .catch((err) => require('../dist/handle-error').handleFatal(err));
