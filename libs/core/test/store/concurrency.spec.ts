import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { submitDelivery } from '../../src/control-plane/submit';
import { getEvents, getStatus, verifyDelivery } from '../../src/control-plane/queries';
import { readLogRows } from '../../src/store/delivery-store';
import { deliveryPaths } from '../../src/store/paths';
import { readJson, tempProject, testIO } from '../helpers';

const WORKER = join(__dirname, '../fixtures/worker.js');
const PROCESSES = 8;
const CALLS = 50;

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`worker exit ${code}: ${err}`)),
    );
  });
}

describe('concurrent commands on one delivery', () => {
  it(`${PROCESSES} processes x ${CALLS} activation-report/resend calls: every event once, gap-free, no lost update`, async () => {
    const project = tempProject();
    const io = testIO();
    const uniques = [];
    for (let w = 0; w < PROCESSES; w++)
      for (let i = 1; i < CALLS; i += 2) uniques.push(`u${w}-${i}@example.com`);
    const { delivery_id: id } = submitDelivery(io, {
      projectDir: project,
      request: 'concurrency',
      recipients: ['shared@example.com', ...uniques],
      platforms: 'web',
    });
    const session = getStatus(io, project, id).session;
    const tokens = Object.fromEntries(
      Object.entries(session.per_recipient).map(([e, r]) => [e, r.invite_token_id]),
    );
    const tokensFile = join(project, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify(tokens));

    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, w) =>
        run(['contend', project, id, String(w), String(CALLS), tokensFile]),
      ),
    );

    const paths = deliveryPaths(project, id);
    const events = getEvents(io, project, id).events;
    // 3 creation events, one resend event per even call, first_run + recipient transition per odd call.
    const resends = (PROCESSES * CALLS) / 2;
    const reports = (PROCESSES * CALLS) / 2;
    expect(events).toHaveLength(3 + resends + 2 * reports);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(verifyDelivery(io, project, id).ok).toBe(true);

    // Every committed event a worker saw is in the log exactly once.
    const seen = outputs
      .flatMap((o) => o.trim().split('\n'))
      .flatMap((l) => l.split(' ')[1]!.split(',').map(Number));
    expect(new Set(seen).size).toBe(seen.length);
    for (const seq of seen) expect(events[seq - 1]).toBeDefined();

    // No lost read-modify-write: the shared counter saw every increment exactly once.
    const counts = events
      .filter((e) => e.event_type === 'delivery.invite.resend_requested')
      .map((e) => e.payload.resend_count);
    expect([...counts].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: resends }, (_, i) => i + 1),
    );
    const recipients = readJson<{ recipients: Record<string, { resend_count: number }> }>(paths.recipients);
    expect(recipients.recipients['shared@example.com']!.resend_count).toBe(resends);
    const s = getStatus(io, project, id).session;
    for (const email of uniques) {
      expect(s.per_recipient[email]!.platforms.web!.first_run_at_unix_ms).not.toBeNull();
      expect(s.per_recipient[email]!.platforms.web!.heartbeat_count).toBe(1);
    }
    expect(readLogRows(paths, 'evidence')).toHaveLength(reports);
  });
});
