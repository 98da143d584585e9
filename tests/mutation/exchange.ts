import type { IncomingHttpHeaders } from 'node:http';

/** A request as the fault proxy received it (body buffered). `url` is the path with its query string. */
export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The mock's answer as the fault proxy received it (body buffered). */
export interface ProxiedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The REST routes of AAM 6.9.32's JWT API (operationIds of the spec; the three reset methods are one route). */
export const REST_ROUTES = [
  'listTokens',
  'createToken',
  'getToken',
  'deleteToken',
  'resetTokens',
  'validateToken',
  'validateTokenV1',
  'refreshToken',
  'refreshTokenV1',
  'revokeToken',
  'authenticate',
  'authenticateV1',
] as const;

/** The two operations on the site itself: WordPress' admin-ajax nonce and AAM's signed-URL login. */
export const SITE_ROUTES = ['getRestNonce', 'signedUrlLogin'] as const;

/** Every route of the spec. */
export const ROUTES = [...REST_ROUTES, ...SITE_ROUTES] as const;

export type Route = (typeof ROUTES)[number];

/** The routes that need an authenticated caller (where token transport matters). */
export const SERVICE_ROUTES: readonly Route[] = ['listTokens', 'createToken', 'getToken', 'deleteToken', 'resetTokens'];

/** The public routes by `METHOD /path` (the same in every 6.9.x generation). */
export const PUBLIC_ROUTES: Readonly<Record<string, Route>> = {
  'POST /aam/v2/jwt/validate': 'validateToken',
  'POST /aam/v1/validate-jwt': 'validateTokenV1',
  'POST /aam/v2/jwt/refresh': 'refreshToken',
  'POST /aam/v1/refresh-jwt': 'refreshTokenV1',
  'POST /aam/v2/jwt/revoke': 'revokeToken',
  'POST /aam/v2/authenticate': 'authenticate',
  'POST /aam/v1/authenticate': 'authenticateV1',
};

/** The query string of a request URL as URLSearchParams. */
export function queryOf(url: string): URLSearchParams {
  const at = url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
}

/** The method WordPress dispatches on: `X-HTTP-Method-Override` or `_method` on a POST win. */
export function effectiveMethod(req: ProxiedRequest): string {
  const method = req.method.toUpperCase();
  if (method !== 'POST') return method;
  const override = req.headers['x-http-method-override'];
  const fromHeader = Array.isArray(override) ? override[0] : override;
  return (fromHeader ?? queryOf(req.url).get('_method') ?? method).toUpperCase();
}

/** The site route (not REST) a request names, in every AAM 6.9 generation: admin-ajax, or a signed-URL login. */
export function siteRouteOf(req: ProxiedRequest): Route | undefined {
  const raw = req.url.split('?')[0] ?? '';
  if (raw === '/wp-admin/admin-ajax.php') return 'getRestNonce';
  if (!/^\/wp-json(\/|$)/i.test(raw) && queryOf(req.url).has('aam-jwt')) return 'signedUrlLogin';
  return undefined;
}

/** Which route of the API WordPress would match (case-insensitive, trailing slash ignored), or undefined. */
export function routeOf(req: ProxiedRequest): Route | undefined {
  const site = siteRouteOf(req);
  if (site !== undefined) return site;
  const raw = req.url.split('?')[0] ?? '';
  const path = raw.replace(/^\/wp-json/i, '').replace(/\/+$/, '').toLowerCase();
  const method = effectiveMethod(req);
  if (path === '/aam/v2/service/jwt') return method === 'GET' ? 'listTokens' : method === 'POST' ? 'createToken' : undefined;
  if (path === '/aam/v2/service/jwt/reset' && ['POST', 'PUT', 'PATCH'].includes(method)) return 'resetTokens';
  if (/^\/aam\/v2\/service\/jwt\/[\da-z-]+$/.test(path)) return method === 'GET' ? 'getToken' : method === 'DELETE' ? 'deleteToken' : undefined;
  return PUBLIC_ROUTES[`${method} ${path}`];
}

/** A header's first value. */
export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** JSON.parse that answers undefined for text that is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A request parameter as WordPress reads it: JSON body, then form body, then query string. */
export function requestParam(req: ProxiedRequest, name: string): unknown {
  const type = headerOf(req.headers, 'content-type') ?? '';
  if (type.includes('application/json')) {
    const body = parseJson(req.body);
    if (isRecord(body) && name in body) return body[name];
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(req.body);
    if (form.has(name)) return form.get(name);
  }
  return queryOf(req.url).get(name) ?? undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The claims of a compact JWS (payload decoded, not verified), or undefined. */
export function claimsOf(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  const claims = parseJson(Buffer.from(payload, 'base64url').toString('utf8'));
  return isRecord(claims) ? claims : undefined;
}

/** The bearer token of a request (`Authorization`, one `Bearer ` prefix removed), or undefined. */
export function bearerOf(req: ProxiedRequest): string | undefined {
  return headerOf(req.headers, 'authorization')?.replace(/^Bearer /, '');
}

/** The user id a request names in `user_id` (query or body), as WordPress' intval would read it (0 if none). */
export function targetUserOf(req: ProxiedRequest): number {
  const raw = requestParam(req, 'user_id');
  const value = Number.parseInt(typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '', 10);
  return Number.isFinite(value) ? value : 0;
}

/** A copy of `res` with a JSON body (Content-Type kept). */
export function withJson(res: ProxiedResponse, status: number, value: unknown): ProxiedResponse {
  return { status, headers: res.headers, body: JSON.stringify(value) };
}

/** A copy of `req` with a new URL query (path kept). */
export function withQuery(req: ProxiedRequest, query: URLSearchParams): ProxiedRequest {
  const path = req.url.split('?')[0] ?? '/';
  const text = query.toString();
  return { ...req, url: text === '' ? path : `${path}?${text}` };
}

/** WordPress' shape C error body (a serialized WP_Error) as AAM's service routes send it. */
export function wpErrorObject(code: string, message: string, status: number): unknown {
  return { errors: { [code]: [message] }, error_data: { [code]: { status } } };
}

/** WordPress' standard REST error body (shape A). */
export function restError(code: string, message: string, status: number): unknown {
  return { code, message, data: { status } };
}
