import { LANE_API_VERSION } from '@akc/core';
import { WEB_LANE_VERSION, webBetaLane, webLane, webStoreLane } from '../../src';
import { tempDir, testEnv, writeTree } from '../helpers/harness';
import { webDispatch } from './helpers/dispatch-context';

describe('web distribution lanes: identity and poll', () => {
  it.each([
    [webBetaLane, 'web:beta', 'beta'],
    [webStoreLane, 'web:store', 'store'],
  ] as const)('%s is a distribution lane with preflight, dispatch and poll', async (lane, id, channel) => {
    expect(lane).toMatchObject({
      apiVersion: LANE_API_VERSION,
      id,
      kind: 'distribution',
      platform: 'web',
      lane: channel,
      version: WEB_LANE_VERSION,
    });
    expect(typeof lane.preflight).toBe('function');
    expect(typeof lane.dispatch).toBe('function');
    expect(lane.package).toBeUndefined();
    expect(await lane.poll!(webDispatch({ lane }).ctx)).toEqual({});
    expect(webLane.id).toBe('web');
  });
});

describe('web distribution preflight', () => {
  const ctx = (
    lane: typeof webBetaLane,
    env = testEnv(),
    options: Record<string, unknown> = {},
    compile: Record<string, unknown> | null = null,
  ) => webDispatch({ lane, projectDir: tempDir(), env, options, compile }).ctx;

  it('passes with a base URL and SMTP configured', async () => {
    const env = testEnv([], {
      AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://beta.example.com',
      AKC_DELIVERY_SMTP_URL: 'smtp://127.0.0.1:2525',
    });
    expect(await webBetaLane.preflight!(ctx(webBetaLane, env))).toEqual({ problems: [], warnings: [] });
  });

  it('reports the missing base (the control plane check) and warns that links go to the operator', async () => {
    const report = await webBetaLane.preflight!(ctx(webBetaLane));
    expect(report.problems).toEqual([
      expect.objectContaining({
        id: 'web_invite.1',
        reason: expect.stringMatching(/^web invite base URL not usable/),
      }),
    ]);
    expect(report.warnings).toEqual([expect.stringMatching(/no SMTP server configured/)]);
  });

  it('counts the lane option, the production URL and the compile hint as a base', async () => {
    expect(
      (
        await webBetaLane.preflight!(
          ctx(webBetaLane, testEnv(), { invite_base_url: 'https://o.example.com' }),
        )
      ).problems,
    ).toEqual([]);
    expect(
      (
        await webStoreLane.preflight!(
          ctx(webStoreLane, testEnv([], { AKC_DELIVERY_WEB_PRODUCTION_URL: 'https://p.example.com' })),
        )
      ).problems,
    ).toEqual([]);
    const hint = { web_distribution_hints: { suggested_base_urls: ['https://h.example.com'] } };
    expect((await webBetaLane.preflight!(ctx(webBetaLane, testEnv(), {}, hint))).problems).toEqual([]);
  });

  it('reports bad options, bad SMTP config, a bad production URL and a missing publish program', async () => {
    expect((await webBetaLane.preflight!(ctx(webBetaLane, testEnv(), { nope: 1 }))).problems).toEqual([
      expect.objectContaining({ id: 'web.beta.options.invalid' }),
    ]);
    const env = testEnv([], {
      AKC_DELIVERY_WEB_PRODUCTION_URL: 'not a url',
      AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://b.example.com',
      AKC_DELIVERY_SMTP_URL: 'mailto:x',
    });
    const report = await webStoreLane.preflight!(
      ctx(webStoreLane, env, { publish_command: ['no-such-publisher-xyz'] }),
    );
    expect(report.problems.map((p) => p.id)).toEqual([
      'web.store.invite_base',
      'web.smtp.invalid',
      'web.store.publish_command.not_found',
    ]);
  });

  it('reads operator prereqs like the control plane', async () => {
    const c = ctx(webBetaLane);
    writeTree(c.projectDir, {
      '.akc/delivery/operator_prereqs.json': JSON.stringify({
        web: { invite_base_url: 'https://op.example.com' },
      }),
    });
    expect((await webBetaLane.preflight!(c)).problems).toEqual([]);
  });
});
