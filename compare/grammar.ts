/**
 * The WordPress/PHP input space the generator draws from: PHP-ish values per parameter kind, path
 * spellings, method overrides, WordPress' global parameters, body encodings and auth variants.
 * Pure data and small pickers; `generate.ts` composes them.
 */
import type { Rng } from './rng.js';
import { Ref } from './values.js';
import type { Value } from './values.js';

/** Tokens owned by the throw-away target user (the only ones a request may revoke, refresh or log in with). */
export const TARGET_TOKENS = ['target', 't-refresh', 't-plain', 't-norevoke', 't-expired', 'last'] as const;
/** Tokens that may authenticate a request (Authorization etc.). */
export const CALLER_TOKENS = ['admin', 'manager', 'subscriber', ...TARGET_TOKENS] as const;

const tok = (name: string, o: { prefix?: string; suffix?: string } = {}): Ref => new Ref('token', name, o);
const user = (name: string, o: { raw?: boolean; prefix?: string; suffix?: string } = {}): Ref => new Ref('user', name, o);

/** Values PHP and WordPress treat in interesting ways, whatever the parameter. */
const GENERIC: readonly Value[] = [
  '', ' ', '0', '1', '-1', 'null', 'true', 'false', 'Array', '0x1A', '1e3', ' 1', '1 ', '%', 'é', '\u00e9\u4e2d', 'a'.repeat(300),
  0, 1, -1, 1.5, 1e25, 9223372036854775807, null, true, false, [], {}, ['a'], { a: 'b' }, [[]], { '0': 1 },
];

const BOOLEANS: readonly Value[] = [true, false, 'true', 'false', 'TRUE', 'False', '1', '0', 1, 0, 2, 'yes', 'on', '', null, [], {}, 1.0, '1.0', ' true'];

const USER_IDS: readonly Value[] = [
  user('target', { raw: true }), user('target'), user('target', { prefix: ' ' }), user('target', { suffix: 'abc' }),
  user('target', { prefix: '+' }), user('target', { suffix: '.0' }), user('target', { raw: true, suffix: '.0' }),
  0, '0', 999999, '999999', -1, 'abc', '', null, [], {}, '0x1', ' ', '-0', 'x1',
];

const FIELDS: readonly Value[] = [
  'id', 'id,is_valid', 'id, is_valid', 'id,is_valid,claims,signed_url,error', 'token', 'claims', 'signed_url', 'error', 'is_valid,id',
  '', ',', 'id,,id', 'bad!field', 'Bad', 'ID', 'id,unknown', 'id,token,token', ['id'], { a: 'id' }, 1, true, null,
];

const EXPIRES_IN: readonly Value[] = [
  '+1 hour', '+2 hours', '-1 hour', '+1 day', '3600', 3600, '+1 week 2 days', 'tomorrow', 'next monday', 'now', '+0 seconds',
  'not a date', '', '@1900000000', '+1 hour UTC', '1 hour', 'P1D', ['+1 hour'], null, true, 1.5, '+1 month',
];

const EXPIRES_AT: readonly Value[] = [
  '2035-01-01', '2035-01-01 00:00:00', '2035-01-01T00:00:00Z', '2035-01-01T00:00:00+02:00', '2001-01-01', 'yesterday', '+1 hour',
  'not a date', '', '@1900000000', 1900000000, '1900000000', null, ['2035-01-01'], true, '2035-13-45',
];

const CLAIMS: readonly Value[] = [
  {}, { department: 'sales' }, { a: 1, b: [1, 2], c: { d: null } }, { n: 1.5, big: 12345678901234567890, neg: -0.0 }, [],
  ['x', 'y'], 'string', '{"a":1}', { exp: 1 }, { iss: 'x' }, { jti: 'x' }, { userId: 1 }, { iat: 'a' }, { refreshable: true },
  { revocable: false }, { 'key with space': 'é/\\"' }, { '': 'empty key' }, { 10: 'int key', a: 'b' }, null, 1, true,
];

const JWTS: readonly Value[] = [
  ...TARGET_TOKENS.map((n) => tok(n)), tok('t-plain', { suffix: 'x' }), tok('t-refresh', { prefix: 'Bearer ' }),
  tok('t-plain', { prefix: ' ' }), tok('t-plain', { suffix: '.x' }),
  '', 'garbage', 'a.b.c', 'a.b', 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJ1c2VySWQiOjF9.', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.AAAA',
  '...', null, 1, true, [], ['x'], { a: 1 },
];

const USERNAMES: readonly Value[] = [
  new Ref('login', 'target'), new Ref('email', 'target'), new Ref('login', 'subscriber'), new Ref('login', 'admin'),
  new Ref('login', 'target', { prefix: ' ' }), 'nobody', '', 'JWT-TARGET', 'jwt-target ', ['x'], null, 1, '<b>x</b>',
];

