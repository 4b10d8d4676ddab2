#!/usr/bin/env node
// `npm run bench`: control-plane benchmarks on this machine. Prints a table and writes
// tools/bench/results.json. Sizes can be reduced for a quick look with BENCH_QUICK=1.
'use strict';
const { spawnSync } = require('node:child_process');
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'apps/cli/bin/run.js');
const core = require(path.join(root, 'libs/core/dist/index.js'));
const { exited, startServe } = require('../serve-process');
const log = require(path.join(root, 'libs/core/dist/store/json-log.js'));
const quick = process.env.BENCH_QUICK === '1';
const results = {};
// BENCH_ONLY=cold_start,submit,activation,append,serve runs a subset.
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
const want = (name) => only === null || only.includes(name);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const ms = (ns) => Number(ns) / 1e6;
const env = { ...process.env, AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' };

function time(fn) {
  const t = process.hrtime.bigint();
  const out = fn();
  return { ms: ms(process.hrtime.bigint() - t), out };
}

function cli(args, cwd) {
  const r = time(() => spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' }));
  if (r.out.status !== 0) throw new Error(`akc ${args.join(' ')} failed: ${r.out.stderr}`);
  return r;
}

function tmp() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'akc-bench-'));
}

/**
 * What each recipient's invite link carries as akc_act. The bench plays every recipient's app, so
 * it signs their credentials with the delivery's key (read from secrets.json, as the server does).
 */
function activationTokens(cwd, id) {
  const io = { cwd, homeDir: os.tmpdir(), env, now: () => Date.now() };
  const secrets = new core.DeliveryStore(cwd, id, { now: Date.now }).read('secrets');
  const key = secrets.invite_keys.find((k) => k.kid === secrets.active_kid);
  return Object.values(core.getStatus(io, cwd, id).session.per_recipient).map((r) => ({
    tokenId: r.invite_token_id,
    act: core.signActivationToken({ deliveryId: id, tokenId: r.invite_token_id, key }),
  }));
}

function submitWith(n, cwd) {
  const file = path.join(cwd, `r${n}.txt`);
  fs.writeFileSync(file, Array.from({ length: n }, (_, i) => `person${i}@example.com`).join('\n'));
  const r = cli(
    ['deliver', '--request', `bench ${n}`, '--recipients-file', file, '--platforms', 'web', '--json'],
    cwd,
  );
  return { ms: r.ms, id: JSON.parse(r.out.stdout).delivery_id };
}

// 1. Cold start.
if (want('cold_start')) {
  const cwd = tmp();
  const { id } = submitWith(10, cwd);
  const runs = quick ? 5 : 15;
  const status = [];
  const help = [];
  const node0 = [];
  for (let i = 0; i < runs; i++) {
    status.push(cli(['deliver', 'status', '--delivery-id', id], cwd).ms);
    help.push(cli(['--help'], cwd).ms);
    node0.push(time(() => spawnSync(process.execPath, ['-e', '0'])).ms);
  }
  results.cold_start_ms = {
    deliver_status: median(status),
    help: median(help),
    node_baseline: median(node0),
    runs,
  };
}

// 2. Submit with 10 / 1,000 / 10,000 recipients (CLI, whole command).
if (want('submit')) {
  results.submit_ms = {};
  for (const n of [10, 1000, 10000]) {
    const runs = n === 10000 ? 3 : 5;
    const xs = [];
    for (let i = 0; i < runs; i++) xs.push(submitWith(n, tmp()).ms);
    results.submit_ms[n] = median(xs);
  }
}

// 3. 1,000 sequential activation reports on a 10,000-recipient delivery.
if (want('activation')) {
  const cwd = tmp();
  const n = 10000;
  const calls = quick ? 200 : 1000;
  const { id } = submitWith(n, cwd);
  const io = { cwd, homeDir: os.tmpdir(), env, now: () => Date.now() };
  const tokens = activationTokens(cwd, id);
  const per = [];
  const cliCall = (i) =>
    time(() =>
      spawnSync(process.execPath, [bin, 'deliver', 'activation-report', '--delivery-id', id], {
        cwd,
        env,
        input: JSON.stringify({
          delivery_id: id,
          activation_token: tokens[i].act,
          platform: 'web',
          first_run_at_unix_ms: Date.now(),
        }),
      }),
    ).ms;
  const cliFirst = [];
  for (let i = 0; i < 20; i++) cliFirst.push(cliCall(i));
  for (let i = 20; i < calls + 20; i++) {
    per.push(
      time(() =>
        core.ingestActivationReport(io, cwd, id, {
          delivery_id: id,
          activation_token: tokens[i].act,
          platform: 'web',
          heartbeat_at_unix_ms: Date.now(),
          first_run_at_unix_ms: Date.now(),
        }),
      ).ms,
    );
  }
  const cliLast = [];
  for (let i = calls + 20; i < calls + 40; i++) cliLast.push(cliCall(i));
  const bucket = Math.floor(calls / 10);
  results.activation_reports = {
    recipients: n,
    calls,
    in_process_ms_median_by_tenth: Array.from({ length: 10 }, (_, k) =>
      median(per.slice(k * bucket, (k + 1) * bucket)),
    ),
    in_process_ms_p99: p(per, 0.99),
    cli_ms_median_first_20: median(cliFirst),
    cli_ms_median_last_20: median(cliLast),
    events_in_log: core.getEvents(io, cwd, id).events.length,
  };
}

