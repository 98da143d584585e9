/**
 * AAM 7.1.1's spec (the 7.x generation): its routes, methods and statuses as observed on the real site, the
 * structure checks every generation gets, every example against its schema (and none signed with a real key),
 * Redocly's recommended ruleset, and the quirks its descriptions must state.
 */
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './redocly-lint.js';
import { registerRouteTableTests } from './route-table.js';
import type { RouteRow } from './route-table.js';
import { isObject, listOperations, loadSpec, specFileOf } from './spec-document.js';
import { registerExampleTests } from './spec-examples.js';
import { registerStructureTests } from './structure-checks.js';

const FILE = specFileOf('aam-7.1.1');
const doc = loadSpec(FILE);

/**
 * The token-management routes: registered only for JWT managers, so every one also answers 404 `rest_no_route`;
 * bearer, or WordPress' login cookie with its nonce (a manager's cookie without a nonce → 401).
 */
const MANAGEMENT = { secured: true, deprecated: false, security: [{ bearerJwt: [] }, { wpCookie: [], wpNonce: [] }] } as const;
/** The deprecated public routes, POST, PUT and PATCH alike. */
const LIFECYCLE = { secured: false, deprecated: true } as const;
const twins = (path: string, base: string, statuses: readonly number[], kind: typeof MANAGEMENT | typeof LIFECYCLE): RouteRow[] => [
  { path, method: 'post', operationId: base, statuses, ...kind },
  { path, method: 'put', operationId: `${base}Put`, statuses, ...kind },
  { path, method: 'patch', operationId: `${base}Patch`, statuses, ...kind },
];

/**
 * Observed on a real WordPress 6.1.9 + AAM 7.1.1 site (transcripts-7.1.1.md and the contract run). Every REST route
 * also answers 403 `rest_cookie_invalid_nonce` to a wrong WordPress nonce, and every token-management route 401 to
 * a JWT manager's login cookie without a nonce (measured on each).
 */
const ROUTES: readonly RouteRow[] = [
  { path: '/aam/v2/jwts', method: 'get', operationId: 'listTokens', statuses: [200, 400, 401, 403, 404], ...MANAGEMENT },
  { path: '/aam/v2/jwts', method: 'post', operationId: 'createToken', statuses: [200, 400, 401, 403, 404, 500], ...MANAGEMENT },
  { path: '/aam/v2/jwts', method: 'delete', operationId: 'resetTokens', statuses: [200, 400, 401, 403, 404], ...MANAGEMENT },
  { path: '/aam/v2/jwt/{id}', method: 'get', operationId: 'getToken', statuses: [200, 400, 401, 403, 404], ...MANAGEMENT },
  { path: '/aam/v2/jwt/{id}', method: 'delete', operationId: 'deleteToken', statuses: [200, 400, 401, 403, 404], ...MANAGEMENT },
  ...twins('/aam/v2/jwt/{id}', 'refreshTokenById', [200, 400, 401, 403, 404, 409], MANAGEMENT),
  ...twins('/aam/v2/jwt/validate', 'validateToken', [200, 400, 403, 404, 507], LIFECYCLE),
  ...twins('/aam/v2/jwt/refresh', 'refreshToken', [200, 400, 403, 404, 409, 507], LIFECYCLE),
  ...twins('/aam/v2/jwt/revoke', 'revokeToken', [200, 400, 403, 404, 507], LIFECYCLE),
  { path: '/aam/v2/authenticate', method: 'post', operationId: 'authenticate', statuses: [200, 400, 401, 403, 404], secured: false, deprecated: false },
  { path: '/wp-admin/admin-ajax.php', method: 'get', operationId: 'getRestNonce', statuses: [200, 400], secured: false, deprecated: false, security: [{ wpCookie: [] }] },
];

registerRouteTableTests(doc, ROUTES, 'AAM 7.1.1');
registerStructureTests(doc, 'AAM 7.1.1');
registerExampleTests(doc, 'AAM 7.1.1');

