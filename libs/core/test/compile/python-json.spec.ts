import { fingerprint } from '../../src/util/canonical-json';
import {
  JsonNumberText,
  LosslessJsonError,
  compareCodePoints,
  parseLosslessJson,
  pythonCanonicalJson,
  pythonFingerprint,
  pythonFloatRepr,
  toPlainJson,
} from '../../src/compile';

/** Python 3 `json.dumps(json.loads(lexeme))` for each lexeme (generated with CPython 3). */
const PYTHON_NUMBERS: Array<[string, string]> = [
  ['1.0', '1.0'],
  ['100.0', '100.0'],
  ['1e16', '1e+16'],
  ['1.5e-7', '1.5e-07'],
  ['0.1', '0.1'],
  ['123456789012345680.0', '1.2345678901234568e+17'],
  ['-0.0', '-0.0'],
  ['0.0', '0.0'],
  ['1E5', '100000.0'],
  ['1.0e2', '100.0'],
  ['10.50', '10.5'],
  ['0.000123', '0.000123'],
  ['1e-4', '0.0001'],
  ['1e-5', '1e-05'],
  ['0.00001234', '1.234e-05'],
  ['1e15', '1000000000000000.0'],
  ['9999999999999998.0', '9999999999999998.0'],
  ['1e22', '1e+22'],
  ['1e21', '1e+21'],
  ['2.5e+20', '2.5e+20'],
  ['1e400', 'Infinity'],
  ['-1e400', '-Infinity'],
  ['5e-324', '5e-324'],
  ['1.7976931348623157e308', '1.7976931348623157e+308'],
  ['0.30000000000000004', '0.30000000000000004'],
  ['3.141592653589793', '3.141592653589793'],
  ['-2.5', '-2.5'],
  ['1e-07', '1e-07'],
  ['123.456', '123.456'],
  ['1e+100', '1e+100'],
  ['2e-308', '2e-308'],
  ['0.5', '0.5'],
  ['7.0e0', '7.0'],
  ['12345678.9', '12345678.9'],
  ['1234567890123456.7', '1234567890123456.8'],
  ['-1.5E-10', '-1.5e-10'],
  ['4.35', '4.35'],
  ['1e-323', '1e-323'],
  ['100', '100'],
  ['-0', '0'],
  ['0', '0'],
  ['9007199254740993', '9007199254740993'],
  ['123456789012345678901234567890', '123456789012345678901234567890'],
  ['-42', '-42'],
];

describe('fingerprint F (spec 5.3)', () => {
  it('matches the spec test vector, and the existing canonical JSON for float-free documents', () => {
    const want = 'aa58fba8483623bed37c1b02edfccbdd9a53123837c20bfa4cb4049993a2872e';
    expect(pythonFingerprint(parseLosslessJson('{"b":1,"a":"é"}'))).toBe(want);
    expect(pythonFingerprint({ b: 1, a: 'é' })).toBe(want);
    expect(fingerprint({ b: 1, a: 'é' })).toBe(want);
  });

  it('hashes 1.0 differently from 1, as Python does', () => {
    expect(pythonCanonicalJson(parseLosslessJson('{"x":1.0}'))).toBe('{"x":1.0}');
    expect(pythonFingerprint(parseLosslessJson('{"x":1.0}'))).not.toBe(
      pythonFingerprint(parseLosslessJson('{"x":1}')),
    );
  });
});

describe('Python number formatting', () => {
  it.each(PYTHON_NUMBERS)('%s -> %s', (lexeme, python) => {
    expect(pythonCanonicalJson(parseLosslessJson(lexeme))).toBe(python);
  });

  it('pythonFloatRepr formats plain JS floats like repr()', () => {
    expect(pythonFloatRepr(1)).toBe('1.0');
    expect(pythonFloatRepr(-0)).toBe('-0.0');
    expect(pythonFloatRepr(1e16)).toBe('1e+16');
    expect(pythonFloatRepr(1.5e-7)).toBe('1.5e-07');
    expect(pythonFloatRepr(NaN)).toBe('NaN');
  });

  it('plain JS numbers: integers as ints (large ones exactly), others as floats', () => {
    expect(pythonCanonicalJson([1, -0, 2.5, 1e21, 2 ** 60, 12345678901234567890n])).toBe(
      '[1,0,2.5,1000000000000000000000,1152921504606846976,12345678901234567890]',
    );
  });
});

