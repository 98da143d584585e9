import { claimsOf, isRecord, parseJson, requestParam, restError, withJson, type ProxiedRequest, type ProxiedResponse, type Route } from './exchange.js';
import { answerFault, isOneOf, type Fault, type FaultHandler } from './fault-model.js';

/** Faults of the public token routes: validate, refresh, revoke (v2 and the deprecated v1). */

const VALIDATE: readonly Route[] = ['validateToken', 'validateTokenV1'];
const REFRESH: readonly Route[] = ['refreshToken', 'refreshTokenV1'];
const NO_ROUTE = restError('rest_no_route', 'No route was found matching the URL and request method.', 404);

function reasonOf(res: ProxiedResponse): unknown {
  const body = parseJson(res.body);
  return isRecord(body) ? body.reason : undefined;
}

/** A validate answer mapped through `claims → claims` when the mock validated the token. */
function mapClaims(res: ProxiedResponse, map: (claims: Record<string, unknown>) => Record<string, unknown>): ProxiedResponse | undefined {
  const body = parseJson(res.body);
  if (res.status !== 200 || !isRecord(body)) return undefined;
  const changed = map(body);
  return JSON.stringify(changed) === JSON.stringify(body) ? undefined : withJson(res, 200, changed);
}

/**
 * A site that forgets some tokens it should have revoked: `remember` picks them from the traffic,
 * and validating one of them answers its claims instead of the 400 (`also` may change more answers).
 */
function forgetfulRevocation(
  id: string,
  description: string,
  routes: readonly Route[],
  remember: (req: ProxiedRequest, res: ProxiedResponse, route: string | undefined) => string | undefined,
  also?: (kept: ReadonlySet<string>, req: ProxiedRequest, res: ProxiedResponse, route: string | undefined) => ProxiedResponse | undefined,
): Fault {
  return {
    id,
    description,
    routes,
    start: (): FaultHandler => {
      const kept = new Set<string>();
      return {
        response: (req, res, route) => {
          const jwt = requestParam(req, 'jwt');
          let answer: ProxiedResponse | undefined;
          if (isOneOf(VALIDATE, route) && typeof jwt === 'string' && kept.has(jwt) && res.status === 400) answer = withJson(res, 200, claimsOf(jwt));
          else answer = also?.(kept, req, res, route);
          const token = remember(req, res, route);
          if (token !== undefined) kept.add(token);
          return answer;
        },
      };
    },
  };
}

export const JWT_FAULTS: readonly Fault[] = [
  answerFault('validate-failure-401', 'a token that fails validation gets 401 instead of 400', VALIDATE, (_req, res) =>
    res.status === 400 && reasonOf(res) !== undefined ? { ...res, status: 401 } : undefined,
  ),
  answerFault('jwt-error-shape-a', 'validate/refresh/revoke failures come as {code,message,data:{status}} instead of {code,reason}', [...VALIDATE, ...REFRESH, 'revokeToken'], (_req, res) => {
    const body = parseJson(res.body);
    if (!isRecord(body) || typeof body.reason !== 'string' || typeof body.code !== 'string') return undefined;
    return withJson(res, res.status, restError(body.code, body.reason, res.status));
  }),
  answerFault('validate-v1-removed', 'the deprecated POST /aam/v1/validate-jwt is gone (404 rest_no_route)', ['validateTokenV1'], (_req, res) => withJson(res, 404, NO_ROUTE)),
  answerFault('refresh-v1-removed', 'the deprecated POST /aam/v1/refresh-jwt is gone (404 rest_no_route)', ['refreshTokenV1'], (_req, res) => withJson(res, 404, NO_ROUTE)),
  answerFault('refresh-not-refreshable-400', 'refreshing a non-refreshable token gets 400 instead of 405', REFRESH, (_req, res) =>
    res.status === 405 ? { ...res, status: 400 } : undefined,
  ),
  answerFault('refresh-expires-as-date', 'refresh answers `token_expires` as an ISO date string instead of a Unix time', REFRESH, (_req, res) => {
    const body = parseJson(res.body);
    if (res.status !== 200 || !isRecord(body) || typeof body.token_expires !== 'number') return undefined;
    return withJson(res, 200, { ...body, token_expires: new Date(body.token_expires * 1000).toISOString() });
  }),
  forgetfulRevocation('refresh-keeps-old-token', 'refresh issues a new token but does not revoke the old one', [...REFRESH, ...VALIDATE], (req, res, route) => {
    const jwt = requestParam(req, 'jwt');
    return isOneOf(REFRESH, route) && res.status === 200 && typeof jwt === 'string' ? jwt : undefined;
  }),
  forgetfulRevocation(
    'revoked-token-validates',
    'POST /jwt/revoke answers 200 but the revoked token still validates (and can be revoked again)',
    ['revokeToken', ...VALIDATE],
    (req, res, route) => {
      const jwt = requestParam(req, 'jwt');
      return route === 'revokeToken' && res.status === 200 && typeof jwt === 'string' ? jwt : undefined;
    },
    (kept, req, res, route) => {
      const jwt = requestParam(req, 'jwt');
      return route === 'revokeToken' && res.status === 400 && typeof jwt === 'string' && kept.has(jwt) ? withJson(res, 200, { message: 'Token revoked successfully' }) : undefined;
    },
  ),
  answerFault('revoke-non-revocable-200', 'revoking a non-revocable token that is not in the registry answers 200 instead of 409', ['revokeToken'], (_req, res) =>
    res.status === 409 ? withJson(res, 200, { message: 'Token revoked successfully' }) : undefined,
  ),
  answerFault('expired-token-accepted', 'an expired token validates (exp is not checked)', VALIDATE, (req, res) =>
    res.status === 400 && reasonOf(res) === 'Expired token' ? withJson(res, 200, claimsOf(requestParam(req, 'jwt'))) : undefined,
  ),
  answerFault('user-id-claim-string', 'validate answers the `userId` claim as a string ("4")', VALIDATE, (_req, res) =>
    mapClaims(res, (claims) => (typeof claims.userId === 'number' ? { ...claims, userId: String(claims.userId) } : claims)),
  ),
  answerFault('refreshable-null-as-false', 'validate answers a login token\'s `refreshable: null` as false', VALIDATE, (_req, res) =>
    mapClaims(res, (claims) => (claims.refreshable === null ? { ...claims, refreshable: false } : claims)),
  ),
];
