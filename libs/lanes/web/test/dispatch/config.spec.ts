import { parseWebDistributionOptions, webDistributionOptionKeys } from '../../src';
import { backoffDelay } from '../../src/dispatch/backoff';
import { resolveSmtpConfig } from '../../src/dispatch/smtp-config';
import { classifySmtpError } from '../../src/dispatch/smtp-failure';

describe('web distribution options', () => {
  it('normalises and is idempotent', () => {
    const parsed = parseWebDistributionOptions('store', {
      publish_command: 'deploy --prod',
      production_url: ' https://app.example.com ',
      smtp_port: 2525,
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        publish_command: ['deploy', '--prod'],
        production_url: 'https://app.example.com',
        smtp_port: 2525,
      },
    });
    expect(parsed.ok && parseWebDistributionOptions('store', parsed.value)).toEqual(parsed);
    expect(parseWebDistributionOptions('beta', null)).toEqual({ ok: true, value: {} });
  });

  it('refuses unknown keys, store-only keys on beta, bad values and passwords in config', () => {
    const parsed = parseWebDistributionOptions('beta', {
      production_url: 'https://x',
      invite_base_url: 'ftp://x',
      smtp_pass: 'p',
      smtp_max_attempts: 0,
    });
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors).toEqual([
      expect.stringMatching(/^unknown option 'production_url'/),
      expect.stringMatching(/^invite_base_url: must be an absolute http\(s\) URL/),
      expect.stringMatching(/^smtp_pass: SMTP passwords are never read from config/),
      expect.stringMatching(/^smtp_max_attempts: must be an integer from 1 to 10/),
    ]);
    expect(webDistributionOptionKeys('store')).toEqual(
      expect.arrayContaining(['production_url', 'publish_command']),
    );
    expect(webDistributionOptionKeys('beta')).not.toContain('publish_command');
  });
});

describe('SMTP config', () => {
  it('reads AKC_DELIVERY_SMTP_URL with percent-encoded credentials; the endpoint hides them', () => {
    const r = resolveSmtpConfig({ AKC_DELIVERY_SMTP_URL: 'smtps://me%40x.com:p%3Ass@mail.example.com' }, {});
    expect(r).toEqual({
      ok: true,
      config: expect.objectContaining({
        host: 'mail.example.com',
        port: 465,
        secure: true,
        user: 'me@x.com',
        pass: 'p:ss',
        from: 'akc-deliver@localhost',
        endpoint: 'smtps://mail.example.com:465',
      }),
    });
  });

  it('reads SMTP_* over the smtp_* options; no host means no SMTP', () => {
    const r = resolveSmtpConfig(
      { SMTP_HOST: 'env.example.com', SMTP_PASS: 'x', SMTP_SECURE: 'true' },
      { smtp_host: 'cfg.example.com', smtp_user: 'u', email_from: 'me@x.com' },
    );
    expect(r).toEqual({
      ok: true,
      config: expect.objectContaining({
        host: 'env.example.com',
        port: 465,
        secure: true,
        user: 'u',
        pass: 'x',
        from: 'me@x.com',
        source: 'env SMTP_HOST',
      }),
    });
    expect(resolveSmtpConfig({ SMTP_PORT: '25' }, {})).toEqual({ ok: true, config: null });
    expect(resolveSmtpConfig({}, { smtp_host: 'cfg.example.com' })).toEqual({
      ok: true,
      config: expect.objectContaining({ port: 587, secure: false }),
    });
  });

  it('reports unusable settings', () => {
    expect(resolveSmtpConfig({ AKC_DELIVERY_SMTP_URL: 'http://x' }, {})).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/smtp:\/\/ or smtps:\/\//),
    });
    expect(resolveSmtpConfig({ SMTP_HOST: 'h', SMTP_PORT: 'abc' }, {})).toMatchObject({ ok: false });
    expect(resolveSmtpConfig({ SMTP_HOST: 'h', SMTP_PASS: 'p' }, {})).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/SMTP_USER/),
    });
  });
});

describe('SMTP failure classes and backoff', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 451, response: '451 later' }, true, 'recipient'],
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 no' }, false, 'recipient'],
    [{ code: 'EAUTH', responseCode: 535, response: '535 bad' }, false, 'transport'],
    [{ code: 'EAUTH', responseCode: 454, response: '454 temp' }, true, 'transport'],
    [{ code: 'ESOCKET', message: 'read ECONNRESET' }, true, 'transport'],
    [{ code: 'ETLS', message: 'bad cert' }, false, 'transport'],
    [new Error('odd'), false, 'recipient'],
  ])('%j -> transient %s, scope %s', (error, transient, scope) => {
    expect(classifySmtpError(error)).toMatchObject({ transient, scope });
  });

  it('doubles the delay, jitters it into [50%, 100%) and caps it', () => {
    const policy = { attempts: 5, baseMs: 100, maxMs: 350 };
    expect(backoffDelay({ ...policy, random: () => 0 }, 1)).toBe(50);
    expect(backoffDelay({ ...policy, random: () => 0.999 }, 2)).toBe(200);
    expect(backoffDelay({ ...policy, random: () => 0.999 }, 4)).toBe(350);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(policy, 3); // ceiling min(350, 400) = 350
      expect(d).toBeGreaterThanOrEqual(175);
      expect(d).toBeLessThanOrEqual(350);
    }
  });
});
