// Start `akc deliver serve` as its own process and read invite links from the sandbox's SMTP
// sink: shared by `npm run demo`, `npm run bench` and the CLI's end-to-end tests.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const BIN = path.join(__dirname, '../apps/cli/bin/run.js');

/**
 * Runs `akc deliver serve --port 0 --json [...args]` and resolves, once it listens, with the
 * child, its URL and port (the first stdout line). Rejects if it exits first.
 */
function startServe({ cwd, env, args = [], stderr = 'ignore' }) {
  const child = spawn(process.execPath, [BIN, 'deliver', 'serve', '--port', '0', '--json', ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', stderr],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const early = (code) => reject(new Error(`akc deliver serve exited early (${code})`));
    child.once('exit', early);
    child.stdout.on('data', (c) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.off('exit', early);
      const { url, port } = JSON.parse(out.slice(0, nl));
      resolve({ child, url, port });
    });
  });
}

/** Resolves with the exit code once the child has exited (at once if it already has). */
function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Quoted-printable soft breaks and escapes, as the SMTP sink stores a mail body. */
function decodeQuotedPrintable(text) {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));
}

/** recipient -> the invite link e-mailed to them (signed invite plus akc_act), from the sink. */
async function invitesFromSink(smtpControlUrl) {
  const res = await fetch(`${smtpControlUrl}/__control/messages`);
  const { messages } = await res.json();
  const links = new Map();
  for (const m of messages) {
    const url = /https:\/\/\S+?akc_sig=[0-9a-f]{64}(&akc_act=[^\s"<>&]+)?/.exec(
      decodeQuotedPrintable(m.body),
    );
    if (url) links.set(m.to[0], url[0]);
  }
  return links;
}

module.exports = { BIN, startServe, exited, decodeQuotedPrintable, invitesFromSink };
