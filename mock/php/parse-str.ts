import type { PhpMap, PhpValue } from './values.js';

const PLAIN_ASCII = /^[\u0000-\u0024\u0026-\u007f]*$/;

/** PHP `urldecode()`: `+` is a space, invalid `%` sequences are kept verbatim. */
export function phpUrldecode(s: string): string {
  // fast path: ASCII without `%` decodes to itself (with `+` as a space)
  if (PLAIN_ASCII.test(s)) return s.includes('+') ? s.replaceAll('+', ' ') : s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '+') bytes.push(0x20);
    else if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * PHP `parse_str()` / `$_GET` / `$_POST` for `application/x-www-form-urlencoded`:
 * `a[]=1&a[]=2` → list, `a[b]=1` → nested array, `.` and ` ` in the base name become `_`,
 * later duplicates win.
 */
export function phpParseStr(query: string): PhpMap {
  const out: PhpMap = new Map();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = phpUrldecode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : phpUrldecode(pair.slice(eq + 1));
    assign(out, rawKey, value);
  }
  return out;
}

/** Register one variable the way PHP does for `$_GET`/`$_POST` (`a[b][]` nesting, `.`/` ` → `_`). */
export function phpRegisterVariable(root: PhpMap, rawKey: string, value: string): void {
  assign(root, rawKey, value);
}

function assign(root: PhpMap, rawKey: string, value: string): void {
  const open = rawKey.indexOf('[');
  let base = open > 0 ? rawKey.slice(0, open) : rawKey;
  const subs: string[] = [];
  if (open > 0) {
    let rest = rawKey.slice(open);
    let m: RegExpExecArray | null;
    while ((m = /^\[([^\]]*)\]/.exec(rest)) !== null) {
      subs.push(m[1] ?? '');
      rest = rest.slice(m[0].length);
    }
    if (subs.length === 0) base = rawKey;
  }
  base = base.replace(/^ +/, '').replace(/[. []/g, '_');
  if (base === '') return;
  let container = root;
  const path = [base, ...subs];
  for (let i = 0; i < path.length; i++) {
    let key = path[i] as string;
    if (key === '' && i > 0) key = String(nextIndex(container));
    if (i === path.length - 1) {
      container.set(key, value);
      return;
    }
    const existing = container.get(key);
    if (existing instanceof Map) container = existing;
    else {
      const fresh: PhpMap = new Map();
      container.set(key, fresh);
      container = fresh;
    }
  }
}

function nextIndex(map: Map<string, PhpValue>): number {
  let max = -1;
  for (const k of map.keys()) if (/^(0|[1-9]\d*)$/.test(k)) max = Math.max(max, Number(k));
  return max + 1;
}

/** PHP `$_COOKIE`: `name=value` pairs split on `;`, values url-decoded, first occurrence wins. */
export function phpParseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim().replace(/[. ]/g, '_');
    if (name === '' || out.has(name)) continue;
    out.set(name, phpUrldecode(part.slice(eq + 1).trim()));
  }
  return out;
}

/**
 * PHP's `multipart/form-data` parser (rfc1867) for `$_POST`: each part's `name` is registered like a
 * query-string key (not URL-decoded); parts with a `filename` go to `$_FILES` and are skipped here.
 */
export function phpParseMultipart(body: Buffer, contentType: string): PhpMap {
  const out: PhpMap = new Map();
  const m = /boundary=(?:"([^"]+)"|([^;,\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return out;
  const text = body.toString('latin1');
  const parts = text.split(`--${boundary}`);
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break;
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd === -1) continue;
    const head = part.slice(0, headEnd);
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? /\bname=([^;\s]+)/i.exec(disposition)?.[1];
    if (name === undefined || /\bfilename=/i.test(disposition)) continue;
    let value = part.slice(headEnd + 4);
    if (value.endsWith('\r\n')) value = value.slice(0, -2);
    assign(out, Buffer.from(name, 'latin1').toString('utf8'), Buffer.from(value, 'latin1').toString('utf8'));
  }
  return out;
}
