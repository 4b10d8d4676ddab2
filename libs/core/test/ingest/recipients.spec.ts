import fc from 'fast-check';
import { EMAIL_PATTERN } from '../../src/schemas/common';
import { dedupeEmails, normaliseEmail, normaliseRecipients } from '../../src/ingest';
import { thrown } from './helpers';

describe('normaliseEmail', () => {
  it.each([
    ['A@X.com', 'a@x.com'],
    [' a@x.com ', 'a@x.com'],
    ['\tDana.Smith+beta@Example.CO.UK\n', 'dana.smith+beta@example.co.uk'],
    ['a@b.c', 'a@b.c'],
  ])('normalises %j to %j', (raw, want) => {
    expect(normaliseEmail(raw)).toBe(want);
  });

  it.each([
    ['a@b', 'dotted domain'],
    ['ab.com', 'dotted domain'],
    ['a@@b.com', 'dotted domain'],
    ['a b@x.com', 'ASCII'],
    ['a,b@x.com', 'dotted domain'], // the original accepted this; the shared pattern does not
    ['', 'empty'],
    ['   ', 'empty'],
    ['dörte@example.com', 'ASCII'],
    ['user@bücher.de', 'ASCII'],
    ['\u212Aim@example.com', 'ASCII'], // KELVIN SIGN lower-cases to ASCII "k"
    [`${'a'.repeat(250)}@x.com`, '254'],
  ])('rejects %j with EEMAIL (%s)', (raw, why) => {
    const e = thrown(() => normaliseEmail(raw));
    expect(e.code).toBe('EEMAIL');
    expect(e.message).toBe(`invalid recipient email: '${raw}' (${String(e.params.reason)})`);
    expect(String(e.params.reason)).toContain(why);
  });

  it('accepts exactly 254 characters', () => {
    const addr = `${'a'.repeat(248)}@x.com`;
    expect(addr).toHaveLength(254);
    expect(normaliseEmail(addr)).toBe(addr);
  });

  it('spec 15 item 5: a@b gives the exact message', () => {
    expect(() => normaliseEmail('a@b')).toThrow("invalid recipient email: 'a@b'");
  });
});

describe('normaliseRecipients', () => {
  it('spec 15 item 3: case and space variants collapse to one', () => {
    expect(normaliseRecipients([], ['A@X.com', ' a@x.com '])).toEqual(['a@x.com']);
  });

  it('spec 15 item 4: file entries come before CLI entries', () => {
    expect(normaliseRecipients(['x@y.com'], ['q@q.co'])).toEqual(['x@y.com', 'q@q.co']);
  });

  it('keeps first-seen order across file and CLI', () => {
    expect(normaliseRecipients(['b@x.co', 'a@x.co'], ['A@X.CO', 'c@x.co', 'b@x.co'])).toEqual([
      'b@x.co',
      'a@x.co',
      'c@x.co',
    ]);
  });

  it('spec 15 item 2: no entries at all is ERECIPIENTSNONE', () => {
    const e = thrown(() => normaliseRecipients([], []));
    expect(e.code).toBe('ERECIPIENTSNONE');
    expect(e.message).toContain('--recipient');
  });

  it('reports the first invalid entry', () => {
    expect(thrown(() => normaliseRecipients(['ok@x.co', 'bad'], ['also-bad'])).params.raw).toBe('bad');
  });
});

describe('properties', () => {
  const local = fc.stringMatching(/^[A-Za-z0-9._%+-]{1,20}$/);
  const domain = fc.stringMatching(/^[A-Za-z0-9-]{1,10}(\.[A-Za-z0-9-]{1,8}){1,3}$/);
  const email = fc
    .tuple(local, domain, fc.constantFrom('', ' ', '\t', '  '))
    .map(([l, d, pad]) => `${pad}${l}@${d}${pad}`);
  const emailRe = new RegExp(EMAIL_PATTERN);

  it('normaliseEmail is idempotent and yields a pattern-valid address', () => {
    fc.assert(
      fc.property(email, (raw) => {
        const once = normaliseEmail(raw);
        expect(normaliseEmail(once)).toBe(once);
        expect(emailRe.test(once)).toBe(true);
      }),
    );
  });

  it('normaliseRecipients is idempotent, duplicate-free and keeps first-seen order', () => {
    fc.assert(
      fc.property(
        fc.array(email, { maxLength: 15 }),
        fc.array(email, { minLength: 1, maxLength: 15 }),
        (file, cli) => {
          const out = normaliseRecipients(file, cli);
          expect(new Set(out).size).toBe(out.length);
          expect(normaliseRecipients(out, [])).toEqual(out);
          // order: each output appears at the index of its first occurrence among normalised inputs
          const all = [...file, ...cli].map(normaliseEmail);
          const firstSeen = all.filter((e, i) => all.indexOf(e) === i);
          expect(out).toEqual(firstSeen);
          expect(dedupeEmails([...file, ...cli])).toEqual(out);
        },
      ),
    );
  });

  it('any string is either rejected with EEMAIL or normalised to a valid address', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        try {
          expect(emailRe.test(normaliseEmail(raw))).toBe(true);
        } catch (e) {
          expect((e as { code?: string }).code).toBe('EEMAIL');
        }
      }),
    );
  });
});
