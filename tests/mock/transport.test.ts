import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSite } from './helpers.js';
import type { TestSite } from './helpers.js';
import type { BearerConfig } from '../../mock/index.js';

const J = '/wp-json/aam/v2/service/jwt';
let site: TestSite;
let admin: string;
before(async () => {
  site = await openSite();
  admin = site.mock.issueToken('admin');
});
after(() => site.close());

const variants: [string, () => { path?: string; headers?: Record<string, string>; form?: Record<string, string> }, number][] = [
  ['testTokenBearerStandardHeader: Authorization: Bearer', () => ({ headers: { Authorization: `Bearer ${admin}` } }), 200],
  ['Authorization without prefix', () => ({ headers: { Authorization: admin } }), 200],
  ['lower-case "bearer " fails', () => ({ headers: { Authorization: `bearer ${admin}` } }), 401],
  ['two spaces fail', () => ({ headers: { Authorization: `Bearer  ${admin}` } }), 401],
  ['Authentication header (HTTP_AUTHENTICATION)', () => ({ headers: { Authentication: `Bearer ${admin}` } }), 200],
  ['testTokenBearerStandardPostParam: form aam-jwt', () => ({ path: '/wp-json/aam/v2/service/jwt/reset', form: { 'aam-jwt': admin } }), 500],
  ['testTokenBearerStandardCookie: aam_jwt_token', () => ({ headers: { Cookie: `aam_jwt_token=${admin}` } }), 200],
  ['cookie value with Bearer prefix', () => ({ headers: { Cookie: `aam_jwt_token=Bearer%20${admin}` } }), 200],
  ['first non-empty value wins even if invalid', () => ({ headers: { Authorization: 'junk', Cookie: `aam_jwt_token=${admin}` } }), 401],
  ['garbage token stays anonymous', () => ({ headers: { Authorization: 'Bearer a.b.c' } }), 401],
];
for (const [name, make, status] of variants) {
  test(`transport: ${name} → ${status}`, async () => {
    const v = make();
    const r = await site.call(v.form ? 'POST' : 'GET', v.path ?? J, { headers: v.headers, form: v.form });
    assert.equal(r.status, status, r.body);
  });
}

test('testTokenBearerStandardQueryParam: ?aam-jwt= logs in and redirects (302) on any URL', async () => {
  for (const path of [`/?aam-jwt=${admin}`, `${J}?aam-jwt=${admin}`]) {
    const r = await site.call('GET', path);
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), 'http://127.0.0.1:8080/wp-admin/');
    assert.equal(r.headers.getSetCookie().length, 3);
  }
  const to = await site.call('GET', `/?aam-jwt=${admin}&redirect_to=${encodeURIComponent('http://127.0.0.1:8080/welcome')}`);
  assert.equal(to.headers.get('location'), 'http://127.0.0.1:8080/welcome');
  const off = await site.call('GET', `/?aam-jwt=${admin}&redirect_to=${encodeURIComponent('https://evil.example/')}`);
  assert.equal(off.headers.get('location'), 'http://127.0.0.1:8080/wp-admin/');
});

test('an invalid query token is ignored (request continues anonymously)', async () => {
  assert.equal((await site.call('GET', `${J}?aam-jwt=bad`)).status, 401);
});

test('testRevokedValidToken: a revoked token no longer authenticates', async () => {
  const t = site.mock.issueToken('admin');
  assert.equal((await site.call('GET', J, { token: t })).status, 200);
  await site.call('POST', '/wp-json/aam/v2/jwt/revoke', { json: { jwt: t } });
  assert.equal((await site.call('GET', J, { token: t })).status, 401);
});

test('expired token with the clock moved forward → anonymous', async () => {
  const s = await openSite({ ttl: 60 });
  const t = s.mock.issueToken('admin');
  assert.equal((await s.call('GET', J, { token: t })).status, 200);
  s.clock.seconds += 60;
  assert.equal((await s.call('GET', J, { token: t })).status, 401);
  await s.close();
});

const custom: [string, Partial<BearerConfig>, (t: string) => { path: string; headers?: Record<string, string>; form?: Record<string, string> }][] = [
  ['testTokenBearerCustomHeader: X-JWT', { methods: 'header', headerName: 'HTTP_X_JWT' }, (t) => ({ path: J, headers: { 'X-JWT': t } })],
  ['testTokenBearerCustomQueryParam: jwt', { methods: 'query_param', queryParamName: 'jwt' }, (t) => ({ path: `/?jwt=${t}` })],
  ['testTokenBearerCustomPostParam: jwt', { methods: 'post_param', postParamName: 'jwt' }, (t) => ({ path: `${J}/reset`, form: { jwt: t } })],
  ['testTokenBearerCustomCookie: jwt_cookie', { methods: 'cookie', cookieName: 'jwt_cookie' }, (t) => ({ path: J, headers: { Cookie: `jwt_cookie=${t}` } })],
  ['testTokenBearerWaterfall: header,cookie with only a cookie', { methods: 'header,cookie' }, (t) => ({ path: J, headers: { Cookie: `aam_jwt_token=${t}` } })],
];
for (const [name, bearer, make] of custom) {
  test(`transport config: ${name}`, async () => {
    const s = await openSite({ bearer });
    const v = make(s.mock.issueToken('admin'));
    const r = await s.call(v.form ? 'POST' : 'GET', v.path, { headers: v.headers, form: v.form });
    assert.notEqual(r.status, 401, r.body);
    assert.ok([200, 302, 500].includes(r.status));
    await s.close();
  });
}
