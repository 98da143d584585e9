import { headerOf, isRecord, parseJson, restError, REST_ROUTES, SERVICE_ROUTES, withJson, type ProxiedRequest } from './exchange.js';
import { answerFault, requestFault, statelessFault, type Fault } from './fault-model.js';

/** Faults of the login routes, of token transport, and of the site as a whole (server, WordPress layer). */

/** The paths of AAM 6.9.32's routes (where a wrong method is a wrong method, not an unknown route). */
const KNOWN_PATHS_6932 = /^\/wp-json\/aam\/v[12]\/(service\/jwt(\/[\da-z-]+)?|jwt\/(validate|refresh|revoke)|authenticate|validate-jwt|refresh-jwt)\/?$/i;

function withoutHeader(req: ProxiedRequest, name: string): ProxiedRequest {
  const headers = { ...req.headers };
  delete headers[name];
  return { ...req, headers };
}

function withoutJsonKey(req: ProxiedRequest, key: string): ProxiedRequest | undefined {
  const body = parseJson(req.body);
  if (!isRecord(body) || !(key in body)) return undefined;
  const { [key]: _dropped, ...rest } = body;
  return { ...req, body: JSON.stringify(rest) };
}

function loginFailure403As401(id: string, description: string, route: 'authenticate' | 'authenticateV1'): Fault {
  return answerFault(id, description, [route], (_req, res) => (res.status === 403 ? { ...res, status: 401 } : undefined));
}

/** Faults of token transport (how the site reads the bearer token), on the routes that need an authenticated caller. */
export function transportFaults(serviceRoutes: readonly string[]): Fault[] {
  return [
    requestFault('bearer-case-insensitive', 'the `Bearer` prefix is matched case-insensitively ("bearer <jwt>" authenticates)', serviceRoutes, (req) => {
      const value = headerOf(req.headers, 'authorization');
      if (value === undefined || !/^bearer /i.test(value) || value.startsWith('Bearer ')) return undefined;
      return { ...req, headers: { ...req.headers, authorization: `Bearer ${value.slice(7)}` } };
    }),
    requestFault('authentication-header-ignored', 'the `Authentication` header is not read (only `Authorization`)', serviceRoutes, (req) =>
      headerOf(req.headers, 'authentication') === undefined ? undefined : withoutHeader(req, 'authentication'),
    ),
    requestFault('bare-token-rejected', 'an `Authorization` value without the `Bearer ` prefix is ignored', serviceRoutes, (req) => {
      const value = headerOf(req.headers, 'authorization');
      return value === undefined || value.startsWith('Bearer ') ? undefined : withoutHeader(req, 'authorization');
    }),
  ];
}

/** Faults of the site as a whole (a caching plugin, the WordPress layer) on `routes`, whose paths are `knownPaths`. */
export function siteWideFaults(routes: readonly string[], knownPaths: RegExp): Fault[] {
  return [
    statelessFault('content-type-html', 'every answer is sent as `Content-Type: text/html; charset=UTF-8` (a caching plugin rewrites headers)', routes, {
      response: (_req, res) => ({ ...res, headers: { ...res.headers, 'content-type': 'text/html; charset=UTF-8' } }),
    }),
    requestFault('malformed-json-ignored', 'a malformed JSON body is treated as an empty body instead of a 400 rest_invalid_json', routes, (req) => {
      const type = headerOf(req.headers, 'content-type') ?? '';
      return type.includes('application/json') && req.body !== '' && parseJson(req.body) === undefined ? { ...req, body: '' } : undefined;
    }),
    statelessFault('wrong-method-405', 'a method a route does not register gets 405 Method Not Allowed instead of 404 rest_no_route', routes, {
      response: (req, res) => {
        const body = parseJson(res.body);
        if (res.status !== 404 || !isRecord(body) || body.code !== 'rest_no_route' || !knownPaths.test(req.url.split('?')[0] ?? '')) return undefined;
        return withJson(res, 405, restError('rest_no_route', 'Method not allowed.', 405));
      },
    }),
  ];
}

/** The site faults of a 6.9.x generation whose routes live at `knownPaths`: login, transport, site-wide. */
export function siteFaults(knownPaths: RegExp): readonly Fault[] {
  return [
    loginFailure403As401('authenticate-failure-401', 'POST /aam/v2/authenticate answers a failed login with 401 instead of 403', 'authenticate'),
    loginFailure403As401('authenticate-v1-failure-401', 'POST /aam/v1/authenticate answers a failed login with 401 instead of 403', 'authenticateV1'),
    requestFault('refreshable-jwt-unchecked', 'the aam_issue_refreshable_jwt capability is not checked: any user logs in with refreshableJWT', ['authenticate'], (req) =>
      withoutJsonKey(req, 'refreshableJWT'),
    ),
    answerFault('authenticate-v1-no-redirect', 'the legacy login answer lacks `redirect` (the Login-Redirect filter no longer runs on it)', ['authenticateV1'], (_req, res) => {
      const body = parseJson(res.body);
      if (res.status !== 200 || !isRecord(body) || !('redirect' in body)) return undefined;
      const { redirect: _redirect, ...rest } = body;
      return withJson(res, 200, rest);
    }),
    ...transportFaults(SERVICE_ROUTES),
    ...siteWideFaults(REST_ROUTES, knownPaths),
  ];
}

export const SITE_FAULTS: readonly Fault[] = siteFaults(KNOWN_PATHS_6932);