// 4. Append cost as the event log grows to 100,000 events.
if (want('append')) {
  const dir = tmp();
  const file = path.join(dir, 'events.json');
  fs.writeFileSync(
    file,
    log.logHeaderText(
      { schema_version: 1, schema_id: 'akc:delivery_events:v1', delivery_id: 'b' },
      'events',
    ) + log.LOG_TRAILER,
  );
  const target = quick ? 20000 : 100000;
  const checkpoints = {};
  let tail = log.openLogTail(file, true).tail;
  const row = (i) => ({
    event_type: 'delivery.bench.appended',
    payload: { i, recipient: `person${i}@example.com` },
  });
  for (let done = 0; done < target;) {
    const batch = Array.from({ length: 1000 }, (_, k) => row(done + k));
    tail = log.appendRows(file, tail, log.chainRows(tail, batch));
    done += 1000;
    if ([1000, 10000, 50000, target].includes(done)) {
      const xs = [];
      for (let k = 0; k < 50; k++) {
        xs.push(
          time(() => {
            const t = log.openLogTail(file, true).tail;
            tail = log.appendRows(file, t, log.chainRows(t, [row(-1)]));
          }).ms,
        );
      }
      checkpoints[done] = median(xs);
    }
  }
  results.event_append_ms_by_log_size = checkpoints;
  results.event_log_bytes = fs.statSync(file).size;
}

// 5. `akc deliver serve` ingesting 10,000 signed activation reports from concurrent clients.
async function serveBench() {
  const cwd = tmp();
  const recipients = quick ? 400 : 2000;
  const perRecipient = 5; // one first run + four heartbeats
  const concurrency = 64;
  const { id } = submitWith(recipients, cwd);
  const tokens = activationTokens(cwd, id);
  const { child, url } = await startServe({ cwd, env, args: ['--rate-limit', '100000000'] });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(`${url}/v1/deliveries/${id}/activation`);
  const post = (token, body) =>
    new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(data),
            Authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  const t0 = Date.now();
  const jobs = [];
  for (let round = 0; round < perRecipient; round++) {
    for (const t of tokens) {
      const at = t0 + round * 1000;
      jobs.push([
        t.act,
        round === 0
          ? { delivery_id: id, platform: 'web', app_version: '1.0.0', first_run_at_unix_ms: at }
          : { delivery_id: id, platform: 'web', app_version: '1.0.0', heartbeat_at_unix_ms: at },
      ]);
    }
  }
  const latencies = [];
  const statuses = {};
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const [token, body] = jobs[next++];
        const s0 = process.hrtime.bigint();
        const status = await post(token, body);
        latencies.push(ms(process.hrtime.bigint() - s0));
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const wallMs = ms(process.hrtime.bigint() - started);
  agent.destroy();
  child.kill('SIGTERM');
  await exited(child);
  // Every accepted report is durable and counted once.
  const io = { cwd, homeDir: os.tmpdir(), env, now: () => Date.now() };
  const session = core.getStatus(io, cwd, id).session;
  const rows = Object.values(session.per_recipient).map((r) => r.platforms.web);
  const verified = core.verifyDelivery(io, cwd, id);
  results.serve_activation_ingest = {
    recipients,
    reports: jobs.length,
    concurrency,
    statuses,
    wall_ms: Math.round(wallMs),
    reports_per_second: Math.round((jobs.length / wallMs) * 1000),
    latency_ms_p50: p(latencies, 0.5),
    latency_ms_p99: p(latencies, 0.99),
    first_runs_recorded: rows.filter((r) => r.first_run_at_unix_ms !== null).length,
    heartbeats_counted: rows.reduce((n, r) => n + r.heartbeat_count, 0),
    heartbeats_sent: recipients * (perRecipient - 1),
    log_intact: verified.ok,
  };
}

(want('serve') ? serveBench() : Promise.resolve()).then(() => {
  fs.writeFileSync(
    path.join(__dirname, 'results.json'),
    JSON.stringify(
      { at: new Date().toISOString(), host: { cpus: os.cpus().length, node: process.version }, results },
      null,
      2,
    ) + '\n',
  );
  console.log(JSON.stringify(results, null, 2));
});
