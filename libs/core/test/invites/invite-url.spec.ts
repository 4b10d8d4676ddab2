import { createHash } from 'node:crypto';
import { isAkcError, type AkcError } from '../../src/errors/akc-error';
import { buildInviteUrl, hashInviteUrl, parseInviteUrl, type InviteLinkParams } from '../../src/invites';

function errorOf(fn: () => unknown): AkcError {
  try {
    fn();
  } catch (e) {
    if (isAkcError(e)) return e as AkcError;
    throw e;
  }
  throw new Error('expected an AkcError');
}

const SIG = 'ab'.repeat(32);
const link: InviteLinkParams = {
  deliveryId: 'd-1',
  tokenId: 't-1',
  expiresAtUnixMs: 1700000000000,
  kid: 'kid1',
  signature: SIG,
};
const Q = `akc_did=d-1&akc_tid=t-1&akc_exp=1700000000000&akc_kid=kid1&akc_sig=${SIG}`;

describe('buildInviteUrl', () => {
  it.each<[string, string]>([
    ['https://app.example.com/join', `https://app.example.com/join?${Q}`],
    ['  https://app.example.com/join  ', `https://app.example.com/join?${Q}`],
    ['https://x.example/join/?', `https://x.example/join?${Q}`],
    ['https://x.example/join//', `https://x.example/join?${Q}`],
    ['https://x.example/', `https://x.example?${Q}`],
    ['https://app.example.com/join?x=1', `https://app.example.com/join?x=1&${Q}`],
    ['https://x.example/?a=1&', `https://x.example/?a=1&${Q}`],
    ['https://x.example/?a=1&&', `https://x.example/?a=1&${Q}`],
    ['https://x.example/join?&', `https://x.example/join?${Q}`],
    ['https://x.example/a&b', `https://x.example/a&b?${Q}`],
    ['https://x.example/join#/welcome', `https://x.example/join?${Q}#/welcome`],
    ['https://x.example/join/?x=1#frag', `https://x.example/join/?x=1&${Q}#frag`],
    ['https://x.example/join/#frag', `https://x.example/join?${Q}#frag`],
    ['https://x.example/join#', `https://x.example/join?${Q}`],
    ['http://localhost:8080/invite', `http://localhost:8080/invite?${Q}`],
  ])('%j', (base, expected) => {
    expect(buildInviteUrl(base, link)).toBe(expected);
  });

  it('percent-encodes every value: space -> %20, / -> %2F', () => {
    const url = buildInviteUrl('https://x.example/j', { ...link, deliveryId: 'a b/c', tokenId: 'é&=?#+' });
    expect(url).toBe(
      'https://x.example/j?akc_did=a%20b%2Fc&akc_tid=%C3%A9%26%3D%3F%23%2B' +
        `&akc_exp=1700000000000&akc_kid=kid1&akc_sig=${SIG}`,
    );
  });

  it.each<[string, string]>([
    ['', 'is not an absolute http(s) URL'],
    ['/join', 'is not an absolute http(s) URL'],
    ['x.example/join', 'is not an absolute http(s) URL'],
    ['ftp://x.example/join', 'is not an absolute http(s) URL'],
    ['javascript:alert(1)', 'is not an absolute http(s) URL'],
    ['file:///etc/passwd', 'is not an absolute http(s) URL'],
    ['https://x.example/a b', 'whitespace'],
    ['https://user:pw@x.example/', 'credentials'],
    ['https://x.example/?akc_sig=1', 'already carries akc_*'],
  ])('rejects base %j', (base, reason) => {
    const err = errorOf(() => buildInviteUrl(base, link));
    expect(err.code).toBe('EINVITEBASE');
    expect(String(err.params.reason)).toContain(reason);
  });

  it('refuses malformed link fields', () => {
    expect(errorOf(() => buildInviteUrl('https://x.example', { ...link, signature: 'abc' })).code).toBe(
      'EINTERNAL',
    );
    expect(errorOf(() => buildInviteUrl('https://x.example', { ...link, kid: 'a/b' })).code).toBe(
      'EINTERNAL',
    );
  });
});

describe('parseInviteUrl', () => {
  it('reads back what buildInviteUrl wrote, including encoded values and fragments', () => {
    const odd = { ...link, deliveryId: 'a b/c', tokenId: 'é&=?#+', signature: SIG.toUpperCase() };
    expect(parseInviteUrl(buildInviteUrl('https://x.example/j?x=1#f', odd))).toEqual(odd);
    expect(parseInviteUrl(`  https://x.example/?${Q}  `)).toEqual(link);
  });

  it.each<[string, string]>([
    ['not a url', 'not a valid invite URL'],
    [`ftp://x.example/?${Q}`, 'not an http(s) invite URL'],
    ['https://x.example/?akc_tid=t&akc_exp=1&akc_kid=k&akc_sig=' + SIG, 'missing akc_did parameter'],
    ['https://x.example/?akc_did=d&akc_exp=1&akc_kid=k&akc_sig=' + SIG, 'missing akc_tid parameter'],
    ['https://x.example/?akc_did=d&akc_tid=t&akc_kid=k&akc_sig=' + SIG, 'missing akc_exp parameter'],
    ['https://x.example/?akc_did=d&akc_tid=t&akc_exp=1&akc_sig=' + SIG, 'missing akc_kid parameter'],
    ['https://x.example/?akc_did=d&akc_tid=t&akc_exp=1&akc_kid=k', 'missing akc_sig parameter'],
    [`https://x.example/?${Q}&akc_did=other`, 'duplicate akc_did parameter'],
    [`https://x.example/?${Q.replace('1700000000000', '17e11')}`, 'malformed akc_exp'],
    [`https://x.example/?${Q.replace('1700000000000', '-1')}`, 'malformed akc_exp'],
    [`https://x.example/?${Q.replace('1700000000000', '')}`, 'malformed akc_exp'],
    [`https://x.example/?${Q.replace('1700000000000', '99999999999999999')}`, 'malformed akc_exp'],
    [`https://x.example/?${Q.replace('akc_did=d-1', 'akc_did=')}`, 'malformed delivery id'],
    [`https://x.example/?${Q.replace('akc_tid=t-1', 'akc_tid=a%7Cb')}`, 'malformed invite token id'],
    [`https://x.example/?${Q.replace('akc_kid=kid1', 'akc_kid=k%20d')}`, 'malformed key id'],
    [`https://x.example/?${Q.slice(0, -1)}`, 'malformed signature'],
    [`https://x.example/?${Q.slice(0, -1)}g`, 'malformed signature'],
  ])('%j -> %s', (url, reason) => {
    const err = errorOf(() => parseInviteUrl(url));
    expect(err.code).toBe('ESIGNATURE');
    expect(String(err.params.reason)).toContain(reason);
  });
});

describe('hashInviteUrl', () => {
  it('is the sha256 hex of the exact URL text', () => {
    const url = buildInviteUrl('https://x.example/j', link);
    expect(hashInviteUrl(url)).toBe(createHash('sha256').update(url, 'utf8').digest('hex'));
    expect(hashInviteUrl(url)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteUrl(url)).not.toBe(hashInviteUrl(`${url} `));
    expect(hashInviteUrl(url)).not.toContain(SIG);
  });
});
