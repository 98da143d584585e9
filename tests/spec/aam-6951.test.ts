/**
 * AAM 6.9.51's spec (the 6.9.33–6.9.51 generation): its routes, methods and statuses as observed on the real
 * site, the structure checks every generation gets, every example against its schema, Redocly's recommended
 * ruleset, and the quirks its descriptions must state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './redocly-lint.js';
import { COOKIE_ROUTE_ROWS_6X, registerRouteTableTests, SERVICE_SECURITY_6X } from './route-table.js';
import type { RouteRow } from './route-table.js';
import { isObject, listOperations, loadSpec, specFileOf } from './spec-document.js';
import { registerExampleTests } from './spec-examples.js';
import { registerStructureTests } from './structure-checks.js';

const FILE = specFileOf('aam-6.9.51');
const doc = loadSpec(FILE);

/**
 * Observed on a real WordPress 6.1.9 + AAM 6.9.51 site (transcripts-6.9.51.md and the contract run). Every route
 * also answers 400 `rest_invalid_json` to a malformed JSON body; the token-management routes 400 to a `user_id`
 * that is not an integer (and list/get/create to a bad `fields` item), 401 anonymously, 403 without the
 * capabilities; every REST route 403 `rest_cookie_invalid_nonce` to a wrong WordPress nonce, and the legacy
 * login 500 on a `refreshableJWT` it may not grant (measured). Not listed: 404 `rest_no_route`, which no request
 * matching one of these operations produces. The last two rows are on the site itself (admin-ajax, signed URL).
 */
const ROUTES: readonly RouteRow[] = [
  { path: '/aam/v2/service/jwts', method: 'get', operationId: 'listTokens', statuses: [200, 400, 401, 403], secured: true, deprecated: false, security: SERVICE_SECURITY_6X },
  { path: '/aam/v2/service/jwts', method: 'post', operationId: 'createToken', statuses: [200, 400, 401, 403, 500, 507], secured: true, deprecated: false, security: SERVICE_SECURITY_6X },
  { path: '/aam/v2/service/jwts', method: 'delete', operationId: 'resetTokens', statuses: [200, 400, 401, 403, 507], secured: true, deprecated: false, security: SERVICE_SECURITY_6X },
  { path: '/aam/v2/service/jwt/{id}', method: 'get', operationId: 'getToken', statuses: [200, 400, 401, 403, 404], secured: true, deprecated: false, security: SERVICE_SECURITY_6X },
  { path: '/aam/v2/service/jwt/{id}', method: 'delete', operationId: 'deleteToken', statuses: [200, 400, 401, 403, 404, 507], secured: true, deprecated: false, security: SERVICE_SECURITY_6X },
  ...COOKIE_ROUTE_ROWS_6X,
];

registerRouteTableTests(doc, ROUTES, 'AAM 6.9.51');
registerStructureTests(doc, 'AAM 6.9.51');

registerExampleTests(doc, 'AAM 6.9.51', { headers: false });

test('AAM 6.9.51: redocly lint (recommended) reports no errors and no warnings', async () => {
  assert.deepEqual(await lint(FILE), []);
});

test('AAM 6.9.51: the title names the generation and the version is 6.9.51', () => {
  const info = isObject(doc['info']) ? doc['info'] : {};
  assert.equal(info['title'], 'AAM JWT token API (Advanced Access Manager 6.9.33–6.9.51)');
  assert.equal(info['version'], '6.9.51');
});

test('AAM 6.9.51: the token-management operations document the 6.9.51 quirks where they bite', () => {
  const operations = listOperations(doc);
  const describe = (id: string): string => {
    const op = operations.find((o) => o.operation['operationId'] === id)?.operation;
    return typeof op?.['description'] === 'string' ? op['description'] : '';
  };
  assert.match(describe('listTokens'), /Invalid fields/);
  assert.match(describe('listTokens'), /silently dropped/);
  assert.match(describe('createToken'), /user_id.*must be an existing user id.*507/is);
  assert.match(describe('createToken'), /500/);
  assert.match(describe('createToken'), /service\.jwt\.is_revocable` setting never applies/);
  assert.match(describe('getToken'), /newer one is answered/);
  assert.match(describe('deleteToken'), /Unknown id → 404/);
  assert.match(describe('deleteToken'), /507/);
  assert.match(describe('resetTokens'), /507 when there is nothing to delete/);
  assert.match(describe('refreshToken'), /405/);
  assert.match(describe('revokeToken'), /409/);
});
