import { effectiveMethod, PUBLIC_ROUTES, siteRouteOf, type ProxiedRequest, type Route } from '../exchange.js';

/** The paths of AAM 6.9.51's routes (where a wrong method is a wrong method, not an unknown route). */
export const KNOWN_PATHS_6951 = /^\/wp-json\/aam\/v[12]\/(service\/jwts|service\/jwt\/[\da-z-]+|jwt\/(validate|refresh|revoke)|authenticate|validate-jwt|refresh-jwt)\/?$/i;

/** The token id of a `/service/jwt/{id}` request (a query-string `id` wins, as in WordPress). */
export function tokenIdOf(req: ProxiedRequest): string | undefined {
  const query = new URLSearchParams(req.url.split('?')[1] ?? '');
  return query.get('id') ?? req.url.split('?')[0]?.replace(/\/+$/, '').split('/').pop();
}

/** Which route of AAM 6.9.51's API WordPress would match (case-insensitive, trailing slash ignored), or undefined. */
export function routeOf6951(req: ProxiedRequest): Route | undefined {
  const site = siteRouteOf(req);
  if (site !== undefined) return site;
  const path = req.url.split('?')[0]?.replace(/^\/wp-json/i, '').replace(/\/+$/, '').toLowerCase() ?? '';
  const method = effectiveMethod(req);
  if (path === '/aam/v2/service/jwts') return ({ GET: 'listTokens', POST: 'createToken', DELETE: 'resetTokens' } as const)[method];
  if (/^\/aam\/v2\/service\/jwt\/[\da-z-]+$/.test(path)) return method === 'GET' ? 'getToken' : method === 'DELETE' ? 'deleteToken' : undefined;
  return PUBLIC_ROUTES[`${method} ${path}`];
}
