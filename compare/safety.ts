/**
 * The safety rules of the contract suite, applied to every generated probe before it is sent: only the
 * throw-away target user's registry may change, only the target's password is ever sent, and tokens
 * outside the transports of authentication belong to the target. A probe that breaks a rule is dropped.
 */
import { TARGET_TOKENS } from './grammar.js';
import type { Probe } from './types.js';

/** Stand-in for the target's id while checking (no real site has a user with this id in its first users). */
const TARGET_SENTINEL = 987654321;

/** PHP `intval()` of what a request can carry. */
function phpIntval(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.length > 0 ? 1 : 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0 ? 1 : 0;
  if (typeof v !== 'string') return 0;
  const m = /^[ \t\n\r\v\f]*([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)/.exec(v);
  if (!m?.[1]) return 0;
  const n = Number(m[1]);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** A user id value is safe when it names the target, nobody (≤ 0) or an id beyond any site's first users. */
function safeUserId(v: unknown): boolean {
  const n = phpIntval(v);
  return n <= 0 || n === TARGET_SENTINEL || n >= 100_000;
}

const withSentinel = (text: string): string => text.replace(/\{\{(?:[jur]:)?user:target\}\}/g, String(TARGET_SENTINEL));

function formPairsSafe(text: string): boolean {
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq === -1 ? pair : pair.slice(0, eq)).replaceAll('+', ' '));
      value = decodeURIComponent((eq === -1 ? '' : pair.slice(eq + 1)).replaceAll('+', ' '));
    } catch {
      continue;
    }
    const base = key.replace(/^ +/, '').split('[')[0]?.replace(/[. ]/g, '_');
    if (base !== 'user_id') continue;
    if (key.includes('[') || !safeUserId(withSentinel(value))) return false;
  }
  return true;
}

function jsonSafe(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(withSentinel(body).replace(/\{\{[jur]?:?[a-z]+:[\w.-]+\}\}/g, 'x'));
  } catch {
    return !/user_id/i.test(body) || !/"user_id"\s*:\s*(?!\{\{r:user:target\}\})/.test(body);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return true;
  const v = (parsed as Record<string, unknown>).user_id;
  return v === undefined || safeUserId(v);
}

function tokensSafe(text: string, allowCallerAs: RegExp | null): boolean {
  for (const m of text.matchAll(/\{\{(?:[jur]:)?token:([\w.#-]+)\}\}/g)) {
    if ((TARGET_TOKENS as readonly string[]).includes(m[1] ?? '')) continue;
    if (allowCallerAs && allowCallerAs.test(text.slice(Math.max(0, (m.index ?? 0) - 12), m.index))) continue;
    return false;
  }
  return true;
}

/** Whether a probe keeps to the rules. */
export function isSafe(probe: Probe): boolean {
  const all = [probe.target, probe.body ?? '', ...probe.headers.map(([, v]) => v)].join('\n');
  for (const m of all.matchAll(/\{\{(?:[jur]:)?password:(\w+)\}\}/g)) if (m[1] !== 'target') return false;
  const q = probe.target.indexOf('?');
  if (q !== -1 && !formPairsSafe(probe.target.slice(q + 1))) return false;
  if (q !== -1 && !tokensSafe(probe.target.slice(q + 1), null)) return false;
  const body = probe.body ?? '';
  if (!tokensSafe(body, /aam-jwt=$/)) return false;
  if (/user_id/.test(body)) {
    if (!formPairsSafe(body) || !jsonSafe(body)) return false;
    for (const m of body.matchAll(/name="([^"]*)"\r\n\r\n([^\r]*)\r\n/g)) {
      const key = (m[1] ?? '').replace(/^ +/, '');
      if (key.split('[')[0]?.replace(/[. ]/g, '_') !== 'user_id') continue;
      if (key.includes('[') || !safeUserId(withSentinel(m[2] ?? ''))) return false;
    }
  }
  return true;
}
