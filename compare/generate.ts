/**
 * Seeded request generation: operations, parameters and bodies from the spec, varied along the
 * WordPress/PHP input space of `grammar.ts`, filtered by `safety.ts`. The same seed and spec give the
 * same probes, byte for byte.
 */
import { CALLER_TOKENS, JSON_TYPES, TARGET_TOKENS, authVariant, globalParam, malformedJson, pathId, routeSpelling, valueFor } from './grammar.js';
import { Rng } from './rng.js';
import { isSafe } from './safety.js';
import type { OperationModel, SpecModel } from './spec-model.js';
import type { Probe } from './types.js';
import { toForm, toFormPairs, toJson } from './values.js';
import type { Value } from './values.js';

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

interface Draft {
  route: string;
  features: string[];
  method: string;
  path: string;
  queryJoin: string;
  query: string[];
  headers: [string, string][];
  body: string | null;
  caller: string | null;
  cookies: string[];
}

function callerName(rng: Rng): string | null {
  return rng.weighted<string | null>([
    [14, null], [40, 'admin'], [14, 'manager'], [10, 'subscriber'], [8, 'target'],
    [14, rng.pick(CALLER_TOKENS.filter((t) => (TARGET_TOKENS as readonly string[]).includes(t)))],
  ]);
}

function chooseMethod(rng: Rng, op: OperationModel, d: Draft): void {
  const kind = rng.weighted<string>([[78, 'same'], [8, 'other'], [7, '_method'], [5, 'override-header'], [2, 'override-both']]);
  if (kind === 'same') return;
  if (kind === 'other') {
    d.method = rng.pick(OTHER_METHODS.filter((m) => m !== op.method));
    d.features.push('method:other');
    return;
  }
  const wanted = rng.chance(0.7) ? op.method : rng.pick(OTHER_METHODS);
  const spelled = rng.chance(0.2) ? wanted.toLowerCase() : wanted;
  d.method = rng.chance(0.8) ? 'POST' : 'GET';
  if (kind === '_method' || kind === 'override-both') {
    d.query.push(`_method=${spelled}`);
    d.features.push('method:_method');
  }
  if (kind === 'override-header' || kind === 'override-both') {
    d.headers.push(['X-HTTP-Method-Override', kind === 'override-both' ? 'GET' : spelled]);
    d.features.push('method:override-header');
  }
}

