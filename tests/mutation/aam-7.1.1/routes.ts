import { effectiveMethod, type ProxiedRequest } from '../exchange.js';

/**
 * The routes of AAM 7.1.1's JWT API, as the fault catalogue names them (operationIds of spec/aam-7.1.1; the
 * POST/PUT/PATCH twins of a route are one route).
 */
export const ROUTES_711 = [
  'listTokens',
  'createToken',
  'resetTokens',
  'getToken',
  'deleteToken',
  'refreshTokenById',
  'validateToken',
  'refreshToken',
  'revokeToken',
  'authenticate',
  'getRestNonce',
] as const;

export type Route711 = (typeof ROUTES_711)[number];

/** The token-management routes (registered only for JWT managers). */
export const MANAGEMENT_ROUTES: readonly Route711[] = ['listTokens', 'createToken', 'resetTokens', 'getToken', 'deleteToken', 'refreshTokenById'];

/** Every REST route (WordPress' cookie check runs on all of them); `getRestNonce` is admin-ajax, not REST. */
export const REST_ROUTES_711: readonly Route711[] = ROUTES_711.filter((route) => route !== 'getRestNonce');

/** The deprecated public routes. */
export const LIFECYCLE_ROUTES: readonly Route711[] = ['validateToken', 'refreshToken', 'revokeToken'];

const EDITABLE = ['POST', 'PUT', 'PATCH'];
const LIFECYCLE: Readonly<Record<string, Route711>> = { validate: 'validateToken', refresh: 'refreshToken', revoke: 'revokeToken' };

/**
 * Which route WordPress would match for a JWT manager (case-insensitive, trailing slash ignored, method overrides
 * honoured). `/jwt/validate` with GET or DELETE is the `{id}` route, as on the real site.
 */
export function routeOf711(req: ProxiedRequest): Route711 | undefined {
  if (req.url.split('?')[0] === '/wp-admin/admin-ajax.php') return 'getRestNonce';
  const path = req.url.split('?')[0]?.replace(/^\/wp-json/i, '').replace(/\/+$/, '').toLowerCase() ?? '';
  const method = effectiveMethod(req);
  if (path === '/aam/v2/jwts') return ({ GET: 'listTokens', POST: 'createToken', DELETE: 'resetTokens' } as const)[method as 'GET'];
  if (path === '/aam/v2/authenticate') return method === 'POST' ? 'authenticate' : undefined;
  const item = /^\/aam\/v2\/jwt\/([\w-]+)$/.exec(path);
  if (item === null) return undefined;
  const lifecycle = LIFECYCLE[item[1] ?? ''];
  if (lifecycle !== undefined && EDITABLE.includes(method)) return lifecycle;
  if (method === 'GET') return 'getToken';
  if (method === 'DELETE') return 'deleteToken';
  return EDITABLE.includes(method) ? 'refreshTokenById' : undefined;
}

/** The paths of the 7.1.1 API (for faults that act on any of them). */
export const KNOWN_PATHS_711 = /^\/wp-json\/aam\/v2\/(jwts|jwt\/[\w-]+|authenticate)\/?$/i;

/** Route sets the fault table names instead of listing them. */
export const NAMED_ROUTE_SETS_711: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['every route', ROUTES_711],
  ['every REST route', REST_ROUTES_711],
  ['the 6 token-management routes', MANAGEMENT_ROUTES],
  ['validate, refresh, revoke', LIFECYCLE_ROUTES],
];
