/** AAM 6.9.51's route map and catalogue: the map matches routes as WordPress does, every route is hit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUE_6951 } from './aam-6.9.51/catalogue.js';
import { routeOf6951, tokenIdOf } from './aam-6.9.51/routes.js';
import { ROUTES, type ProxiedRequest, type Route } from './exchange.js';

const req = (method: string, url: string, headers: Record<string, string> = {}): ProxiedRequest => ({ method, url, headers, body: '' });

const ROUTE_CASES: readonly [ProxiedRequest, Route | undefined][] = [
  [req('GET', '/wp-json/aam/v2/service/jwts?user_id=3'), 'listTokens'],
  [req('POST', '/wp-json/AAM/V2/SERVICE/JWTS/'), 'createToken'],
  [req('DELETE', '/wp-json/aam/v2/service/jwts'), 'resetTokens'],
  [req('POST', '/wp-json/aam/v2/service/jwts?_method=DELETE'), 'resetTokens'],
  [req('POST', '/wp-json/aam/v2/service/jwts', { 'x-http-method-override': 'DELETE' }), 'resetTokens'],
  [req('PUT', '/wp-json/aam/v2/service/jwts'), undefined],
  [req('GET', '/wp-json/aam/v2/service/jwt/0b6e4c1d-2a3f'), 'getToken'],
  [req('DELETE', '/wp-json/aam/v2/service/jwt/reset'), 'deleteToken'],
  [req('POST', '/wp-json/aam/v2/service/jwt/reset'), undefined],
  [req('GET', '/wp-json/aam/v2/service/jwt'), undefined],
  [req('GET', '/wp-json/aam/v2/service/jwt/not_valid'), undefined],
  [req('POST', '/wp-json/aam/v2/jwt/validate'), 'validateToken'],
  [req('POST', '/wp-json/aam/v1/authenticate'), 'authenticateV1'],
  [req('GET', '/wp-admin/admin-ajax.php?action=rest-nonce'), 'getRestNonce'],
  [req('GET', '/aam-contract-signed-url?aam-jwt=x&redirect_to=/wp-json/'), 'signedUrlLogin'],
  [req('GET', '/wp-json/aam/v2/service/jwts?aam-jwt=x'), 'listTokens'],
];

for (const [request, route] of ROUTE_CASES) {
  test(`routeOf6951: ${request.method} ${request.url} → ${route ?? 'no route'}`, () => {
    assert.equal(routeOf6951(request), route);
  });
}

test('tokenIdOf: the path id, or the query-string id that wins over it', () => {
  assert.equal(tokenIdOf(req('GET', '/wp-json/aam/v2/service/jwt/abc-1/?user_id=3')), 'abc-1');
  assert.equal(tokenIdOf(req('GET', '/wp-json/aam/v2/service/jwt/abc-1?id=def-2')), 'def-2');
});

test('the 6.9.51 catalogue: unique ids, at least 25 faults, every route of the API (REST, admin-ajax, signed URL) hit by some fault', () => {
  const ids = CATALOGUE_6951.faults.map((fault) => fault.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.length >= 25);
  const hit = new Set(CATALOGUE_6951.faults.flatMap((fault) => fault.routes));
  assert.deepEqual(ROUTES.filter((route) => !hit.has(route)), []);
});
