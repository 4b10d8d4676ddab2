/**
 * A small JSON parser that keeps what `JSON.parse` throws away: the exact text of every number.
 * Fingerprints of compile outputs must match the Python side byte for byte (spec §5.3), and
 * Python keeps `1.0` a float where JavaScript sees the integer `1`. So numbers stay lexemes
 * (`JsonNumberText`) and objects stay `Map`s (no prototype pitfalls with a `__proto__` key).
 *
 * Accepts exactly what Python's `json.loads` accepts by default: RFC 8259 JSON plus the
 * `NaN`, `Infinity` and `-Infinity` literals. Duplicate keys keep the last value (as Python does).
 */

/** A JSON number kept as its source text, e.g. `1.0`, `-0`, `1e+16`, `123456789012345678901`. */
export class JsonNumberText {
  /** @param lexeme the number exactly as written in the JSON text (already validated). */
  constructor(readonly lexeme: string) {}

  /** True when Python would parse this as a float: a fraction, an exponent or a NaN/Infinity literal. */
  get isFloat(): boolean {
    return /[.eEIN]/.test(this.lexeme);
  }

  /** The nearest JavaScript number (exact for floats; integers above 2^53 lose precision). */
  toNumber(): number {
    return Number(this.lexeme);
  }
}

/** A parsed JSON value with number lexemes and key order preserved. */
export type LosslessJson = null | boolean | string | JsonNumberText | LosslessJson[] | LosslessObject;
/** A JSON object as a `Map` in source key order. */
export type LosslessObject = Map<string, LosslessJson>;

/** Plain JSON value as `JSON.parse` would give it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** Plain JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** A syntax error with a 1-based line and column, e.g. "Unexpected '}' at line 3 column 5". */
export class LosslessJsonError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'LosslessJsonError';
  }
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const LITERALS: ReadonlyArray<readonly [string, LosslessJson]> = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', new JsonNumberText('NaN')],
  ['Infinity', new JsonNumberText('Infinity')],
  ['-Infinity', new JsonNumberText('-Infinity')],
];

/**
 * Parse JSON text keeping number lexemes. A leading UTF-8 BOM is ignored.
 * @throws LosslessJsonError with the line and column of the first problem.
 * @example parseLosslessJson('{"a":1.0}') // Map { 'a' => JsonNumberText('1.0') }
 */
export function parseLosslessJson(text: string): LosslessJson {
  const p = new Parser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  p.skipWs();
  const value = p.value(0);
  p.skipWs();
  if (p.pos < p.text.length) p.fail('Extra data after the JSON value');
  return value;
}

/**
 * Convert a lossless value to what `JSON.parse` would return (numbers become JS numbers,
 * `Map`s become plain objects whose keys are own data properties, `__proto__` included).
 */
export function toPlainJson(value: LosslessJson): JsonValue {
  if (value instanceof JsonNumberText) return value.toNumber();
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toPlainJson(v)]));
  return value;
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string, at = this.pos): never {
    const atEnd = at >= this.text.length && !what.includes('end of input');
    const message = atEnd ? `Unexpected end of input (${what})` : what;
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new LosslessJsonError(`${message} at line ${line} column ${column}`, at);
  }

  skipWs(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] as string)) this.pos++;
  }

  value(depth: number): LosslessJson {
    if (depth > MAX_DEPTH) this.fail(`Nesting deeper than ${MAX_DEPTH} levels`);
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    for (const [word, v] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m) {
      this.pos += m[0].length;
      return new JsonNumberText(m[0]);
    }
    return this.fail(c === undefined ? 'Unexpected end of input' : `Unexpected ${JSON.stringify(c)}`);
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) {
      const c = this.text[this.pos];
      this.fail(`Expected '${ch}' but found ${c === undefined ? 'end of input' : JSON.stringify(c)}`);
    }
    this.pos++;
  }

  private object(depth: number): LosslessObject {
    const out: LosslessObject = new Map();
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail('Expected a property name in double quotes');
      const key = this.string();
      this.skipWs();
      this.expect(':');
      this.skipWs();
      out.set(key, this.value(depth + 1));
      this.skipWs();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
      this.expect(',');
      this.skipWs();
    }
  }

  private array(depth: number): LosslessJson[] {
    const out: LosslessJson[] = [];
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipWs();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
      this.expect(',');
      this.skipWs();
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    let chunk = this.pos;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) this.fail('Unterminated string', start);
      if (code === 0x22) break;
      if (code < 0x20) this.fail('Invalid control character in string');
      if (code !== 0x5c) {
        this.pos++;
        continue;
      }
      out += this.text.slice(chunk, this.pos) + this.escape();
      chunk = this.pos;
    }
    out += this.text.slice(chunk, this.pos);
    this.pos++;
    return out;
  }

  /** At a backslash: decode one escape and move past it. Surrogate pairs join by concatenation. */
  private escape(): string {
    const e = this.text[this.pos + 1];
    if (e === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\uXXXX escape');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const decoded = e === undefined ? undefined : ESCAPES[e];
    if (decoded === undefined) this.fail('Invalid escape');
    this.pos += 2;
    return decoded;
  }
}