function fillParams(rng: Rng, op: OperationModel, d: Draft): void {
  const params: [string, Value][] = [];
  for (const f of op.fields) {
    if (f.in === 'path' || f.in === 'header') continue;
    if (!rng.chance(f.required ? 0.85 : 0.45)) continue;
    params.push([f.name, valueFor(rng, f.name, f.type, f.samples)]);
  }
  if (rng.chance(0.04)) {
    params.push([rng.pick(['USER_ID', 'user.id', 'unknown', 'Fields', 'jwt[]', 'a[b', '']), rng.pick<Value>(['1', 'x', ['y']])]);
    d.features.push('param:odd-name');
  }
  const bodyAllowed = op.bodyTypes.length > 0 || d.method !== 'GET';
  const encoding = !bodyAllowed || params.length === 0
    ? (rng.chance(0.1) && bodyAllowed ? 'malformed' : 'query')
    : rng.weighted<string>([[45, 'json'], [22, 'form'], [14, 'query'], [6, 'mixed'], [6, 'malformed'], [3, 'json-as-text'], [2, 'multipart'], [2, 'json-empty']]);
  d.features.push(`body:${encoding}`);
  const toQuery = (ps: [string, Value][]): void => {
    for (const [k, v] of ps) d.query.push(...toFormPairs(k, v));
  };
  const jsonType = (): string => {
    const [type, feature] = rng.weighted(JSON_TYPES.map((t, i) => [i === 0 ? 12 : 1, t] as const));
    if (feature !== 'ct:json') d.features.push(feature);
    return type;
  };
  const jsonBody = (ps: [string, Value][]): string => `{${ps.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  switch (encoding) {
    case 'query': toQuery(params); break;
    case 'json': d.headers.push(['Content-Type', jsonType()]); d.body = jsonBody(params); break;
    case 'form': d.headers.push(['Content-Type', 'application/x-www-form-urlencoded']); d.body = toForm(params); break;
    case 'mixed': {
      const cut = rng.int(params.length + 1);
      toQuery(params.slice(0, cut));
      d.headers.push(['Content-Type', 'application/json']);
      d.body = jsonBody(params.slice(cut));
      break;
    }
    case 'malformed': {
      toQuery(params);
      const m = malformedJson(rng);
      d.features.push(m.feature);
      d.headers.push(['Content-Type', jsonType()]);
      d.body = m.body;
      break;
    }
    case 'json-as-text': d.headers.push(['Content-Type', rng.pick(['text/plain', 'application/octet-stream', ''])]); d.body = jsonBody(params); break;
    case 'json-empty': toQuery(params); d.headers.push(['Content-Type', 'application/json']); d.body = rng.pick(['', '0', '{}', '[]']); break;
    case 'multipart': {
      const b = 'cmpboundary';
      const parts = params.flatMap(([k, v]) => toFormPairs(k, v)).map((pair) => {
        const [name = '', value = ''] = pair.split('=');
        return `--${b}\r\nContent-Disposition: form-data; name="${decodeURIComponent(name)}"\r\n\r\n${decodeURIComponent(value)}\r\n`;
      });
      d.headers.push(['Content-Type', `multipart/form-data; boundary=${b}`]);
      d.body = `${parts.join('')}--${b}--\r\n`;
      break;
    }
    default: break;
  }
}

function addAuth(rng: Rng, d: Draft): void {
  const caller = callerName(rng);
  d.caller = caller;
  if (caller === null) {
    d.features.push('auth:none');
    return;
  }
  if ((TARGET_TOKENS as readonly string[]).includes(caller) && rng.chance(0.06)) {
    d.query.push(`aam-jwt={{u:token:${caller}}}`);
    d.features.push('auth:query');
    return;
  }
  const v = authVariant(rng, caller);
  d.features.push(v.feature);
  d.headers.push(...v.headers);
  if (v.cookie) d.cookies.push(v.cookie);
  if (v.formField) {
    if (d.body === null || d.headers.some(([k, x]) => k === 'Content-Type' && x === 'application/x-www-form-urlencoded')) {
      if (d.body === null) d.headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
      d.body = [d.body, `aam-jwt=${v.formField}`].filter((x) => x).join('&');
    } else d.query.push(`aam-jwt=${v.formField}`);
  }
}

function draftFor(rng: Rng, spec: SpecModel): Draft {
  const d: Draft = { route: '', features: [], method: 'GET', path: '', queryJoin: '?', query: [], headers: [], body: null, caller: null, cookies: [] };
  const roll = rng.next();
  if (roll < 0.05) {
    d.route = 'unknown-route';
    const s = routeSpelling(rng, rng.pick(['/aam/v2/nope', '/aam/v3/jwt', '/aam/v2/service/jwt/a/b', '/aam/v2/jwt', '/aam/v1/jwt/validate', '/wp/v2/nothing']));
    Object.assign(d, { path: s.target, queryJoin: s.queryJoin, method: rng.pick(OTHER_METHODS) });
    d.features.push(s.feature);
  } else if (roll < 0.07) {
    d.route = 'namespace-index';
    const s = routeSpelling(rng, rng.pick(['/aam/v2/service', '/aam/v1']));
    Object.assign(d, { path: s.target, queryJoin: s.queryJoin, method: rng.pick(['GET', 'GET', 'POST', 'OPTIONS']) });
    d.features.push(s.feature);
  } else {
    const op = rng.pick(spec.operations);
    d.route = op.operationId;
    d.method = op.method;
    let route = op.route;
    const idParam = /\{(\w+)\}/.exec(route);
    if (idParam) {
      const id = pathId(rng);
      route = route.replace(idParam[0], id.text);
      d.features.push(id.feature);
    }
    const s = routeSpelling(rng, route);
    d.path = s.target;
    d.queryJoin = s.queryJoin;
    d.features.push(s.feature);
    chooseMethod(rng, op, d);
    fillParams(rng, op, d);
    if (rng.chance(0.1)) {
      const g = globalParam(rng);
      d.query.push(g.pair);
      d.features.push(g.feature);
    }
  }
  addAuth(rng, d);
  if (rng.chance(0.05)) {
    d.headers.push(['Origin', rng.pick(['http://example.com', 'null', '{{site:url}}'])]);
    d.features.push('header:origin');
  }
  return d;
}

function toProbe(index: number, d: Draft): Probe {
  const headers = [...d.headers];
  if (d.cookies.length > 0) headers.push(['Cookie', d.cookies.join('; ')]);
  const query = d.query.join('&');
  const target = query === '' ? d.path : `${d.path}${d.queryJoin}${query}`;
  return { index, route: d.route, features: [...new Set(d.features)].sort(), method: d.method, target, headers, body: d.body, caller: d.caller };
}

/** `count` probes from `seed` over the operations of `spec`. */
export function generateProbes(spec: SpecModel, seed: number, count: number): Probe[] {
  if (spec.operations.length === 0) return [];
  const rng = new Rng(seed);
  const out: Probe[] = [];
  while (out.length < count) {
    const probe = toProbe(out.length, draftFor(rng, spec));
    if (isSafe(probe)) out.push(probe);
  }
  return out;
}

