import { headerOf, isRecord, parseJson, queryOf, REST_ROUTES, restError, SERVICE_ROUTES, withJson, type ProxiedRequest, type ProxiedResponse } from './exchange.js';
import { answerFault, statelessFault, type Fault, type FaultHandler } from './fault-model.js';

/** Faults of WordPress' cookie authentication and of AAM's signed-URL login. */

const LOGGED_IN = /^wordpress_logged_in_[0-9a-f]{32}$/;

function withoutHeader(req: ProxiedRequest, name: string): ProxiedRequest {
  const headers = { ...req.headers };
  delete headers[name];
  return { ...req, headers };
}

/** The `Set-Cookie` lines of an answer. */
function setCookies(res: ProxiedResponse): string[] {
  const value = res.headers['set-cookie'];
  return value === undefined ? [] : [value].flat();
}

function withSetCookies(res: ProxiedResponse, lines: readonly string[]): ProxiedResponse {
  const headers = { ...res.headers };
  if (lines.length === 0) delete headers['set-cookie'];
  else headers['set-cookie'] = [...lines];
  return { ...res, headers };
}

/** The logged-in cookie (`name=value`) a request sends, if any. */
function loggedInCookie(req: ProxiedRequest): string | undefined {
  return (headerOf(req.headers, 'cookie') ?? '').split(';').map((pair) => pair.trim()).find((pair) => LOGGED_IN.test(pair.split('=')[0] ?? ''));
}

/** A site that accepts a login cookie without a nonce: it remembers the nonce admin-ajax gave each cookie and supplies it. */
function cookieWithoutNonce(serviceRoutes: readonly string[]): FaultHandler {
  const nonces = new Map<string, string>();
  return {
    request: (req, route) => {
      const cookie = loggedInCookie(req);
      const nonce = cookie === undefined ? undefined : nonces.get(cookie);
      if (route === undefined || !serviceRoutes.includes(route) || nonce === undefined) return undefined;
      if (headerOf(req.headers, 'x-wp-nonce') !== undefined || queryOf(req.url).has('_wpnonce')) return undefined;
      return { ...req, headers: { ...req.headers, 'x-wp-nonce': nonce } };
    },
    response: (req, res, route) => {
      const cookie = loggedInCookie(req);
      if (route === 'getRestNonce' && res.status === 200 && cookie !== undefined) nonces.set(cookie, res.body);
      return undefined;
    },
  };
}

/** The first answer to a request carrying a signed-URL login's cookie logs that session out, as when an access expiration has passed. */
function signedUrlSessionLoggedOut(): FaultHandler {
  const signed = new Set<string>();
  const deletions = Array.from({ length: 17 }, (_, i) => `wordpress_${String(i).padStart(2, '0')}=%20; expires=Thu, 01-Jan-1970 00:00:01 GMT; Max-Age=0; path=/`);
  return {
    response: (req, res, route) => {
      if (route === 'signedUrlLogin') {
        for (const line of setCookies(res)) {
          const pair = line.split(';')[0] ?? '';
          if (LOGGED_IN.test(pair.split('=')[0] ?? '')) signed.add(pair);
        }
        return undefined;
      }
      const cookie = loggedInCookie(req);
      if (cookie === undefined || !signed.delete(cookie)) return undefined;
      if (route === 'getRestNonce') return { status: 400, headers: { ...withSetCookies(res, deletions).headers }, body: '0' };
      return withSetCookies(withJson(res, 401, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401)), deletions);
    },
  };
}

/** The routes of a generation that WordPress' cookie authentication faults act on. */
export interface CookieRoutes {
  /** every REST route (WordPress' cookie check runs on all of them) */
  readonly rest: readonly string[];
  /** the routes that need an authenticated caller */
  readonly service: readonly string[];
  /** the routes that can set WordPress' login cookies */
  readonly logins: readonly string[];
}

/** WordPress' cookie authentication, on any generation: cookies read, nonces required and refreshed, login cookies. */
export function cookieAuthFaults(routes: CookieRoutes): { readonly check: readonly Fault[]; readonly loginCookies: readonly Fault[] } {
  return {
    check: [
      statelessFault('cookies-ignored', 'WordPress login cookies are not read at all (a cache or proxy strips the Cookie header)', [...routes.rest, 'getRestNonce'], {
        request: (req, route) => (route !== undefined && route !== 'signedUrlLogin' && headerOf(req.headers, 'cookie') !== undefined ? withoutHeader(req, 'cookie') : undefined),
      }),
      { id: 'cookie-without-nonce-authenticates', description: 'a login cookie authenticates REST requests without a nonce (the bearer no longer matters)', routes: [...routes.service, 'getRestNonce'], start: () => cookieWithoutNonce(routes.service) },
      answerFault('wrong-nonce-anonymous', 'a wrong nonce makes the request anonymous (401) instead of failing the cookie check (403)', routes.rest, (_req, res) => {
        const body = parseJson(res.body);
        return res.status === 403 && isRecord(body) && body.code === 'rest_cookie_invalid_nonce' ? withJson(res, 401, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401)) : undefined;
      }),
      answerFault('no-fresh-nonce', 'a cookie-authenticated answer carries no fresh X-WP-Nonce header', routes.service, (_req, res) => {
        if (res.headers['x-wp-nonce'] === undefined) return undefined;
        const { 'x-wp-nonce': _dropped, ...headers } = res.headers;
        return { ...res, headers };
      }),
      answerFault('rest-nonce-as-json', 'admin-ajax answers the nonce as a JSON string (application/json)', ['getRestNonce'], (_req, res) =>
        res.status === 200 ? { status: 200, headers: { ...res.headers, 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(res.body) } : undefined,
      ),
    ],
    loginCookies: [
      answerFault('auth-cookies-not-httponly', 'login cookies are sent without HttpOnly (a plugin rewrites them)', routes.logins, (_req, res) => {
        const lines = setCookies(res);
        return lines.some((line) => line.endsWith('; HttpOnly')) ? withSetCookies(res, lines.map((line) => line.replace(/; HttpOnly$/, ''))) : undefined;
      }),
      answerFault('remember-ignored', 'remember is ignored: the login cookies are session cookies (no expires, no Max-Age)', ['authenticate'], (_req, res) => {
        const lines = setCookies(res);
        return lines.some((line) => line.includes('; Max-Age=')) ? withSetCookies(res, lines.map((line) => line.replace(/; expires=[^;]+; Max-Age=\d+/, ''))) : undefined;
      }),
    ],
  };
}

