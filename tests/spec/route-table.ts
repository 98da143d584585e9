/**
 * A generation's routes, methods and statuses as a table (transcribed from its real site), checked against its
 * spec both ways: a row missing from the spec fails, and so does a status the table does not know.
 * Not a test file itself: the `*.test.ts` files call {@link registerRouteTableTests}.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isObject, listOperations } from './spec-document.js';
import type { JsonObject } from './spec-document.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteRow {
  readonly path: string;
  readonly method: Method;
  readonly operationId: string;
  readonly statuses: readonly number[];
  readonly secured: boolean;
  readonly deprecated: boolean;
  /** the operation's exact `security`, when it is not just `bearerJwt` (secured) or nothing (public) */
  readonly security?: readonly unknown[];
}

/** The public routes and their statuses, the same in both 6.9.x generations (6.9.11–6.9.32 and 6.9.33–6.9.51). */
export const PUBLIC_ROUTE_ROWS_6X: readonly RouteRow[] = [
  { path: '/aam/v2/jwt/validate', method: 'post', operationId: 'validateToken', statuses: [200, 400], secured: false, deprecated: false },
  { path: '/aam/v1/validate-jwt', method: 'post', operationId: 'validateTokenV1', statuses: [200, 400], secured: false, deprecated: true },
  { path: '/aam/v2/jwt/refresh', method: 'post', operationId: 'refreshToken', statuses: [200, 400, 405], secured: false, deprecated: false },
  { path: '/aam/v1/refresh-jwt', method: 'post', operationId: 'refreshTokenV1', statuses: [200, 400, 405], secured: false, deprecated: true },
  { path: '/aam/v2/jwt/revoke', method: 'post', operationId: 'revokeToken', statuses: [200, 400, 409], secured: false, deprecated: false },
  { path: '/aam/v2/authenticate', method: 'post', operationId: 'authenticate', statuses: [200, 400, 403], secured: false, deprecated: false },
  { path: '/aam/v1/authenticate', method: 'post', operationId: 'authenticateV1', statuses: [200, 400, 403], secured: false, deprecated: true },
];

/** Bearer, or WordPress' login cookie with its nonce: the token-management routes of both 6.9 generations. */
export const SERVICE_SECURITY_6X = [{ bearerJwt: [] }, { wpCookie: [], wpNonce: [] }];

/**
 * The public REST rows with WordPress' 403 for a wrong nonce (measured on every route, both 6.9 generations) and
 * the legacy login's 500 (`refreshableJWT` for a user lacking the capability), then the two rows on the site
 * itself: admin-ajax' REST nonce and AAM's signed-URL login.
 */
export const COOKIE_ROUTE_ROWS_6X: readonly RouteRow[] = [
  ...PUBLIC_ROUTE_ROWS_6X.map((row) => {
    const extra = row.operationId === 'authenticateV1' ? [403, 500] : [403];
    return { ...row, statuses: [...new Set([...row.statuses, ...extra])].sort((a, b) => a - b) };
  }),
  { path: '/wp-admin/admin-ajax.php', method: 'get', operationId: 'getRestNonce', statuses: [200, 400], secured: false, deprecated: false, security: [{ wpCookie: [] }] },
  { path: '/{page}', method: 'get', operationId: 'signedUrlLogin', statuses: [200, 302, 404], secured: false, deprecated: false },
];

export const routeKey = (path: string, method: string, status: number | string): string => `${method.toUpperCase()} ${path} → ${status}`;

/** The (path, method, status) triples the table has and the spec lacks, and the other way round. */
export function compareWithTable(spec: JsonObject, rows: readonly RouteRow[]): { missing: string[]; extra: string[] } {
  const table = new Set(rows.flatMap((r) => r.statuses.map((s) => routeKey(r.path, r.method, s))));
  const triples = new Set(
    listOperations(spec).flatMap(({ path, method, operation }) =>
      Object.keys(isObject(operation['responses']) ? operation['responses'] : {}).map((status) => routeKey(path, method, status)),
    ),
  );
  return { missing: [...table].filter((t) => !triples.has(t)), extra: [...triples].filter((t) => !table.has(t)) };
}

/** Registers the table's tests for one spec document; `name` prefixes each test title. */
export function registerRouteTableTests(doc: JsonObject, rows: readonly RouteRow[], name: string): void {
  const operations = listOperations(doc);
  const { missing, extra } = compareWithTable(doc, rows);
  for (const row of rows) {
    for (const status of row.statuses) {
      const key = routeKey(row.path, row.method, status);
      test(`${name}: spec answers ${key}`, () => {
        assert.ok(!missing.includes(key), `missing from the spec: ${key}`);
      });
    }
  }
  test(`${name}: spec has no (path, method, status) that the table lacks`, () => {
    assert.deepEqual(extra, []);
  });
  test(`${name}: spec has exactly the table's routes and methods`, () => {
    const specRoutes = operations.map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort();
    assert.deepEqual(specRoutes, rows.map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort());
  });
  for (const row of rows) {
    const label = `${name}: ${row.method.toUpperCase()} ${row.path}`;
    const entry = operations.find((o) => o.path === row.path && o.method === row.method);
    const security = row.security ?? (row.secured ? [{ bearerJwt: [] }] : []);
    test(`${label} has operationId ${row.operationId}, is ${row.deprecated ? '' : 'not '}deprecated and has security ${JSON.stringify(security)}`, () => {
      assert.equal(entry?.operation['operationId'], row.operationId);
      assert.equal(entry?.operation['deprecated'] === true, row.deprecated);
      assert.deepEqual(entry?.operation['security'], security);
    });
  }
}
