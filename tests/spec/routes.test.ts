/**
 * The spec's routes, methods and statuses against the reference (`aam-jwt-api-6.9.md` §2, status table §2.12),
 * checked both ways: a row missing from the spec fails, and so does a status the table does not know.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithTable, PUBLIC_ROUTE_ROWS_6X, registerRouteTableTests, routeKey } from './route-table.js';
import type { RouteRow } from './route-table.js';
import { getAt, isObject, loadSpec, pointerOf } from './spec-document.js';
import type { JsonObject } from './spec-document.js';

/**
 * Transcribed from the reference. Every route also answers 400 `rest_invalid_json` to a malformed JSON body
 * (§1.1, §2.12 "any | bad JSON"). `service/jwt*` routes answer 401/403 (§2.1). Not listed on purpose:
 * 500 on list (the handler has no try/catch, §2.1 — a failure would be a PHP fatal page, not an API answer) and
 * 404 `rest_no_route`, which no request matching one of these operations can produce.
 */
const ROUTES: readonly RouteRow[] = [
  { path: '/aam/v2/service/jwt', method: 'get', operationId: 'listTokens', statuses: [200, 400, 401, 403], secured: true, deprecated: false },
  { path: '/aam/v2/service/jwt', method: 'post', operationId: 'createToken', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false },
  { path: '/aam/v2/service/jwt/{id}', method: 'get', operationId: 'getToken', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false },
  { path: '/aam/v2/service/jwt/{id}', method: 'delete', operationId: 'deleteToken', statuses: [200, 400, 401, 403, 404, 500], secured: true, deprecated: false },
  { path: '/aam/v2/service/jwt/reset', method: 'post', operationId: 'resetTokens', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false },
  { path: '/aam/v2/service/jwt/reset', method: 'put', operationId: 'resetTokensPut', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false },
  { path: '/aam/v2/service/jwt/reset', method: 'patch', operationId: 'resetTokensPatch', statuses: [200, 400, 401, 403, 500], secured: true, deprecated: false },
  ...PUBLIC_ROUTE_ROWS_6X,
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

test('bearerJwt is an HTTP bearer scheme with JWT format', () => {
  const schemes = isObject(doc['components']) ? doc['components']['securitySchemes'] : undefined;
  assert.ok(isObject(schemes));
  assert.deepEqual(
    { ...(schemes['bearerJwt'] as object), description: undefined },
    { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: undefined },
  );
});
