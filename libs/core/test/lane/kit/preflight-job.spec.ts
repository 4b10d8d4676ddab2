import { preflightJob } from '../../../src/lane/kit';
import { createPreflightContext, writeReadyMobileProject } from '../../../src/testing';
import type { LanePlugin } from '../../../src/lane/contract';
import { tempProject } from '../../helpers';

const lane: LanePlugin = {
  apiVersion: 1,
  id: 'android:beta',
  kind: 'distribution',
  platform: 'android',
  lane: 'beta',
  version: '1.0.0',
  description: 'test distribution lane',
};

describe('lane kit: preflightJob', () => {
  it('reports every missing prerequisite as <adapter>.<n> with a fix, ignoring the relax switch', () => {
    const report = preflightJob(
      createPreflightContext(lane, tempProject(), { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' }),
      'android',
      'beta',
    );
    expect(report.problems.length).toBeGreaterThan(1);
    report.problems.forEach((p, n) => {
      expect(p.id).toMatch(new RegExp(`^[a-z_]+\\.${n + 1}$`));
      expect(p.fix.length).toBeGreaterThan(10);
    });
    expect(Array.isArray(report.warnings)).toBe(true);
  });

  it('passes for a ready mobile project, for each platform and lane', () => {
    const dir = tempProject();
    const env = writeReadyMobileProject(dir);
    for (const [platform, l] of [
      ['android', 'beta'],
      ['android', 'store'],
      ['ios', 'beta'],
    ] as const) {
      expect(preflightJob(createPreflightContext(lane, dir, env), platform, l).problems).toEqual([]);
    }
  });
});
