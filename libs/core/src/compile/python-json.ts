/**
 * Canonical JSON exactly as the Python compile side writes it for fingerprints (spec §5.3):
 * `json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False)`, hashed as
 * UTF-8 with SHA-256. The existing `util/canonical-json` matches it only for documents without
 * floats; this module also matches Python's number formatting and key order.
 *
 * Limits (documented, tested where testable):
 * - Number fidelity needs the source text: parse with `parseLosslessJson`. Plain JS numbers are
 *   formatted as Python ints when integer-valued and as floats otherwise, so a plain `1` from
 *   `JSON.parse('1.0')` renders `1` (Python: `1.0`).
 * - Strings with lone UTF-16 surrogates: Python cannot encode those to UTF-8 at all (it raises),
 *   so there is no Python fingerprint to match; here they are written as `\udXXX` escapes.
 * - Integers with more than 4300 digits: Python 3.11+ refuses to parse them; here they are kept.
 * - `NaN`/`Infinity` render as Python does (`NaN`, `Infinity`, `-Infinity`); that is not JSON.
 */
import { createHash } from 'node:crypto';
import { JsonNumberText } from './lossless-json';

export {
  JsonNumberText,
  LosslessJsonError,
  parseLosslessJson,
  toPlainJson,
  type JsonObject,
  type JsonValue,
  type LosslessJson,
  type LosslessObject,
} from './lossless-json';

/**
 * Python's `repr(float)` for a JavaScript number: shortest round-trip digits, fixed notation
 * when the decimal exponent is in [-4, 16), otherwise `d.ddde±XX` with at least two exponent
 * digits; a `.0` is added to integral values.
 * @example pythonFloatRepr(1) // '1.0'
 * @example pythonFloatRepr(1e16) // '1e+16'
 * @example pythonFloatRepr(1.5e-7) // '1.5e-07'
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = shortestDigits(Math.abs(x));
  if (exp < -4 || exp >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return `${sign}${digits.padEnd(intLen, '0')}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/**
 * Shortest round-trip decimal digits (no leading/trailing zeros) and the scientific exponent,
 * so that x = d.ddd × 10^exp. Taken from `Number.prototype.toString`, which ECMAScript
 * specifies as the shortest, closest digit string: the same digits Python's repr picks.
 */
function shortestDigits(x: number): { digits: string; exp: number } {
  const s = String(x);
  const e = s.indexOf('e');
  if (e >= 0) {
    const mantissa = s.slice(0, e).replace('.', '');
    return { digits: mantissa.replace(/0+$/, '') || '0', exp: Number(s.slice(e + 1)) };
  }
  const [intPart = '', frac = ''] = s.split('.');
  if (intPart !== '0') {
    return { digits: (intPart + frac).replace(/0+$/, ''), exp: intPart.length - 1 };
  }
  const zeros = /^0*/.exec(frac)?.[0].length ?? 0;
  return { digits: frac.slice(zeros), exp: -(zeros + 1) };
}

/** Python's rendering of a JSON number lexeme: ints exactly (`-0` → `0`), floats via repr. */
export function pythonNumberText(n: JsonNumberText): string {
  if (n.isFloat) return pythonFloatRepr(n.toNumber());
  return n.lexeme === '-0' ? '0' : n.lexeme;
}

/** Python orders str keys by code point; JS `sort()` by UTF-16 unit differs above U+D7FF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * Canonical text of a value, as Python's `json.dumps(sort_keys=True, separators=(',',':'),
 * ensure_ascii=False)` would write it. Accepts lossless values (`Map`, `JsonNumberText`) and
 * plain JS values (objects, arrays, numbers, bigints); `undefined` properties are skipped.
 * @throws TypeError for values JSON cannot hold (functions, symbols).
 */
export function pythonCanonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return plainNumberText(value);
  if (value instanceof JsonNumberText) return pythonNumberText(value);
  if (Array.isArray(value)) return `[${value.map(pythonCanonicalJson).join(',')}]`;
  if (value instanceof Map) return objectText([...value.entries()].map(([k, v]) => [String(k), v]));
  if (typeof value === 'object') return objectText(Object.entries(value));
  throw new TypeError(`cannot render a ${typeof value} as JSON`);
}

function plainNumberText(x: number): string {
  if (Number.isInteger(x)) return Object.is(x, -0) ? '0' : BigInt(x).toString();
  return pythonFloatRepr(x);
}

function objectText(entries: Array<[string, unknown]>): string {
  const kept = entries.filter(([, v]) => v !== undefined).sort(([a], [b]) => compareCodePoints(a, b));
  return `{${kept.map(([k, v]) => `${JSON.stringify(k)}:${pythonCanonicalJson(v)}`).join(',')}}`;
}

/**
 * Fingerprint F (spec §5.3): SHA-256, lower-case hex, of the UTF-8 canonical text.
 * @example pythonFingerprint(parseLosslessJson('{"b":1,"a":"é"}'))
 *   // 'aa58fba8483623bed37c1b02edfccbdd9a53123837c20bfa4cb4049993a2872e'
 */
export function pythonFingerprint(value: unknown): string {
  return createHash('sha256').update(pythonCanonicalJson(value), 'utf8').digest('hex');
}
