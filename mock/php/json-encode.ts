import { PhpFloat, PhpObject } from './values.js';
import type { PhpValue } from './values.js';

export interface JsonEncodeOptions {
  /** PHP's default escapes `/` as `\/`; JSON_UNESCAPED_SLASHES turns that off. */
  escapeSlashes: boolean;
  /** JSON_PRETTY_PRINT: four spaces per level, `": "` between key and value */
  pretty?: boolean;
}

/** `json_encode($value, JSON_PRETTY_PRINT)`: PHP's layout over the compact encoding of the same value. */
function prettyLayout(compact: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < compact.length; i++) {
    const ch = compact[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') out += compact[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      if (compact[i + 1] === close) {
        out += ch + close;
        i++;
      } else {
        depth++;
        out += `${ch}\n${'    '.repeat(depth)}`;
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += `\n${'    '.repeat(depth)}${ch}`;
    } else if (ch === ',') out += `,\n${'    '.repeat(depth)}`;
    else if (ch === ':') out += ': ';
    else out += ch;
  }
  return out;
}

/** PHP `json_encode()` (no pretty print, ASCII-only output with lowercase `\uXXXX`). */
export function phpJsonEncode(value: PhpValue | undefined, options: JsonEncodeOptions): string {
  if (options.pretty === true) return prettyLayout(phpJsonEncode(value, { escapeSlashes: options.escapeSlashes }));
  if (value === undefined || value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : phpFloatToString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return encodeString(value, options.escapeSlashes);
  if (value instanceof PhpFloat) return phpFloatToString(value.value);
  if (Array.isArray(value)) return `[${value.map((v) => phpJsonEncode(v, options)).join(',')}]`;
  if (value instanceof Map) {
    if (isList(value)) {
      let out = '[';
      let first = true;
      for (const v of value.values()) {
        out += `${first ? '' : ','}${phpJsonEncode(v, options)}`;
        first = false;
      }
      return `${out}]`;
    }
    return encodeMap(value, options);
  }
  if (value instanceof PhpObject) return encodeMap(value.props, options);
  const entries = Object.entries(value).filter((e): e is [string, PhpValue] => e[1] !== undefined);
  return encodeEntries(entries, options);
}

function isList(map: Map<string, unknown>): boolean {
  let i = 0;
  for (const key of map.keys()) if (key !== String(i++)) return false;
  return true;
}

function encodeMap(map: ReadonlyMap<string, PhpValue>, options: JsonEncodeOptions): string {
  let out = '{';
  let first = true;
  for (const [k, v] of map) {
    out += `${first ? '' : ','}${encodeString(k, options.escapeSlashes)}:${phpJsonEncode(v, options)}`;
    first = false;
  }
  return `${out}}`;
}

function encodeEntries(entries: [string, PhpValue][], options: JsonEncodeOptions): string {
  return `{${entries.map(([k, v]) => `${encodeString(k, options.escapeSlashes)}:${phpJsonEncode(v, options)}`).join(',')}}`;
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Characters `encodeString` must escape (`/` is checked separately, only when escaping slashes). */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\u0080-\uffff]/;

function encodeString(s: string, escapeSlashes: boolean): string {
  // fast path: printable ASCII with nothing to escape is copied as is
  if (!NEEDS_ESCAPE.test(s) && !(escapeSlashes && s.includes('/'))) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const short = SHORT[ch];
    if (short !== undefined) out += short;
    else if (ch === '/') out += escapeSlashes ? '\\/' : '/';
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** PHP float printing with serialize_precision = -1 (shortest round-trip digits, `1.0e+25` style). */
export function phpFloatToString(x: number): string {
  if (!Number.isFinite(x)) return '0';
  if (Object.is(x, -0)) return '-0';
  const [mantissa = '0', expPart = '0'] = x.toExponential().split('e');
  const exp = Number(expPart);
  const decpt = exp + 1;
  if (decpt > 17 || decpt < -3) {
    const negative = mantissa.startsWith('-');
    const digits = mantissa.replace('-', '').replace('.', '');
    const body = `${digits[0]}.${digits.length > 1 ? digits.slice(1) : '0'}`;
    return `${negative ? '-' : ''}${body}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
  }
  return String(x);
}