describe('canonical structure', () => {
  it('sorts keys by code point at every level and writes non-ASCII raw', () => {
    const text = '{"z":{"b":[1,{"y":2,"x":1}],"a":null},"\uff21":1,"\ud83d\ude00":2,"é":"ü","A":true}';
    expect(pythonCanonicalJson(parseLosslessJson(text))).toBe(
      '{"A":true,"z":{"a":null,"b":[1,{"x":1,"y":2}]},"é":"ü","Ａ":1,"😀":2}',
    );
    expect(compareCodePoints('\uff21', '\ud83d\ude00')).toBeLessThan(0);
    expect(['\ud83d\ude00', '\uff21'].sort()).toEqual(['\ud83d\ude00', '\uff21']); // JS order differs
  });

  it('escapes like Python: quote, backslash, short escapes, other controls as lower-case \\u00xx', () => {
    const s = parseLosslessJson('"a\\"b\\\\c\\n\\t\\u0001\\u001f\\u007f\\u2028\\/"');
    expect(pythonCanonicalJson(s)).toBe('"a\\"b\\\\c\\n\\t\\u0001\\u001f\u007f\u2028/"');
  });

  it('decodes surrogate-pair escapes into one character', () => {
    expect(parseLosslessJson('"\\ud83d\\ude00"')).toBe('😀');
  });

  it('keeps the last duplicate key, as Python does', () => {
    expect(pythonCanonicalJson(parseLosslessJson('{"a":1,"b":2,"a":3}'))).toBe('{"a":3,"b":2}');
  });

  it('accepts plain objects and skips undefined properties', () => {
    expect(pythonCanonicalJson({ b: undefined, a: [undefined, 'x'] })).toBe('{"a":[null,"x"]}');
    expect(() => pythonCanonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('parseLosslessJson', () => {
  it('keeps number lexemes and Python literals', () => {
    const v = parseLosslessJson(' [1.0, -0, 1e5, NaN, -Infinity] ');
    expect(Array.isArray(v) && v.every((n) => n instanceof JsonNumberText)).toBe(true);
    expect((v as JsonNumberText[]).map((n) => [n.lexeme, n.isFloat])).toEqual([
      ['1.0', true],
      ['-0', false],
      ['1e5', true],
      ['NaN', true],
      ['-Infinity', true],
    ]);
  });

  it('ignores a leading BOM', () => {
    expect(toPlainJson(parseLosslessJson('\ufeff{"a":1}'))).toEqual({ a: 1 });
  });

  it('toPlainJson keeps __proto__ as an own data key', () => {
    const plain = toPlainJson(parseLosslessJson('{"__proto__":{"polluted":1},"a":[1.5]}')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(plain)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['{"a":1,}', /line 1 column 8/],
    ['{"a" 1}', /Expected ':'/],
    ['[1 2]', /Expected ','/],
    ['01', /Extra data/],
    ['1.', /Extra data/],
    ['"abc', /Unterminated string/],
    ['"a\tb"', /Invalid control character/],
    ['"\\x"', /Invalid escape/],
    ['"\\u12"', /Invalid \\uXXXX/],
    ['{\n  "a": tru\n}', /line 2 column 8/],
    ['', /Unexpected end of input/],
  ])('rejects %j (%s)', (text, want) => {
    expect(() => parseLosslessJson(text)).toThrow(LosslessJsonError);
    expect(() => parseLosslessJson(text)).toThrow(want);
  });

  it('refuses nesting deeper than 512 levels instead of overflowing the stack', () => {
    expect(() => parseLosslessJson('['.repeat(600) + ']'.repeat(600))).toThrow(/Nesting deeper than 512/);
    expect(parseLosslessJson('['.repeat(500) + ']'.repeat(500))).toBeInstanceOf(Array);
  });
});
