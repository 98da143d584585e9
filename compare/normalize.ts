/**
 * Normalize an answer so that only what must differ between two sites is hidden: tokens become their
 * names (plus their normalized claims), token ids become names, times become offsets from the side's
 * clock, the site URL becomes `<site>`, cookie values `<cookie>`; the web server's own headers (Date,
 * Connection, Host, X-Powered-By, framing) are dropped. Status, header names and values, header order,
 * key order and every other byte are kept.
 */
import { createHash } from 'node:crypto';
import type { Answer, NormalAnswer } from './types.js';

/** What normalization needs from a side. */
export interface NormalizeContext {
  siteUrl: string;
  tokenName(token: string): string;
  /** the name of a known token id */
  jtiName(jti: string): string | undefined;
  /** the clock of the side when the answer arrived, epoch seconds */
  nowSeconds: number;
}

/** Headers of the web server (PHP's built-in server, Node's http), not of WordPress. */
export const SERVER_HEADERS: ReadonlySet<string> = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'x-powered-by']);

const JWT = /eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g;
const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
const UNIX_TIME = /(?<![\d.])1[6-9]\d{8}(?![\d.])/g;
const DATETIME = /\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/g;
/** WordPress nonces in URLs (keyed with the site's NONCE_KEY/NONCE_SALT, like a token) */
const NONCE = /(_wpnonce=)[0-9a-f]{10}\b/g;
const CRITICAL = 'There has been a critical error on this website.';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text normalizer of one side (site URL, uuids, times; tokens first). */
export function createTextNormalizer(ctx: NormalizeContext): (text: string) => string {
  const site = ctx.siteUrl.replace(/\/+$/, '');
  const host = new URL(site).host;
  const siteHash = createHash('md5').update(site).digest('hex');
  const forms = [site, site.replaceAll('/', '\\/'), encodeURIComponent(site), host].map(escapeRe);
  const siteRe = new RegExp(`(${forms.join('|')})`, 'g');
  const uuidNames = new Map<string, string>();
  const plain = (text: string): string => text
    .replace(siteRe, (m) => (m === host ? '<host>' : '<site>'))
    .replaceAll(siteHash, '<sitehash>')
    .replace(UUID, (u) => {
      const key = u.toLowerCase();
      let name = uuidNames.get(key) ?? ctx.jtiName(key);
      if (name === undefined) {
        name = `id#${uuidNames.size + 1}`;
        uuidNames.set(key, name);
      }
      return `<${u === key ? '' : 'UPPER:'}${name}>`;
    })
    .replace(UNIX_TIME, (t) => `<t${offset(Number(t) - ctx.nowSeconds)}>`)
    .replace(DATETIME, '<datetime>')
    .replace(NONCE, '$1<nonce>');
  const normalize = (text: string): string => text.replace(JWT, (token) => {
    const name = ctx.tokenName(token);
    const [header = '', payload = ''] = token.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'));
    // the claims are shown with ' for " so that a JSON body stays JSON
    return `<jwt:${name} ${plain(header).replaceAll('"', "'")} ${plain(payload).replaceAll('"', "'")}>`;
  });
  return (text) => plain(normalize(text));
}

/** The exact offset from the side's clock; `diff.ts` compares offsets with a tolerance and shows minutes. */
function offset(seconds: number): string {
  const s = Math.round(seconds);
  return `${s >= 0 ? '+' : ''}${s}s`;
}

function normalizeCookie(value: string, text: (s: string) => string): string {
  const [pair = '', ...attrs] = value.split(';');
  const eq = pair.indexOf('=');
  const name = eq === -1 ? pair : pair.slice(0, eq);
  const v = eq === -1 ? '' : pair.slice(eq + 1);
  const attributes = attrs.map((a) => (/^\s*expires=/i.test(a) ? ' expires=<date>' : a));
  return [`${text(name)}=${v === '' || v === 'deleted' || v === ' ' ? v : '<cookie>'}`, ...attributes].join(';');
}

/** A structural signature of a body. */
export function bodyShape(body: string, contentType: string): string {
  if (body === '') return 'empty';
  if (/json/i.test(contentType) || /^[[{]/.test(body)) {
    try {
      return shapeOf(JSON.parse(body) as unknown);
    } catch {
      /* not JSON */
    }
  }
  if (/<html|<!DOCTYPE/i.test(body)) return 'html';
  return 'text';
}

function shapeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${[...new Set(v.map(shapeOf))].join('|')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}:${shapeOf(x)}`).join(',')}}`;
  return typeof v === 'string' ? 's' : typeof v === 'number' ? 'n' : 'b';
}

export function normalizeAnswer(answer: Answer, ctx: NormalizeContext): NormalAnswer {
  if (answer.error !== undefined) {
    return { status: 0, headers: [], body: `transport error: ${answer.error.replace(/\d+\.\d+\.\d+\.\d+:\d+/g, '<host>')}`, shape: 'error', crashed: false };
  }
  const text = createTextNormalizer(ctx);
  const headers: [string, string][] = [];
  for (const [name, value] of answer.headers) {
    const lower = name.toLowerCase();
    if (SERVER_HEADERS.has(lower)) continue;
    headers.push([name, lower === 'set-cookie' ? normalizeCookie(value, text) : text(value)]);
  }
  const raw = answer.body.toString('latin1');
  const body = text(raw);
  const contentType = answer.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  return { status: answer.status, headers, body, shape: bodyShape(answer.body.toString('utf8'), contentType), crashed: raw.includes(CRITICAL) };
}
