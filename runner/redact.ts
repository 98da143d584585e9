/**
 * Redaction of everything the runner prints or writes (console, summary, JUnit and HTML reports).
 *
 * - Every JWT (by shape, {@link JWT_PATTERN}) becomes its label `[jwt jti=… …abc123]`: readers can still tell
 *   tokens apart, nobody can use them.
 * - Every known secret (passwords, a given token) becomes `[password]`/`[secret]` in every encoding a report can
 *   hold it in: raw, JSON string, URL/form encoded, and each of those HTML/XML escaped.
 * - WordPress auth cookie values (`wordpress_[sec_|logged_in_]<md5>=…`, a login session) become `[cookie]`.
 */
import { JWT_PATTERN, tokenLabel } from './jwt-claims.js';

export interface Secret {
  readonly value: string;
  /** What the secret is replaced with, e.g. `[password]`. */
  readonly label: string;
}

export interface Redactor {
  redact(text: string): string;
}

/** A WordPress auth cookie and its value; the `=` may be HTML- or URL-escaped in a report. */
const COOKIE_PATTERN = /\b(wordpress_(?:sec_|logged_in_)?[0-9a-f]{32}(?:=|&#x3D;|&#61;|%3D))([^;\s"'<>&,\\]+)/gi;

/**
 * `text.replace(pattern, replace)` for a global pattern, as an exec loop: V8's String.prototype.replace with this
 * case-insensitive pattern takes ~0.5 s on a 6 MB HTML report, the loop ~1 ms (same matches, same result).
 */
export function replaceEach(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string): string {
  pattern.lastIndex = 0;
  let out = '';
  let last = 0;
  let matched = false;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    matched = true;
    out += text.slice(last, match.index) + replace(match);
    last = match.index + match[0].length;
    if (match[0] === '') pattern.lastIndex += 1;
  }
  return matched ? out + text.slice(last) : text;
}

/** Builds a redactor for `secrets`; empty values are ignored. Pure: the same input gives the same output. */
export function createRedactor(secrets: readonly Secret[]): Redactor {
  const labels = new Map<string, string>();
  for (const secret of secrets) {
    if (secret.value === '') continue;
    for (const form of encodings(secret.value)) if (form !== '' && !labels.has(form)) labels.set(form, secret.label);
  }
  const forms = [...labels.keys()].sort((a, b) => b.length - a.length);
  const literal = forms.length === 0 ? undefined : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  // a report holds the same few tokens thousands of times: each is decoded once
  const tokenLabels = new Map<string, string>();
  const labelOf = (token: string): string => {
    let label = tokenLabels.get(token);
    if (label === undefined) {
      label = tokenLabel(token);
      tokenLabels.set(token, label);
    }
    return label;
  };
  return {
    redact(text: string): string {
      let out = literal === undefined ? text : replaceEach(text, literal, (form) => labels.get(form[0]) ?? '[secret]');
      out = replaceEach(out, JWT_PATTERN, (token) => labelOf(token[0]));
      return replaceEach(out, COOKIE_PATTERN, (cookie) => `${cookie[1] ?? ''}[cookie]`);
    },
  };
}

/** Every way `value` can appear in a report: its transport encodings, each also HTML/XML escaped. */
export function encodings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const jsonAscii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const url = encodeURIComponent(value);
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  const transport = [
    value,
    json,
    jsonAscii,
    jsonAscii.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => `\\u${hex.toUpperCase()}`),
    JSON.stringify(json).slice(1, -1),
    url,
    url.replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase()),
    url.replace(/%20/g, '+'),
    form,
    form.replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase()),
  ];
  const all = new Set<string>();
  for (const t of transport) for (const escape of ESCAPES) all.add(escape(t));
  return [...all];
}

type Escape = (text: string) => string;
const ESCAPES: readonly Escape[] = [
  (t) => t,
  // Handlebars (htmlextra's templates)
  (t) => t.replace(/[&<>"'`=]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' })[c] ?? c),
  // lodash/escape-html style
  (t) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c),
  // XML (JUnit)
  (t) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c),
  (t) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c] ?? c),
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