const PASSWORDS: readonly Value[] = [new Ref('password', 'target'), new Ref('password', 'target'), 'wrong', '', ['x'], null, 1, ' '];

const REDIRECTS: readonly Value[] = [
  '', '0', '/wp-admin/', '/x?y=1', new Ref('site', 'url', { suffix: '/shop/' }), 'http://evil.example/', '//evil.example/',
  ' /path', 'javascript:alert(1)', 'wp-admin', null, [], 1, true,
];

const STRINGS: readonly Value[] = ['abc', 'ABC-def', 'x y', 'é', '../', 'a'.repeat(40)];

/** A value for a parameter, by name first (AAM's names), then by schema type. */
export function valueFor(rng: Rng, name: string, type: string, samples: readonly unknown[]): Value {
  if (name !== 'user_id' && rng.chance(0.12)) return rng.pick(GENERIC);
  const byName: Readonly<Record<string, readonly Value[]>> = {
    user_id: USER_IDS, fields: FIELDS, expires_in: EXPIRES_IN, expires_at: EXPIRES_AT, additional_claims: CLAIMS,
    jwt: JWTS, username: USERNAMES, password: PASSWORDS, redirect: REDIRECTS,
  };
  const pool = byName[name];
  if (pool) return rng.pick(pool);
  if (type === 'boolean') return rng.pick(BOOLEANS);
  if (type === 'integer' || type === 'number') return rng.pick(USER_IDS);
  if (type === 'object') return rng.pick(CLAIMS);
  const plain = samples.filter((s): s is string => typeof s === 'string');
  return rng.pick<Value>([...plain, ...STRINGS]);
}

/** A value for a `{id}`-like path segment (text, already URL-safe unless the feature says otherwise). */
export function pathId(rng: Rng): { text: string; feature: string } {
  return rng.weighted<{ text: string; feature: string }>([
    [6, { text: `{{u:jti:${rng.pick(TARGET_TOKENS)}}}`, feature: 'id:named' }],
    [2, { text: rng.uuid(), feature: 'id:unknown-uuid' }],
    [1, { text: '{{u:jtiupper:t-plain}}', feature: 'id:upper' }],
    [1, { text: rng.pick(['reset', 'abc', '123', 'a-b-c', '0', '-', 'x_y', 'x.y', '%20', 'é', 'A'.repeat(80)]), feature: 'id:odd' }],
  ]);
}

/** Spellings of a REST route: `[path and query prefix, feature]`; `route` starts with `/`. */
export function routeSpelling(rng: Rng, route: string): { target: string; feature: string; queryJoin: string } {
  const upper = (s: string): string => s.replace(/[a-z]+/g, (w) => (rng.chance(0.5) ? w.toUpperCase() : w));
  const encodeOne = (s: string): string => {
    const letters = [...s.matchAll(/[a-z]/g)];
    if (letters.length === 0) return s;
    const m = rng.pick(letters);
    const i = m.index ?? 0;
    return `${s.slice(0, i)}%${(s.charCodeAt(i)).toString(16).toUpperCase()}${s.slice(i + 1)}`;
  };
  const variants: [number, { target: string; feature: string; queryJoin: string }][] = [
    [40, { target: `/wp-json${route}`, feature: 'path:canonical', queryJoin: '?' }],
    [5, { target: `/wp-json${route}/`, feature: 'path:trailing-slash', queryJoin: '?' }],
    [3, { target: `/wp-json${route}//`, feature: 'path:trailing-slashes', queryJoin: '?' }],
    [3, { target: `/wp-json/${route}`, feature: 'path:double-slash', queryJoin: '?' }],
    [3, { target: `/wp-json${route.replace(/\/(?=[^/]*$)/, '//')}`, feature: 'path:inner-double-slash', queryJoin: '?' }],
    [5, { target: `/wp-json${upper(route)}`, feature: 'path:case', queryJoin: '?' }],
    [2, { target: `/WP-JSON${route}`, feature: 'path:prefix-case', queryJoin: '?' }],
    [3, { target: `/wp-json${encodeOne(route)}`, feature: 'path:percent-letter', queryJoin: '?' }],
    [2, { target: `/wp-json${route.replaceAll('/', '%2F')}`, feature: 'path:percent-slash', queryJoin: '?' }],
    [6, { target: `/?rest_route=${route}`, feature: 'path:rest_route', queryJoin: '&' }],
    [3, { target: `/index.php?rest_route=${encodeURIComponent(route)}`, feature: 'path:rest_route-encoded', queryJoin: '&' }],
    [2, { target: `/?rest_route=${upper(route)}/`, feature: 'path:rest_route-case', queryJoin: '&' }],
    [2, { target: `/index.php/wp-json${route}`, feature: 'path:index-php', queryJoin: '?' }],
    [1, { target: `/wp-json${route}/.`, feature: 'path:dot-segment', queryJoin: '?' }],
    [1, { target: `/wp-json${route}%20`, feature: 'path:trailing-space', queryJoin: '?' }],
  ];
  return rng.weighted(variants);
}

