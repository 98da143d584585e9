/**
 * The spec's routes, methods and statuses against the reference (`aam-jwt-api-6.9.md` §2, status table §2.12),
 * checked both ways: a row missing from the spec fails, and so does a status the table does not know.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithTable, COOKIE_ROUTE_ROWS_6X, registerRouteTableTests, routeKey, SERVICE_SECURITY_6X } from './route-table.js';
import type { RouteRow } from './route-table.js';
import { getAt, isObject, listOperations, loadSpec, pointerOf } from './spec-document.js';
import type { JsonObject } from './spec-document.js';

const SERVICE = SERVICE_SECURITY_6X;

/**
 * Transcribed from the reference. Every route also answers 400 `rest_invalid_json` to a malformed JSON body
 * (§1.1, §2.12 "any | bad JSON"). `service/jwt*` routes answer 401/403 (§2.1). Every REST route answers 403
 * `rest_cookie_invalid_nonce` to a wrong WordPress nonce (wp-cookie-auth.md; measured on every route). The
 * legacy login dies (500) on `refreshableJWT` for a user lacking the capability (measured). Not listed on
 * purpose: 500 on list (the handler has no try/catch, §2.1 — a failure would be a PHP fatal page, not an API
 * answer) and 404 `rest_no_route`, which no request matching one of these operations can produce. The last two
 * rows are not REST routes (admin-ajax and the signed-URL login, on the site itself).
 */
const ROUTES: readonly RouteRow[] = [
  { path: '/aam/v2/service/jwt', method: 'get', operationId: 'listTokens', statuses: [200, 400, 401, 403], secured: true, deprecated: false, security: SERVICE },
  { path: '/aam/v2/service/jwt', method: 'post', operationId: 'createToken', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false, security: SERVICE },
  { path: '/aam/v2/service/jwt/{id}', method: 'get', operationId: 'getToken', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false, security: SERVICE },
  { path: '/aam/v2/service/jwt/{id}', method: 'delete', operationId: 'deleteToken', statuses: [200, 400, 401, 403, 404, 500], secured: true, deprecated: false, security: SERVICE },
  { path: '/aam/v2/service/jwt/reset', method: 'post', operationId: 'resetTokens', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false, security: SERVICE },
  { path: '/aam/v2/service/jwt/reset', method: 'put', operationId: 'resetTokensPut', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false, security: SERVICE },
  { path: '/aam/v2/service/jwt/reset', method: 'patch', operationId: 'resetTokensPatch', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false, security: SERVICE },
  ...COOKIE_ROUTE_ROWS_6X,
];

const doc = loadSpec();
const key = routeKey;

registerRouteTableTests(doc, ROUTES, 'AAM 6.9.32');

test('removing a documented status or adding an unknown one is detected', () => {
  const mutated = structuredClone(doc);
  const responsesAt = (path: string, method: string): JsonObject => {
    const responses = getAt(mutated, pointerOf(['paths', path, method, 'responses']));
    assert.ok(isObject(responses));
    return responses;
  };
  delete responsesAt('/aam/v2/service/jwt/{id}', 'delete')['404'];
  delete responsesAt('/aam/v2/service/jwt/reset', 'patch')['200'];
  responsesAt('/aam/v2/service/jwt', 'get')['500'] = { description: 'not in the reference' };
  assert.deepEqual(compareWithTable(mutated, ROUTES), {
    missing: [key('/aam/v2/service/jwt/{id}', 'delete', 404), key('/aam/v2/service/jwt/reset', 'patch', 200)],
    extra: [key('/aam/v2/service/jwt', 'get', 500)],
  });
});

test('the server URL is {siteUrl}/wp-json with a siteUrl variable', () => {
  const servers = doc['servers'];
  assert.ok(Array.isArray(servers) && isObject(servers[0]));
  const server = servers[0];
  assert.equal(server['url'], '{siteUrl}/wp-json');
  assert.ok(isObject(server['variables']) && isObject(server['variables']['siteUrl']));
});

test('WordPress cookie authentication: the logged-in cookie and the X-WP-Nonce header', () => {
  const schemes = isObject(doc['components']) ? doc['components']['securitySchemes'] : undefined;
  assert.ok(isObject(schemes));
  const strip = (scheme: unknown): unknown => ({ ...(scheme as object), description: undefined });
  assert.deepEqual(strip(schemes['wpCookie']), { type: 'apiKey', in: 'cookie', name: 'wordpress_logged_in_{COOKIEHASH}', description: undefined });
  assert.deepEqual(strip(schemes['wpNonce']), { type: 'apiKey', in: 'header', name: 'X-WP-Nonce', description: undefined });
});

test('the rule "a valid cookie without a nonce overrides the bearer" is stated where a reader looks', () => {
  const operations = listOperations(doc);
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const info = isObject(doc['info']) ? doc['info'] : {};
  const schemes = isObject(doc['components']) && isObject(doc['components']['securitySchemes']) ? doc['components']['securitySchemes'] : {};
  const responses = isObject(doc['components']) && isObject(doc['components']['responses']) ? doc['components']['responses'] : {};
  const op = (id: string): string => text(operations.find((o) => o.operation['operationId'] === id)?.operation['description']);
  assert.match(text(info['description']), /cookies win over the bearer/i);
  assert.match(text(isObject(schemes['bearerJwt']) ? schemes['bearerJwt']['description'] : ''), /not a fallback/);
  assert.match(text(isObject(responses['Unauthorized']) ? responses['Unauthorized']['description'] : ''), /whatever bearer/);
  assert.match(op('authenticateV1'), /always sets WordPress' login cookies/);
  assert.match(op('authenticateV1'), /every bearer-authenticated call answers 401/);
  assert.match(op('authenticate'), /loses its bearer/);
  for (const id of ['listTokens', 'createToken', 'getToken', 'deleteToken', 'resetTokens', 'resetTokensPut', 'resetTokensPatch']) {
    assert.match(op(id), /401 even with a valid bearer/, id);
  }
});

test('bearerJwt is an HTTP bearer scheme with JWT format', () => {
  const schemes = isObject(doc['components']) ? doc['components']['securitySchemes'] : undefined;
  assert.ok(isObject(schemes));
  assert.deepEqual(
    { ...(schemes['bearerJwt'] as object), description: undefined },
    { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: undefined },
  );
});
