import fc from 'fast-check';
import type { ReleaseMode } from '../../src/schemas/common';
import {
  EMPTY_PROBES,
  collectHumanInputs,
  operatorPrereqs,
  runAdapterPreflight,
  summarisePreflight,
} from '../../src/ingest';
import { ALL, SPEC_PREREQS, count, preflight, readyEnv, reasons, tempTree, type Extra } from './helpers';

describe('strict preflight in an empty repo', () => {
  const r = preflight(ALL, 'both');

  it('is enforced by default and lists jobs lane-outer', () => {
    expect(r.enforced).toBe(true);
    expect(r.jobs.map((j) => `${j.platform}:${j.lane}:${j.adapter_kind}`)).toEqual([
      'web:beta:web_invite',
      'ios:beta:testflight',
      'android:beta:firebase_app_distribution',
      'web:store:web_invite',
      'ios:store:app_store_release',
      'android:store:google_play_release',
    ]);
  });

  // Adapted from the observed 23 (spec 4.7): email transport is now a warning (-2), TestFlight
  // also needs a beta group (+1).
  it.each([
    ['web:beta', 1],
    ['web:store', 1],
    ['ios:beta', 7],
    ['ios:store', 6],
    ['android:beta', 3],
    ['android:store', 4],
  ])('collects every issue: %s has %i', (key, n) => {
    expect(count(r, key)).toBe(n);
  });

  it('totals 22, each with a fix and the env/op names that satisfy it', () => {
    expect(r.issues).toHaveLength(22);
    for (const i of r.issues) {
      expect(i.fix).toMatch(/[A-Z_]{6,}|operator_prereqs\.json|android\/|ios\//);
      expect(i.reason).toMatch(/[a-z_]+\.[a-z_]+|[A-Z_]{6,}/);
    }
    expect(reasons(r, 'ios:beta')).toMatch(/needed for TestFlight/);
    expect(reasons(r, 'ios:store')).toMatch(/needed for App Store release/);
    expect(r.warnings.join()).toMatch(/no invite email transport/);
  });

  it('weakness 22 fixed: duplicate platforms do not duplicate issues', () => {
    expect(preflight(['web', 'web', 'ios'], 'beta').issues).toHaveLength(
      preflight(['web', 'ios'], 'beta').issues.length,
    );
  });

  it('lanes narrows the jobs', () => {
    expect(preflight(ALL, 'both', { lanes: ['store'] }).jobs.every((j) => j.lane === 'store')).toBe(true);
  });
});

describe('enforcement env', () => {
  it('spec 15 item 19: RELAX=1 web beta has no issues, but the would-be issues are warnings', () => {
    const r = preflight(['web'], 'beta', { env: { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' } });
    expect(r).toMatchObject({ enforced: false, issues: [] });
    expect(r.warnings.some((w) => w.startsWith('relaxed preflight let web:beta through'))).toBe(true);
  });

  it('spec 15 item 20: legacy ENFORCE=0 relaxes a both-mode preflight', () => {
    expect(preflight(ALL, 'both', { env: { AKC_DELIVERY_ENFORCE_ADAPTER_PREFLIGHT: '0' } }).issues).toEqual(
      [],
    );
  });

  it.each([
    [{ AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: ' Yes ', AKC_DELIVERY_ENFORCE_ADAPTER_PREFLIGHT: '1' }, false],
    [{ AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '0' }, true],
    [{ AKC_DELIVERY_ENFORCE_ADAPTER_PREFLIGHT: 'off' }, false],
    [{ AKC_DELIVERY_ENFORCE_ADAPTER_PREFLIGHT: 'maybe' }, true],
    [{ AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '' }, true],
  ])('%j → enforced %s', (env, enforced) => {
    expect(preflight(['web'], 'beta', { env }).enforced).toBe(enforced);
  });
});

describe('scope check', () => {
  it.each([
    ['', 'local'],
    [' t1', 'local'],
    ['t1', '../x'],
    ['t1', 'a/b'],
  ])('tenant %j repo %j: one isolation issue per job, even when relaxed', (tenantId, repoId) => {
    const r = preflight(['web', 'ios'], 'beta', {
      tenantId,
      repoId,
      env: { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' },
    });
    expect(r.issues.map((i) => `${i.platform}:${i.lane}`)).toEqual(['web:beta', 'ios:beta']);
    for (const i of r.issues) expect(i.reason).toMatch(/isolation check failed/);
  });
});

describe('web_invite', () => {
  it('spec 15 item 21: hosting endpoint + email flag pass web; iOS still blocks', () => {
    const opts = {
      prereqs: { web: { hosting_endpoint: 'https://app.example.com', invite_email_configured: true } },
    };
    const r = preflight(['web', 'ios'], 'beta', opts);
    expect(count(r, 'web:beta')).toBe(0);
    expect(count(r, 'ios:beta')).toBeGreaterThan(0);
    expect(r.warnings).toEqual([]);
    const s = summarisePreflight(r, { platforms: ['web', 'ios'], releaseMode: 'beta' });
    expect(s.platforms.web?.lanes.beta).toMatchObject({ applicable: true, ok: true, issue_count: 0 });
    expect(s.platforms.ios?.lanes.beta.ok).toBe(false);
    expect(s.ok).toBe(false);
  });

  it.each([
    [
      'hosting_endpoint: true',
      { prereqs: { web: { hosting_endpoint: true } } },
      /web\.hosting_endpoint is true, but a URL string is needed/,
    ],
    [
      'a bare host in env',
      { env: { AKC_DELIVERY_WEB_INVITE_BASE_URL: 'beta.example.com' } },
      /AKC_DELIVERY_WEB_INVITE_BASE_URL is 'beta.example.com', which is not an http\(s\) URL/,
    ],
    [
      'env wins even when op is valid',
      {
        env: { AKC_DELIVERY_WEB_INVITE_BASE_URL: 'javascript:alert(1)' },
        prereqs: { web: { invite_base_url: 'https://ok.example' } },
      },
      /not an http\(s\) URL/,
    ],
    [
      'a hosting file alone',
      { probes: { ...EMPTY_PROBES, web_hosting: 'detected:netlify.toml' } },
      /netlify\.toml was found/,
    ],
  ] as Array<[string, Extra, RegExp]>)('weakness 12 fixed: %s does not count', (_n, extra, want) => {
    const r = preflight(['web'], 'beta', extra);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.reason).toMatch(want);
    expect(r.issues[0]?.fix).toContain('AKC_DELIVERY_WEB_INVITE_BASE_URL=https://');
  });

  it.each([
    ['env', { env: { AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://b.example.com/app' } }],
    ['op invite_base_url', { prereqs: { web: { invite_base_url: 'https://b.example.com' } } }],
    ['compile metadata', { metadata: { web_invite_base_url: 'https://invite.example.org' } }],
  ] as Array<[string, Extra]>)('invite base from %s passes', (_n, extra) => {
    expect(preflight(['web'], 'beta', extra).issues).toEqual([]);
  });

  it.each([
    [{ SMTP_HOST: 'h', SMTP_USER: 'u', SMTP_PASS: 'p' }, false],
    [{ SMTP_HOST: 'h', SMTP_USER: 'u' }, true],
    [{ AWS_SES_REGION: 'eu-west-1', AWS_PROFILE: 'p' }, false],
    [{ AWS_SES_REGION: 'eu-west-1' }, true],
    [{ SENDGRID_API_KEY: 'k' }, false],
    [{ AKC_DELIVERY_SMTP_URL: 'smtp://x' }, false],
  ])('email transport %j is a warning only (warned: %s)', (env, warned) => {
    const r = preflight(['web'], 'beta', {
      env: { ...env, AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://b.example.com' },
    });
    expect(r.issues).toEqual([]);
    expect(r.warnings.some((w) => w.includes('email transport'))).toBe(warned);
  });

  it('the email warning appears once for two web lanes and not at all without web', () => {
    expect(preflight(['web'], 'both').warnings.filter((w) => w.includes('email'))).toHaveLength(1);
    expect(preflight(['ios'], 'both').warnings.filter((w) => w.includes('email'))).toHaveLength(0);
  });
});

describe('the spec 2.10 example', () => {
  it('with real credentials, both mode on all platforms has no issues and no warnings', () => {
    const dir = tempTree();
    const r = preflight(ALL, 'both', { prereqs: SPEC_PREREQS, env: readyEnv(dir) });
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
  });
});

describe('summarisePreflight', () => {
  it('spec 15 item 26: strict both web+ios is not ok with both beta lanes applicable', () => {
    const r = preflight(['web', 'ios'], 'both');
    const s = summarisePreflight(r, { platforms: ['web', 'ios'], releaseMode: 'both' });
    expect(s).toMatchObject({
      ok: false,
      issue_count: r.issues.length,
      enforced: true,
      release_mode: 'both',
    });
    expect(s.platforms.web?.lanes.beta.applicable).toBe(true);
    expect(s.platforms.ios?.lanes.beta.applicable).toBe(true);
    expect(s.platforms.ios?.issue_count).toBe(13);
  });

  it('spec 15 item 22 analogue: store mode marks beta not applicable; full payload shape', () => {
    const r = preflight(['web'], 'store', {
      env: { AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://x.example', SENDGRID_API_KEY: 'k' },
    });
    expect(summarisePreflight(r, { platforms: ['web'], releaseMode: 'store' })).toEqual({
      ok: true,
      issue_count: 0,
      enforced: true,
      release_mode: 'store',
      platforms: {
        web: {
          ok: true,
          issue_count: 0,
          lanes: {
            beta: { applicable: false, ok: true, issue_count: 0, reasons: [] },
            store: { applicable: true, ok: true, issue_count: 0, adapter_kinds: ['web_invite'], reasons: [] },
          },
        },
      },
      warnings: [],
    });
  });
});

describe('human inputs and preflight agree (weakness 25)', () => {
  // Repo-only facts have no human-input row; everything else a person can supply has one.
  const REPO_ONLY = /^no (iOS build setup|Android Gradle project) found/;

  it('for any mix of satisfied facts, each job has one issue per row blocking its lane', () => {
    const dir = tempTree();
    const full = readyEnv(dir);
    const prereqs = { ...SPEC_PREREQS, ios: { ...SPEC_PREREQS.ios, testflight_group: 'g' } };
    const envKeys = Object.keys(full);
    const flat: Array<[string, string]> = Object.entries(prereqs).flatMap(([s, o]) =>
      Object.keys(o).map((k) => [s, k] as [string, string]),
    );
    fc.assert(
      fc.property(
        fc.subarray(envKeys),
        fc.subarray(flat),
        fc.subarray(ALL, { minLength: 1 }),
        fc.constantFrom<ReleaseMode>('beta', 'store', 'both'),
        (envPick, prereqPick, platforms, releaseMode) => {
          const env = Object.fromEntries(envPick.map((k) => [k, full[k] ?? '']));
          const doc: Record<string, Record<string, unknown>> = {};
          for (const [s, k] of prereqPick)
            (doc[s] ??= {})[k] = (prereqs as Record<string, Record<string, unknown>>)[s]?.[k];
          const common = { platforms, releaseMode, env, probes: EMPTY_PROBES, prereqs: operatorPrereqs(doc) };
          const rows = collectHumanInputs(common);
          const r = runAdapterPreflight({ ...common, tenantId: 'local', repoId: 'local' });
          for (const job of r.jobs) {
            const issues = r.issues.filter(
              (i) => i.platform === job.platform && i.lane === job.lane && !REPO_ONLY.test(i.reason),
            );
            const asked = rows.filter(
              (x) => x.context.platform === job.platform && x.blocking_for.includes(job.lane),
            );
            expect(issues.length).toBe(asked.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
