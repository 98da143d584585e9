import { claimsOf, isRecord, parseJson, requestParam, restError, withJson, wpErrorObject, type ProxiedRequest, type ProxiedResponse } from '../exchange.js';
import { answerFault, isOneOf, requestFault, type Fault, type FaultHandler } from '../fault-model.js';
import { siteWideFaults, transportFaults } from '../faults-site.js';
import { jsonBody, messageOf } from './faults-management.js';
import { KNOWN_PATHS_711, LIFECYCLE_ROUTES, MANAGEMENT_ROUTES, REST_ROUTES_711, type Route711 } from './routes.js';

/** Faults of AAM 7.1.1's public routes (validate, refresh, revoke, authenticate), token transport and the site. */

const NO_ROUTE = restError('rest_no_route', 'No route was found matching the URL and request method.', 404);

/** The first code of a serialized WP_Error answer. */
function codeOf(res: ProxiedResponse): string | undefined {
  const errors = jsonBody(res)?.errors;
  return isRecord(errors) ? Object.keys(errors)[0] : undefined;
}

/**
 * A site that forgets to revoke some tokens: `remember` picks them from the traffic, and validating one of them
 * answers its claims instead of the 507 `Unregistered token`.
 */
function forgetfulRevocation(id: string, description: string, routes: readonly Route711[], remember: (req: ProxiedRequest, res: ProxiedResponse, route: string | undefined) => string | undefined): Fault {
  return {
    id,
    description,
    routes: [...routes, 'validateToken'],
    start: (): FaultHandler => {
      const kept = new Set<string>();
      return {
        response: (req, res, route) => {
          const jwt = requestParam(req, 'jwt');
          const token = remember(req, res, route);
          if (token !== undefined) kept.add(token);
          return route === 'validateToken' && typeof jwt === 'string' && kept.has(jwt) && res.status === 507 ? withJson(res, 200, claimsOf(jwt)) : undefined;
        },
      };
    },
  };
}

/** The `jwt` a lifecycle request names, when the answer was a 200. */
const acceptedJwt = (routes: readonly Route711[]) => (req: ProxiedRequest, res: ProxiedResponse, route: string | undefined): string | undefined => {
  const jwt = requestParam(req, 'jwt');
  return isOneOf(routes, route) && res.status === 200 && typeof jwt === 'string' ? jwt : undefined;
};

export const PUBLIC_FAULTS: readonly Fault[] = [
  answerFault('invalid-token-400', 'a token that fails validation gets 400 instead of 507 rest_insufficient_storage', LIFECYCLE_ROUTES, (_req, res) =>
    res.status === 507 ? withJson(res, 400, wpErrorObject('rest_invalid_argument', messageOf(res) ?? '', 400)) : undefined,
  ),
  answerFault('jwt-error-shape-reason', 'validate/refresh/revoke failures come as {code, reason} (the 6.9.x shape) instead of a serialized WP_Error', LIFECYCLE_ROUTES, (_req, res) => {
    const code = codeOf(res);
    return code === undefined ? undefined : withJson(res, res.status, { code: 'rest_jwt_validation_failure', reason: messageOf(res) });
  }),
  answerFault('missing-jwt-wrong-segments', 'a missing jwt is reported as "Wrong number of segments" (the 6.9.x message) instead of "Invalid JWT token"', LIFECYCLE_ROUTES, (_req, res) =>
    messageOf(res) === 'Invalid JWT token' ? withJson(res, 400, wpErrorObject('rest_invalid_argument', 'Wrong number of segments', 400)) : undefined,
  ),
  answerFault('owner-user-id-only', 'the owner is looked up by user_id only: a token whose userId claim names nobody still validates', LIFECYCLE_ROUTES, (req, res) =>
    res.status === 404 && messageOf(res)?.startsWith('Cannot find user') === true ? withJson(res, 200, claimsOf(requestParam(req, 'jwt'))) : undefined,
  ),
  answerFault('revoke-non-revocable-200', 'revoking a valid token that is not in the registry (non-revocable) answers 200 instead of 404', ['revokeToken'], (_req, res) =>
    res.status === 404 && messageOf(res) === 'Provided token is not registered' ? withJson(res, 200, { message: 'Token revoked successfully' }) : undefined,
  ),
  answerFault('lifecycle-post-only', 'the deprecated validate/refresh/revoke routes answer POST only (PUT and PATCH get 404 rest_no_route)', LIFECYCLE_ROUTES, (req, res) =>
    req.method.toUpperCase() === 'POST' || res.status === 404 ? undefined : withJson(res, 404, NO_ROUTE),
  ),
  forgetfulRevocation('refresh-keeps-old-token', 'refresh issues a new token but does not revoke the old one', ['refreshToken'], acceptedJwt(['refreshToken'])),
  forgetfulRevocation('revoked-token-validates', 'revoke answers 200 but the revoked token still validates', ['revokeToken'], acceptedJwt(['revokeToken'])),
  answerFault('expired-token-accepted', 'an expired token validates (exp is not checked)', ['validateToken'], (req, res) =>
    res.status === 507 && messageOf(res) === 'Expired token' ? withJson(res, 200, claimsOf(requestParam(req, 'jwt'))) : undefined,
  ),
  answerFault('claim-user-id-renamed', 'validate answers the owner as claim userId (the 6.9.x name) instead of user_id', ['validateToken'], (_req, res) => {
    const body = jsonBody(res);
    if (res.status !== 200 || body === undefined || !('user_id' in body)) return undefined;
    const { user_id: userId, ...rest } = body;
    return withJson(res, 200, { ...rest, userId });
  }),
  answerFault('login-refreshable-null', "validate answers a login token's refreshable: false as null (the 6.9.x value)", ['validateToken'], (_req, res) => {
    const body = jsonBody(res);
    return res.status === 200 && body?.refreshable === false ? withJson(res, 200, { ...body, refreshable: null }) : undefined;
  }),
  requestFault('authenticate-while-logged-in', 'POST /aam/v2/authenticate is registered for logged-in callers too (their login is attempted instead of a 404)', ['authenticate'], (req) => {
    if (req.headers.authorization === undefined) return undefined;
    const { authorization: _dropped, ...headers } = req.headers;
    return { ...req, headers };
  }),
  answerFault('authenticate-failure-403', 'a failed login answers 403 (the 6.9.x status) instead of 401', ['authenticate'], (_req, res) => (res.status === 401 ? { ...res, status: 403 } : undefined)),
  answerFault('authenticate-6x-shape', 'a login answers {user: {data}, redirect, jwt} (the 6.9.x shape) instead of {ID, …fields, jwt}', ['authenticate'], (_req, res) => {
    const body = jsonBody(res);
    if (res.status !== 200 || typeof body?.ID !== 'number') return undefined;
    const { jwt, ...data } = body;
    return withJson(res, 200, { user: { data }, redirect: null, ...(jwt === undefined ? {} : { jwt }) });
  }),
  answerFault('refreshable-jwt-refused', 'a user without aam_issue_refreshable_jwt is refused a refreshable token (400, the 6.9.x check) instead of getting one', ['authenticate'], (req, res) => {
    const body = parseJson(req.body);
    const asked = isRecord(body) && (body.issue_refreshable_jwt === true || body.refreshableJWT === true);
    return res.status === 200 && asked ? withJson(res, 400, { reason: 'Current user is not allowed to issue refreshable JWT token' }) : undefined;
  }),
  ...transportFaults(MANAGEMENT_ROUTES),
  ...siteWideFaults(REST_ROUTES_711, KNOWN_PATHS_711),
];
