import { isAscii } from 'node:buffer';
import { PhpFloat, PhpObject } from './values.js';
import type { PhpMap, PhpValue } from './values.js';

/** PHP `json_last_error()` codes and messages we can produce. */
export const JSON_ERRORS = {
  1: 'Maximum stack depth exceeded',
  3: 'Control character error, possibly incorrectly encoded',
  4: 'Syntax error',
  5: 'Malformed UTF-8 characters, possibly incorrectly encoded',
  9: 'The decoded property name is invalid',
  10: 'Single unpaired UTF-16 surrogate in unicode escape',
} as const;
export type JsonErrorCode = keyof typeof JSON_ERRORS;

export interface JsonDecodeOptions {
  /** `true` = PHP arrays (Map), `false` = stdClass objects (PhpObject). */
  assoc: boolean;
  /** JSON_BIGINT_AS_STRING */
  bigintAsString?: boolean;
  /** default 512, like PHP */
  depth?: number;
}
export type JsonDecodeResult = { ok: true; value: PhpValue } | { ok: false; code: JsonErrorCode };

class DecodeError extends Error {
  readonly code: JsonErrorCode;
  constructor(code: JsonErrorCode) {
    super(JSON_ERRORS[code]);
    this.code = code;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const INT64_MAX = 9223372036854775807n;
/** A run of string characters that need no attention: not `"`, not `\\`, not a control character. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** PHP 8 `json_decode()`: same accepted grammar, same error codes, same number typing. */
export function phpJsonDecode(input: string | Uint8Array, options: JsonDecodeOptions): JsonDecodeResult {
  let text: string;
  let invalidUtf8 = false;
  try {
    // ASCII bytes decode the same in every charset: skip the validating decoder for them
    text = typeof input === 'string' ? input : isAscii(input) ? Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1') : UTF8.decode(input);
  } catch {
    // PHP reports malformed UTF-8 only inside strings; elsewhere the bytes are a syntax error.
    text = new TextDecoder('utf-8').decode(input as Uint8Array);
    invalidUtf8 = true;
  }
  const parser = new Parser(text, options, invalidUtf8);
  try {
    return { ok: true, value: parser.parseDocument() };
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, code: err.code };
    throw err;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly text: string;
  private readonly options: JsonDecodeOptions;
  private readonly invalidUtf8: boolean;

  constructor(text: string, options: JsonDecodeOptions, invalidUtf8: boolean) {
    this.text = text;
    this.options = options;
    this.invalidUtf8 = invalidUtf8;
  }

  parseDocument(): PhpValue {
    this.ws();
    const value = this.value();
    this.ws();
    if (this.pos !== this.text.length) throw this.syntax(this.pos);
    return value;
  }

  /** A syntax error at `at`, unless the offending character is a malformed UTF-8 byte (error 5). */
  private syntax(at: number): DecodeError {
    // PHP's scanner: a control character outside a string is JSON_ERROR_CTRL_CHAR, invalid UTF-8 is
    // JSON_ERROR_UTF8, anything else the parser did not expect JSON_ERROR_SYNTAX
    if (this.text.charCodeAt(at) < 0x20) return new DecodeError(3);
    return new DecodeError(this.invalidUtf8 && this.text[at] === '\ufffd' ? 5 : 4);
  }

  private ws(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos); // NaN past the end
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  private value(): PhpValue {
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (this.text.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (this.text.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    if (this.text.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    return this.number();
  }

  private enter(): void {
    if (++this.depth > (this.options.depth ?? 512)) throw new DecodeError(1);
  }

  private object(): PhpValue {
    this.enter();
    this.pos++;
    const props: PhpMap = new Map();
    this.ws();
    if (this.text[this.pos] === '}') {
      this.pos++;
    } else {
      for (;;) {
        this.ws();
        if (this.text[this.pos] !== '"') throw this.syntax(this.pos);
        const key = this.string();
        this.ws();
        if (this.text[this.pos++] !== ':') throw this.syntax(this.pos - 1);
        this.ws();
        const val = this.value();
        if (!this.options.assoc && key.startsWith('\u0000')) throw new DecodeError(9);
        props.set(key, val);
        this.ws();
        const sep = this.text[this.pos++];
        if (sep === '}') break;
        if (sep !== ',') throw this.syntax(this.pos - 1);
      }
    }
    this.depth--;
    return this.options.assoc ? props : new PhpObject(props);
  }

  private array(): PhpValue[] {
    this.enter();
    this.pos++;
    const items: PhpValue[] = [];
    this.ws();
    if (this.text[this.pos] === ']') {
      this.pos++;
    } else {
      for (;;) {
        this.ws();
        items.push(this.value());
        this.ws();
        const sep = this.text[this.pos++];
        if (sep === ']') break;
        if (sep !== ',') throw this.syntax(this.pos - 1);
      }
    }
    this.depth--;
    return items;
  }

  private string(): string {
    this.pos++;
    let out = '';
    const text = this.text;
    for (;;) {
      // copy a run of plain characters in one slice
      const start = this.pos;
      let code: number;
      if (this.invalidUtf8) {
        code = text.charCodeAt(this.pos);
        while (code >= 0x20 && code !== 0x22 && code !== 0x5c && code !== 0xfffd) code = text.charCodeAt(++this.pos);
      } else {
        PLAIN_RUN.lastIndex = this.pos;
        PLAIN_RUN.test(text);
        this.pos = PLAIN_RUN.lastIndex;
        code = text.charCodeAt(this.pos);
      }
      if (this.pos > start) out += text.slice(start, this.pos);
      if (this.pos >= text.length) throw new DecodeError(4);
      if (code === 0x22) {
        this.pos++;
        return out;
      }
      if (code < 0x20) throw new DecodeError(3);
      if (code === 0xfffd && this.invalidUtf8) throw new DecodeError(5);
      const esc = text[this.pos + 1];
      this.pos += 2;
      if (esc !== undefined && Object.hasOwn(SIMPLE_ESCAPES, esc)) {
        out += SIMPLE_ESCAPES[esc];
      } else if (esc === 'u') {
        out += this.unicodeEscape();
      } else {
        throw new DecodeError(4);
      }
    }
  }

  private hex4(): number {
    const hex = this.text.slice(this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new DecodeError(4);
    this.pos += 4;
    return Number.parseInt(hex, 16);
  }

  private unicodeEscape(): string {
    const unit = this.hex4();
    if (unit >= 0xdc00 && unit <= 0xdfff) throw new DecodeError(10);
    if (unit < 0xd800 || unit > 0xdbff) return String.fromCharCode(unit);
    if (this.text.startsWith('\\u', this.pos)) {
      this.pos += 2;
      const low = this.hex4();
      if (low >= 0xdc00 && low <= 0xdfff) return String.fromCharCode(unit, low);
    }
    throw new DecodeError(10);
  }

  private number(): PhpValue {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) throw this.syntax(this.pos);
    this.pos += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      if (m[0].length <= 15) return Number(m[0]); // at most 15 digits: always a safe integer
      const big = BigInt(m[0]);
      if (big > INT64_MAX || big < -INT64_MAX - 1n) {
        return this.options.bigintAsString ? m[0] : new PhpFloat(Number(m[0]));
      }
      return Number.isSafeInteger(Number(m[0])) ? Number(m[0]) : big;
    }
    return new PhpFloat(Number(m[0]));
  }
}

