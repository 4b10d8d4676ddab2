import {
  AscApiError,
  AscWorkflowError,
  ascKeyRefFromEnv,
  createAscLaneKit,
  describeWithFix,
  explainFailure,
  refsFromState,
  type AscFailure,
} from '../src';

class LaneError extends Error {
  constructor(
    readonly lane: string,
    readonly failure: AscFailure,
    readonly origin?: unknown,
  ) {
    super(`${lane}: ${failure.reason}`);
    this.name = 'LaneError';
  }
}

const kit = createAscLaneKit({
  toError: (lane, f, cause) => new LaneError(lane, f, cause),
  isLaneError: (e): e is LaneError => e instanceof LaneError,
  iosPrereqs: () => ({ bundle_id: '  com.example.prereq ' }),
  probeBundleId: () => 'com.example.probe',
});
const host = { laneId: 'ios:beta', projectDir: '/nowhere', env: {}, log: () => undefined };

describe('App Store Connect workflows', () => {
  it('reports failures as plain data through the caller factory, or AscWorkflowError by default', () => {
    expect(() => ascKeyRefFromEnv({})).toThrow(AscWorkflowError);
    const e = (() => {
      try {
        kit.resolveKeyRef(host);
      } catch (err) {
        return err as LaneError;
      }
      throw new Error('expected a failure');
    })();
    expect(e).toBeInstanceOf(LaneError);
    expect(e.lane).toBe('ios:beta');
    expect(e.failure.reason).toBe('no App Store Connect API key configured');
    expect(e.origin).toBeUndefined();
  });

  it('maps thrown values to a reason and a hint, keeping lane errors as they are', () => {
    const api = new AscApiError({
      status: 401,
      code: 'NOT_AUTHORIZED',
      title: 'no',
      url: 'https://x/v1/apps',
    });
    expect(explainFailure(api).reason).toBe(
      'App Store Connect rejected the API key (/v1/apps -> 401 NOT_AUTHORIZED: no)',
    );
    expect(explainFailure(new Error('boom'))).toEqual({
      reason: 'boom',
      hint: 'Run again; finished steps are kept in the ledger.',
    });
    const mapped = kit.toLaneError('ios:store', api);
    expect(mapped.origin).toBe(api);
    expect(kit.toLaneError('ios:store', mapped)).toBe(mapped);
  });

  it('resolves the bundle id from option, prereq, then probe', () => {
    expect(kit.resolveBundleId(host, 'com.example.option')).toBe('com.example.option');
    expect(kit.resolveBundleId(host, undefined)).toBe('com.example.prereq');
  });

  it('collects set state keys and formats errors with their fix', () => {
    const m = new Map<string, unknown>([['a', 1]]);
    const state = {
      get: <T>(k: string) => m.get(k) as T | undefined,
      set: (k: string, v: unknown) => m.set(k, v),
    };
    expect(refsFromState(state, ['a', 'b'])).toEqual({ a: 1 });
    expect(describeWithFix({ message: 'm', hint: 'h' })).toBe('m (fix: h)');
  });
});