/** WordPress' global query parameters (and their odd spellings). */
export function globalParam(rng: Rng): { pair: string; feature: string } {
  return rng.pick([
    { pair: '_envelope', feature: 'global:_envelope' },
    { pair: '_envelope=1', feature: 'global:_envelope' },
    { pair: `_fields=${rng.pick(['id', 'token', 'id,token', 'code,message', 'user.data.ID', 'jwt', 'data', ''])}`, feature: 'global:_fields' },
    { pair: `_jsonp=${rng.pick(['cb', 'a.b', 'x y', '1', ''])}`, feature: 'global:_jsonp' },
    { pair: `context=${rng.pick(['view', 'edit', 'embed', 'x'])}`, feature: 'global:context' },
    { pair: '_embed', feature: 'global:_embed' },
    { pair: `_locale=${rng.pick(['user', 'fr_FR'])}`, feature: 'global:_locale' },
    { pair: `page=${rng.pick(['2', 'x'])}`, feature: 'global:page' },
    { pair: '_pretty=1', feature: 'global:_pretty' },
  ]);
}

/** A malformed body for a JSON content type. */
export function malformedJson(rng: Rng): { body: string; feature: string } {
  return rng.pick([
    { body: '{', feature: 'json:truncated' }, { body: '{"a":1,}', feature: 'json:trailing-comma' }, { body: "{'a':1}", feature: 'json:single-quotes' },
    { body: '\ufeff{"a":1}', feature: 'json:bom' }, { body: 'null', feature: 'json:null' }, { body: '0', feature: 'json:zero' },
    { body: '"str"', feature: 'json:string' }, { body: '[1,2]', feature: 'json:list' }, { body: '{"a":1}{"b":2}', feature: 'json:two-values' },
    { body: '{"a":"\\ud800"}', feature: 'json:lone-surrogate' }, { body: '{"a":"\u0001"}', feature: 'json:control-char' },
    { body: `${'['.repeat(600)}${']'.repeat(600)}`, feature: 'json:deep' }, { body: '{"a":1e999}', feature: 'json:inf' },
    { body: '{"a":01}', feature: 'json:leading-zero' }, { body: ' ', feature: 'json:space' }, { body: '{"a":1} ', feature: 'json:trailing-space' },
    { body: '{"user_id":1,"user_id":2}'.replace(/1|2/g, '{{r:user:target}}'), feature: 'json:duplicate-keys' }, { body: '\xff\xfe', feature: 'json:invalid-utf8' },
    { body: 'true', feature: 'json:true' }, { body: '{"":1}', feature: 'json:empty-key' }, { body: '{"a":NaN}', feature: 'json:nan' },
  ]);
}

export const JSON_TYPES: readonly [string, string][] = [
  ['application/json', 'ct:json'], ['application/json; charset=UTF-8', 'ct:json-charset'], ['Application/JSON', 'ct:json-case'],
  ['application/vnd.api+json', 'ct:json-suffix'], ['text/json', 'ct:text-json'], ['application/json;charset=latin1', 'ct:json-latin1'],
];

/** How a bearer token travels: `[feature, headers, query pair, cookie]`. */
export function authVariant(rng: Rng, name: string): { feature: string; headers: [string, string][]; query?: string; cookie?: string; formField?: string } {
  const t = `{{token:${name}}}`;
  return rng.weighted<{ feature: string; headers: [string, string][]; query?: string; cookie?: string; formField?: string }>([
    [60, { feature: 'auth:bearer', headers: [['Authorization', `Bearer ${t}`]] }],
    [3, { feature: 'auth:bearer-lower', headers: [['Authorization', `bearer ${t}`]] }],
    [3, { feature: 'auth:bare', headers: [['Authorization', t]] }],
    [2, { feature: 'auth:double-space', headers: [['Authorization', `Bearer  ${t}`]] }],
    [2, { feature: 'auth:trailing-junk', headers: [['Authorization', `Bearer ${t}x`]] }],
    [3, { feature: 'auth:authentication-header', headers: [['Authentication', `Bearer ${t}`]] }],
    [2, { feature: 'auth:both-headers', headers: [['Authorization', 'Bearer garbage'], ['Authentication', `Bearer ${t}`]] }],
    [2, { feature: 'auth:basic', headers: [['Authorization', 'Basic YWRtaW46eA==']] }],
    [3, { feature: 'auth:cookie', headers: [], cookie: `aam_jwt_token=${t}` }],
    [2, { feature: 'auth:form-field', headers: [], formField: t }],
    [2, { feature: 'auth:wp-cookie-garbage', headers: [['X-WP-Nonce', 'abc']], cookie: 'wordpress_logged_in_x=admin%7C1%7Cx%7Cy' }],
  ]);
}
