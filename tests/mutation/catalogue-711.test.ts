/**
 * AAM 7.1.1's fault catalogue is well formed (ids, descriptions, known routes, every route hit, no accepted
 * survivors), and its route map matches requests the way WordPress does on a 7.1.1 site. Whether each fault is
 * killed is kill-rate.test.ts's job.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUE_711 } from './aam-7.1.1/catalogue.js';
import { ROUTES_711, routeOf711 } from './aam-7.1.1/routes.js';
import { catalogueOf } from './catalogue.js';
import type { ProxiedRequest } from './exchange.js';

const { faults } = CATALOGUE_711;

test('7.1.1: the catalogue is the one CATALOGUES names', () => {
  assert.equal(catalogueOf('7.1.1'), CATALOGUE_711);
  assert.deepEqual(CATALOGUE_711.acceptedSurvivors, {});
});

test('7.1.1: at least 25 faults with unique kebab-case ids, one-line descriptions and known routes', () => {
  assert.ok(faults.length >= 25, `only ${faults.length} faults`);
  assert.equal(new Set(faults.map((f) => f.id)).size, faults.length, 'duplicate ids');
  for (const fault of faults) {
    assert.match(fault.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, fault.id);
    assert.ok(fault.description.length > 10 && !fault.description.includes('\n'), `${fault.id}: description`);
    assert.ok(fault.routes.length > 0, `${fault.id}: no route`);
    for (const route of fault.routes) assert.ok((ROUTES_711 as readonly string[]).includes(route), `${fault.id}: unknown route ${route}`);
  }
});

test('7.1.1: every route of the API is hit by at least one fault', () => {
  const hit = new Set<string>(faults.flatMap((f) => f.routes));
  assert.deepEqual(ROUTES_711.filter((route) => !hit.has(route)), []);
});

const req = (method: string, url: string, headers: Record<string, string> = {}): ProxiedRequest => ({ method, url, headers, body: '' });
const ROUTE_CASES: ReadonlyArray<readonly [ProxiedRequest, string | undefined]> = [
  [req('GET', '/wp-json/aam/v2/jwts?user_id=4'), 'listTokens'],
  [req('POST', '/wp-json/AAM/V2/JWTS/'), 'createToken'],
  [req('DELETE', '/wp-json/aam/v2/jwts'), 'resetTokens'],
  [req('PUT', '/wp-json/aam/v2/jwts'), undefined],
  [req('GET', '/wp-json/aam/v2/jwt/00000000-0000-0000-0000-000000000000'), 'getToken'],
  [req('POST', '/wp-json/aam/v2/jwt/abc?_method=DELETE'), 'deleteToken'],
  [req('POST', '/wp-json/aam/v2/jwt/abc', { 'x-http-method-override': 'DELETE' }), 'deleteToken'],
  [req('PATCH', '/wp-json/aam/v2/jwt/abc'), 'refreshTokenById'],
  [req('PUT', '/wp-json/aam/v2/jwt/validate'), 'validateToken'],
  [req('POST', '/wp-json/aam/v2/jwt/refresh'), 'refreshToken'],
  [req('PATCH', '/wp-json/aam/v2/jwt/revoke'), 'revokeToken'],
  [req('GET', '/wp-json/aam/v2/jwt/validate'), 'getToken'],
  [req('DELETE', '/wp-json/aam/v2/jwt/refresh'), 'deleteToken'],
  [req('POST', '/wp-json/aam/v2/authenticate'), 'authenticate'],
  [req('GET', '/wp-json/aam/v2/authenticate'), undefined],
  [req('GET', '/wp-json/aam/v2/jwt/abc.def'), undefined],
  [req('GET', '/wp-json/aam/v2/service/jwts'), undefined],
  [req('GET', '/wp-admin/admin-ajax.php?action=rest-nonce'), 'getRestNonce'],
];

test('7.1.1: routeOf matches routes as WordPress does for a token manager (case, trailing slash, overrides, /jwt/validate with GET)', () => {
  for (const [request, route] of ROUTE_CASES) assert.equal(routeOf711(request), route, `${request.method} ${request.url}`);
});
