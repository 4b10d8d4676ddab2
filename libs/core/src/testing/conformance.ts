/// <reference types="jest" />
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as net from 'node:net';
import type { Env } from '../util/env';
import type { LanePlugin } from '../lane/contract';
import { assertLaneShape } from '../lane/registry';
import { createTestLaneContext, createTestPackageContext } from './lane-context';

export interface LaneHarness {
  lane: LanePlugin;
  /** A project (and env/options) where the lane's prerequisites are met. */
  readyProject(): Promise<{ projectDir: string; env: Env; options?: Record<string, unknown> }>;
  /** A project where prerequisites are missing (preflight must report them all); omit for a lane that needs nothing. */
  emptyProject?(): Promise<{ projectDir: string; env: Env; options?: Record<string, unknown> }>;
}

const SECRET = 'akc-conformance-secret-value-7f3a9c';

function filesUnder(dir: string, skip: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const full = join(d, n);
      if (full === skip) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** Run `fn` while refusing any network connection and any write to stdout; returns what was attempted. */
async function guarded<T>(fn: () => Promise<T>): Promise<{ value: T; connects: number; stdout: number }> {
  const seen = { connects: 0, stdout: 0 };
  const connect = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket) {
    seen.connects++;
    throw new Error('conformance: preflight must not open network connections');
  });
  const fetchSpy =
    typeof globalThis.fetch === 'function'
      ? jest.spyOn(globalThis, 'fetch').mockImplementation(() => {
          seen.connects++;
          return Promise.reject(new Error('conformance: no network'));
        })
      : null;
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => {
    seen.stdout++;
    return true;
  });
  try {
    return { value: await fn(), ...seen };
  } finally {
    connect.mockRestore();
    fetchSpy?.mockRestore();
    write.mockRestore();
  }
}

/**
 * The lane contract's conformance suite. Every lane runs it in its own tests, ours and third
 * parties' alike: `describeLaneConformance('web', async () => harness)`.
 */
export function describeLaneConformance(
  name: string,
  harness: () => LaneHarness | Promise<LaneHarness>,
): void {
  describe(`${name}: lane contract`, () => {
    let h: LaneHarness;
    beforeAll(async () => {
      h = await harness();
    });

    it('declares a supported apiVersion, a valid id, kind, platform, version and description', () => {
      expect(() => assertLaneShape(h.lane, name)).not.toThrow();
    });

    it('preflight reports every missing prerequisite at once, each with a fix, without network or stdout', async () => {
      if (!h.lane.preflight || !h.emptyProject) return;
      const { projectDir, env, options } = await h.emptyProject();
      const r = await guarded(() =>
        h.lane.preflight!(createTestLaneContext({ lane: h.lane, projectDir, env, options: options ?? {} })),
      );
      expect(r.connects).toBe(0);
      expect(r.stdout).toBe(0);
      expect(r.value.problems.length).toBeGreaterThan(0);
      for (const p of r.value.problems) {
        expect(p.id).toBeTruthy();
        expect(p.reason).toBeTruthy();
        expect(p.fix).toBeTruthy();
      }
    });

    it('preflight passes on a ready project', async () => {
      if (!h.lane.preflight) return;
      const { projectDir, env, options } = await h.readyProject();
      const r = await guarded(() =>
        h.lane.preflight!(createTestLaneContext({ lane: h.lane, projectDir, env, options: options ?? {} })),
      );
      expect(r.value.problems).toEqual([]);
    });

    it('package in plan mode builds nothing, writes only in its work dir, and is never distribution-ready', async () => {
      if (!h.lane.package) return;
      const { projectDir, env, options } = await h.readyProject();
      const before = filesUnder(projectDir, '');
      const ctx = createTestPackageContext({
        lane: h.lane,
        projectDir,
        env,
        options: options ?? {},
        mode: 'plan',
      });
      const r = await guarded(() => h.lane.package!(ctx));
      expect(r.stdout).toBe(0);
      expect(r.value.execution_mode).toBe('plan');
      expect(r.value.artifact_authority).toBe('plan_only');
      expect(r.value.distribution_ready).toBe(false);
      expect(filesUnder(projectDir, ctx.workDir)).toEqual(before);
    });

    it('package in execute mode returns hashed artifacts and never leaks a secret from the environment', async () => {
      if (!h.lane.package) return;
      const { projectDir, env, options } = await h.readyProject();
      const ctx = createTestPackageContext({
        lane: h.lane,
        projectDir,
        env: { ...env, AKC_CONFORMANCE_TOKEN: SECRET },
        options: options ?? {},
        mode: 'execute',
      });
      const lines: string[] = [];
      const r = await guarded(() => h.lane.package!({ ...ctx, log: (l) => lines.push(l) }));
      expect(r.stdout).toBe(0);
      expect(r.value.execution_mode).toBe('execute');
      expect(r.value.distribution_ready).toBe(true);
      expect(r.value.artifacts.length).toBeGreaterThan(0);
      for (const a of r.value.artifacts) {
        expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(a.bytes).toBeGreaterThan(0);
      }
      expect(JSON.stringify(r.value)).not.toContain(SECRET);
    });
  });
}