test('AAM 7.1.1: redocly lint (recommended) reports no errors and no warnings', async () => {
  assert.deepEqual(await lint(FILE), []);
});

test('AAM 7.1.1: the title names the generation and the version is 7.1.1', () => {
  const info = isObject(doc['info']) ? doc['info'] : {};
  assert.equal(info['title'], 'AAM JWT token API (Advanced Access Manager 7.x)');
  assert.equal(info['version'], '7.1.1');
});

/** Keys a live token could be signed with: the mock's default secret and the real sites' SECURE_AUTH_KEYs. */
const KNOWN_KEYS = ['aam-mock-secure-auth-key', ...['6.9.32', '6.9.51', '7.1.1'].map((v) => `aam-dev-${v}-secure-auth-key`)];

test('AAM 7.1.1: the example tokens are dummies, signed with no key of the mock or of a real site', () => {
  const tokens = new Set(JSON.stringify(doc).match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []);
  assert.ok(tokens.size >= 5, `only ${tokens.size} example tokens`);
  for (const token of tokens) {
    const [header = '', payload = '', signature = ''] = token.split('.');
    for (const key of KNOWN_KEYS) {
      assert.notEqual(createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url'), signature, `signed with ${key}`);
    }
  }
});

test('AAM 7.1.1: the operations document the 7.x quirks where they bite', () => {
  const describe = (id: string): string => {
    const op = listOperations(doc).find((o) => o.operation['operationId'] === id)?.operation;
    return typeof op?.['description'] === 'string' ? op['description'] : '';
  };
  const info = isObject(doc['info']) ? doc['info'] : {};
  assert.match(String(info['description']), /404 `rest_no_route`/);
  assert.match(describe('listTokens'), /`user_id` is required/);
  assert.match(describe('createToken'), /An expiry is required/);
  assert.match(describe('createToken'), /Non-revocable tokens .* are not stored/s);
  assert.match(describe('refreshTokenById'), /same claims and `jti`/);
  assert.match(describe('validateToken'), /An invalid token is a 507/);
  assert.match(describe('revokeToken'), /Provided token is not/);
  assert.match(describe('authenticate'), /only for callers that are not logged in/);
});

test('AAM 7.1.1: WordPress cookie authentication — the schemes, and the cookie-over-bearer rule where a reader looks', () => {
  const components = isObject(doc['components']) ? doc['components'] : {};
  const schemes = isObject(components['securitySchemes']) ? components['securitySchemes'] : {};
  const responses = isObject(components['responses']) ? components['responses'] : {};
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const field = (object: unknown, key: string): unknown => (isObject(object) ? object[key] : undefined);
  const strip = (scheme: unknown): unknown => ({ ...(scheme as object), description: undefined });
  assert.deepEqual(strip(schemes['wpCookie']), { type: 'apiKey', in: 'cookie', name: 'wordpress_logged_in_{COOKIEHASH}', description: undefined });
  assert.deepEqual(strip(schemes['wpNonce']), { type: 'apiKey', in: 'header', name: 'X-WP-Nonce', description: undefined });
  const info = isObject(doc['info']) ? doc['info'] : {};
  assert.match(text(info['description']), /cookies win over the bearer/i);
  assert.match(text(field(schemes['bearerJwt'], 'description')), /not a fallback/);
  assert.match(text(field(responses['CookieWithoutNonce'], 'description')), /whatever bearer/);
  assert.match(text(field(responses['CookieInvalidNonce'], 'description')), /rest_cookie_invalid_nonce/);
  const describe = (id: string): string => text(listOperations(doc).find((o) => o.operation['operationId'] === id)?.operation['description']);
  for (const id of ['listTokens', 'createToken', 'resetTokens', 'getToken', 'deleteToken', 'refreshTokenById', 'refreshTokenByIdPut', 'refreshTokenByIdPatch']) {
    assert.match(describe(id), /401 even with a valid bearer/, id);
  }
  assert.match(describe('authenticate'), /with a valid WordPress login cookie too/);
  assert.match(describe('authenticate'), /only with `return_auth_cookies: true`/);
});
