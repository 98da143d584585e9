/**
 * Request values and their encodings. A value is JSON-like; `Ref` stands for a per-side value (a token,
 * id, login, …) and is written as a placeholder that the side fills in (see `substitute.ts`).
 */

/** A per-side value: `{{kind:name}}`; `json` says whether it is a JSON number/raw (true) or a string. */
export class Ref {
  readonly kind: string;
  readonly name: string;
  readonly raw: boolean;
  /** text around the substituted value (`x{{token:a}}y`) */
  readonly prefix: string;
  readonly suffix: string;
  constructor(kind: string, name: string, options: { raw?: boolean; prefix?: string; suffix?: string } = {}) {
    this.kind = kind;
    this.name = name;
    this.raw = options.raw ?? false;
    this.prefix = options.prefix ?? '';
    this.suffix = options.suffix ?? '';
  }
  placeholder(context: 'j' | 'u' | 'r'): string {
    return `{{${context}:${this.kind}:${this.name}}}`;
  }
}

export type Value = null | boolean | number | string | Ref | Value[] | { [key: string]: Value };

const PLACEHOLDER = /\{\{(?:[jur]:)?[a-z]+:[\w.-]+\}\}/g;

/** JSON text of a value (`JSON.stringify` with placeholders; raw refs are bare, string refs quoted). */
export function toJson(v: Value): string {
  if (v instanceof Ref) {
    if (v.raw) return `${v.prefix}${v.placeholder('r')}${v.suffix}`;
    return `"${jsonInner(v.prefix)}${v.placeholder('j')}${jsonInner(v.suffix)}"`;
  }
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
  return JSON.stringify(v);
}

function jsonInner(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** `encodeURIComponent`, leaving placeholders intact. */
export function urlEncode(s: string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(PLACEHOLDER)) {
    out += encodeURIComponent(s.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return out + encodeURIComponent(s.slice(last));
}

/** The scalar text of a value in a query string or form (PHP sees strings only). */
function scalarText(v: Exclude<Value, Value[] | { [key: string]: Value }>): string {
  if (v instanceof Ref) return `${urlEncode(v.prefix)}${v.placeholder('u')}${urlEncode(v.suffix)}`;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return urlEncode(String(v));
}

/** `key=value` pairs of one parameter in PHP's bracket notation (`a[]=1`, `a[b]=2`). */
export function toFormPairs(key: string, v: Value): string[] {
  if (Array.isArray(v)) {
    if (v.length === 0) return [`${urlEncode(key)}[]`];
    return v.flatMap((x, i) => toFormPairs(`${key}[${i}]`, x));
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Ref)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return [`${urlEncode(key)}[]`];
    return entries.flatMap(([k, x]) => toFormPairs(`${key}[${k}]`, x));
  }
  return [`${urlEncode(key).replaceAll('%5B', '[').replaceAll('%5D', ']')}=${scalarText(v)}`];
}

export function toForm(params: readonly (readonly [string, Value])[]): string {
  return params.flatMap(([k, v]) => toFormPairs(k, v)).join('&');
}

/** Every `{{…}}` placeholder in a text. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
}
