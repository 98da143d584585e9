/**
 * Compare two normalized answers: one verdict per measure, the first difference in words, and the
 * signature that groups disagreements with the same cause (route class, status pair, where they differ).
 */
import type { Measure, NormalAnswer, Probe, Verdict } from './types.js';

function headerDifference(a: readonly [string, string][], b: readonly [string, string][]): string {
  const names = [...new Set([...a.map(([k]) => k), ...b.map(([k]) => k)])];
  for (const name of names) {
    const va = a.filter(([k]) => k === name).map(([, v]) => v);
    const vb = b.filter(([k]) => k === name).map(([, v]) => v);
    if (va.length === 0) return `header ${name} only in B`;
    if (vb.length === 0) return `header ${name} only in A`;
    if (va.join('\n') !== vb.join('\n')) return `header ${name} differs`;
  }
  return 'header order or name case differs';
}

/** The JSON path where two bodies first differ (`$.data.params`), with array indices as `[]`. */
function bodyDifference(a: string, b: string): string {
  let ja: unknown;
  let jb: unknown;
  try {
    ja = JSON.parse(a);
    jb = JSON.parse(b);
  } catch {
    return 'body text differs';
  }
  const walk = (x: unknown, y: unknown, path: string): string | null => {
    if (JSON.stringify(x) === JSON.stringify(y)) return null;
    const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    if (kind(x) !== kind(y)) return `${path} ${kind(x)}≠${kind(y)}`;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return `${path} length`;
      for (let i = 0; i < x.length; i++) {
        const d = walk(x[i], y[i], `${path}[]`);
        if (d) return d;
      }
      return `${path} differs`;
    }
    if (x !== null && typeof x === 'object' && y !== null && typeof y === 'object') {
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      for (const k of kx) if (!ky.includes(k)) return `${path}.${k} only in A`;
      for (const k of ky) if (!kx.includes(k)) return `${path}.${k} only in B`;
      for (const k of kx) {
        const d = walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
        if (d) return d;
      }
      return `${path} key order`;
    }
    return `${path} value`;
  };
  return `body ${walk(ja, jb, '$') ?? 'bytes differ (escaping or spacing)'}`;
}

/** The error code of an answer (`code`, or the first key of a serialized WP_Error), else its kind. */
function codeOf(x: NormalAnswer): string {
  try {
    const j = JSON.parse(x.body) as Record<string, unknown> | null;
    if (j && typeof j === 'object' && !Array.isArray(j)) {
      if (typeof j.code === 'string') return j.code;
      if (j.errors && typeof j.errors === 'object') return Object.keys(j.errors)[0] ?? 'errors';
      return 'object';
    }
    return Array.isArray(j) ? 'list' : 'json';
  } catch {
    return x.crashed ? 'critical-error' : x.shape;
  }
}

const TIME = /<t([+-]\d+)s>/g;
/** Two sides answer a few seconds apart: times within this many seconds of each other are the same time. */
export const TIME_TOLERANCE_S = 90;

function minutes(s: number): string {
  const m = Math.round(s / 60);
  return m === 0 ? '<t>' : `<t${m > 0 ? '+' : ''}${m}m>`;
}

/** Rewrite the time offsets of both texts in minutes, B's as A's where they are within the tolerance. */
export function alignTimes(a: string, b: string): [string, string] {
  const ta = [...a.matchAll(TIME)].map((m) => Number(m[1]));
  const tb = [...b.matchAll(TIME)].map((m) => Number(m[1]));
  let i = 0;
  const outA = a.replace(TIME, (_m, n: string) => minutes(Number(n)));
  const outB = b.replace(TIME, (_m, n: string) => {
    const own = Number(n);
    const other = ta[i++];
    return minutes(ta.length === tb.length && other !== undefined && Math.abs(other - own) <= TIME_TOLERANCE_S ? other : own);
  });
  return [outA, outB];
}

function aligned(a: NormalAnswer, b: NormalAnswer): [NormalAnswer, NormalAnswer] {
  const [ba, bb] = alignTimes(a.body, b.body);
  const ha = a.headers.map(([k, v], i): [string, string] => {
    const other = b.headers[i];
    return [k, other && other[0] === k ? alignTimes(v, other[1])[0] : alignTimes(v, '')[0]];
  });
  const hb = b.headers.map(([k, v], i): [string, string] => {
    const other = a.headers[i];
    return [k, other && other[0] === k ? alignTimes(other[1], v)[1] : alignTimes('', v)[1]];
  });
  return [{ ...a, body: ba, headers: ha }, { ...b, body: bb, headers: hb }];
}

export function compareAnswers(probe: Probe, rawA: NormalAnswer, rawB: NormalAnswer): Verdict {
  const [a, b] = aligned(rawA, rawB);
  const agree: Record<Measure, boolean> = {
    status: a.status === b.status,
    headers: JSON.stringify(a.headers) === JSON.stringify(b.headers),
    shape: a.shape === b.shape,
    body: a.body === b.body,
    whole: false,
  };
  agree.whole = agree.status && agree.headers && agree.body;
  let difference = '';
  if (!agree.status) difference = `status ${a.status}≠${b.status}`;
  else if (!agree.body) difference = bodyDifference(a.body, b.body);
  else if (!agree.headers) difference = headerDifference(a.headers, b.headers);
  const crash = a.crashed !== b.crashed ? ` crash ${a.crashed ? 'A' : 'B'}` : '';
  const locus = agree.status ? difference : `status ${codeOf(a)}/${codeOf(b)}`;
  const signature = difference === '' ? '' : `${probe.route} | ${a.status}/${b.status}${crash} | ${locus.replace(/\d+/g, (n) => (n.length > 3 ? '#' : n))}`;
  return { probe, a, b, agree, difference, signature };
}
