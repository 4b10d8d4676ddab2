import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEvents, verifyDelivery } from '../../src/control-plane/queries';
import { deliveryPaths, deliveryRoot } from '../../src/store/paths';
import { tempProject, testIO } from '../helpers';

const WORKER = join(__dirname, '../fixtures/worker.js');
const RECIPIENTS = 10_000;
const KILLS = 6;

interface Run {
  deliveryId: string | null;
  committed: number;
}

/** Start the writer, SIGKILL it after `delayMs` (measured from spawn), collect what it reported committed. */
function runAndKill(project: string, delayMs: number, existing?: string): Promise<Run> {
  return new Promise((resolve) => {
    const args = [WORKER, 'crash-writer', project, String(RECIPIENTS), ...(existing ? [existing] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const run: Run = { deliveryId: existing ?? null, committed: 0 };
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const [kind, value] = line.split(' ');
        if (kind === 'created') run.deliveryId = value ?? null;
        if (kind === 'committed') run.committed = Math.max(run.committed, Number(value));
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(run);
    });
  });
}

describe('SIGKILL while writing a 10,000-recipient delivery', () => {
  it('a kill during creation leaves either no delivery or a complete one', async () => {
    const project = tempProject();
    for (const delay of [40, 120, 250]) {
      const run = await runAndKill(project, delay);
      const visible = existsSync(deliveryRoot(project))
        ? readdirSync(deliveryRoot(project)).filter((n) => !n.startsWith('.'))
        : [];
      for (const id of visible) {
        expect(verifyDelivery(testIO(), project, id).ok).toBe(true);
      }
      if (run.deliveryId) expect(visible).toContain(run.deliveryId);
    }
  });

  it(`killed at random points ${KILLS} times: every file parses and no committed event is lost`, async () => {
    const project = tempProject();
    const io = testIO();
    let id: string | undefined;
    let committed = 0;
    for (let k = 0; k < KILLS; k++) {
      const delay = (id ? 250 : 1500) + Math.floor(Math.random() * 500);
      const run = await runAndKill(project, delay, id);
      id = run.deliveryId ?? id;
      expect(id).toBeDefined();
      committed = Math.max(committed, run.committed);
      const paths = deliveryPaths(project, id as string);
      // Documents are replaced atomically: they parse even before any repair.
      for (const f of [paths.request, paths.session, paths.recipients, paths.providerState, paths.secrets]) {
        expect(() => JSON.parse(readFileSync(f, 'utf8'))).not.toThrow();
      }
      // The next open finishes a journaled commit and repairs a torn log tail.
      const check = verifyDelivery(io, project, id as string);
      expect(check.events.problems).toEqual([]);
      expect(check.ok).toBe(true);
      expect(existsSync(paths.journal)).toBe(false);
      expect(() => JSON.parse(readFileSync(paths.events, 'utf8'))).not.toThrow();
      expect(() => JSON.parse(readFileSync(paths.evidence, 'utf8'))).not.toThrow();
      expect(getEvents(io, project, id as string).events.length).toBeGreaterThanOrEqual(committed);
    }
    expect(committed).toBeGreaterThan(3);
  });
});