const AUTH_69 = cookieAuthFaults({ rest: REST_ROUTES, service: SERVICE_ROUTES, logins: ['authenticate', 'authenticateV1', 'signedUrlLogin'] });

/** WordPress' cookie authentication, AAM's logins and the signed-URL login's cookies: the same in every AAM 6.9 generation. */
export const WORDPRESS_COOKIE_FAULTS: readonly Fault[] = [
  ...AUTH_69.check,
  answerFault('legacy-login-no-cookies', 'the legacy login no longer sets WordPress cookies', ['authenticateV1'], (_req, res) =>
    res.status === 200 && setCookies(res).length > 0 ? withSetCookies(res, []) : undefined,
  ),
  ...AUTH_69.loginCookies,
  answerFault('auth-cookie-login-ignored', 'with neither username nor password the auth cookie does not log anyone in (403 empty_username)', ['authenticate'], (req, res) => {
    const body = parseJson(req.body);
    if (res.status !== 200 || !isRecord(body) || 'username' in body || headerOf(req.headers, 'cookie') === undefined) return undefined;
    return withJson(res, 403, { code: 'empty_username', reason: '<strong>Error:</strong> The username field is empty.' });
  }),
  answerFault('legacy-refreshable-400', 'the legacy login answers a refreshableJWT it may not grant with 400 {reason} instead of dying (500)', ['authenticateV1'], (_req, res) =>
    res.status === 500 ? withJson(res, 400, { reason: 'Current user is not allowed to issue refreshable JWT token' }) : undefined,
  ),
  answerFault('admin-url-redirect-echoed', "the login echoes a redirect equal to the site's admin URL instead of AAM's login redirect (null)", ['authenticate'], (req, res) => {
    const sent = parseJson(req.body);
    const body = parseJson(res.body);
    if (res.status !== 200 || !isRecord(sent) || typeof sent.redirect !== 'string' || !sent.redirect.endsWith('/wp-admin/') || !isRecord(body) || body.redirect !== null) return undefined;
    return withJson(res, 200, { ...body, redirect: sent.redirect });
  }),
  answerFault('signed-url-disabled', 'a signed URL is ignored: the page answers (no login, no cookies)', ['signedUrlLogin'], (_req, res) =>
    res.status === 302 ? { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '<!DOCTYPE html><html><body>Page not found</body></html>' } : undefined,
  ),
  answerFault('signed-url-unvalidated', 'any token in a signed URL logs in (302, cookies) — expired, revoked and forged ones too', ['signedUrlLogin'], (_req, res) =>
    res.status === 404 ? { status: 302, headers: { 'content-type': 'text/html; charset=UTF-8', 'set-cookie': ['wordpress_logged_in_00000000000000000000000000000000=x; path=/; HttpOnly'], 'x-redirect-by': 'WordPress', location: '/wp-admin/' }, body: '' } : undefined,
  ),
  answerFault('signed-url-open-redirect', 'a signed URL redirects to any redirect_to, off-site too', ['signedUrlLogin'], (req, res) => {
    const to = queryOf(req.url).get('redirect_to');
    return res.status === 302 && to !== null && /^https?:/.test(to) && res.headers.location !== to ? { ...res, headers: { ...res.headers, location: to } } : undefined;
  }),
];

/** 6.9.11–6.9.32: the signed-URL login stores the token's expiration; a fault that drops it. */
export const COOKIE_FAULTS: readonly Fault[] = [
  ...WORDPRESS_COOKIE_FAULTS,
  answerFault('signed-url-no-expiration', "the signed-URL login stores no access expiration: the user's session outlives the token's expiration", ['getRestNonce', ...SERVICE_ROUTES], (_req, res) => {
    const lines = setCookies(res);
    if (lines.length !== 17) return undefined;
    return res.status === 400 ? { status: 200, headers: { ...withSetCookies(res, []).headers }, body: '0123456789' } : withSetCookies(res, []);
  }),
];

/** 6.9.33–6.9.51: the signed-URL login stores no expiration; a fault that logs its session out as 6.9.32 would. */
export const COOKIE_FAULTS_6951: readonly Fault[] = [
  ...WORDPRESS_COOKIE_FAULTS,
  {
    id: 'signed-url-session-logged-out',
    description: "a signed-URL login's session is logged out on its first use (as if the token's expiration or trigger had been stored)",
    routes: ['getRestNonce', ...SERVICE_ROUTES],
    start: signedUrlSessionLoggedOut,
  },
];
