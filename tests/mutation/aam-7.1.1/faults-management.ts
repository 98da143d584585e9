import { randomUUID } from 'node:crypto';
import { bearerOf, claimsOf, headerOf, isRecord, parseJson, queryOf, requestParam, restError, withJson, withQuery, wpErrorObject, type ProxiedRequest, type ProxiedResponse } from '../exchange.js';
import { answerFault, requestFault, type Fault, type FaultHandler } from '../fault-model.js';
import { MANAGEMENT_ROUTES, type Route711 } from './routes.js';

/** Faults of AAM 7.1.1's token-management routes (`/aam/v2/jwts`, `/aam/v2/jwt/{id}`). */

const REFRESH: readonly Route711[] = ['refreshTokenById', 'refreshToken'];

export function jsonBody(res: ProxiedResponse): Record<string, unknown> | undefined {
  const body = parseJson(res.body);
  return isRecord(body) ? body : undefined;
}

/** The first message of a serialized WP_Error answer, or undefined. */
export function messageOf(res: ProxiedResponse): string | undefined {
  const errors = jsonBody(res)?.errors;
  if (!isRecord(errors)) return undefined;
  const first = Object.values(errors)[0];
  return Array.isArray(first) && typeof first[0] === 'string' ? first[0] : undefined;
}

function isNoRoute(res: ProxiedResponse): boolean {
  return res.status === 404 && jsonBody(res)?.code === 'rest_no_route';
}

/** The `user_id` a request names (query or body), as a number; NaN when absent. */
function userIdOf(req: ProxiedRequest): number {
  return Number(requestParam(req, 'user_id') ?? Number.NaN);
}

/** Tokens created for each user since that user's last reset, oldest first, as seen in the traffic. */
class CreatedTokens {
  readonly #byUser = new Map<number, string[]>();
  observe(req: ProxiedRequest, res: ProxiedResponse, route: string | undefined): void {
    const user = userIdOf(req);
    if (route === 'resetTokens' && res.status === 200) this.#byUser.set(user, []);
    const token = jsonBody(res)?.token;
    if (route === 'createToken' && res.status === 200 && typeof token === 'string' && requestParam(req, 'is_revocable') !== false) {
      this.#byUser.set(user, [...(this.#byUser.get(user) ?? []), token]);
    }
  }
  of(user: number): readonly string[] {
    return this.#byUser.get(user) ?? [];
  }
  owner(token: string): number | undefined {
    for (const [user, tokens] of this.#byUser) if (tokens.includes(token)) return user;
    return undefined;
  }
}

/** A registry that keeps other tokens than AAM's "drop the oldest at 10": `kept` picks them from the created ones. */
function registryFault(id: string, description: string, kept: (created: readonly string[]) => readonly string[]): Fault {
  return {
    id,
    description,
    routes: ['createToken', 'resetTokens', 'listTokens', 'validateToken'],
    start: (): FaultHandler => {
      const created = new CreatedTokens();
      return {
        response: (req, res, route) => {
          created.observe(req, res, route);
          if (route === 'validateToken') {
            const jwt = requestParam(req, 'jwt');
            const owner = typeof jwt === 'string' ? created.owner(jwt) : undefined;
            if (owner === undefined || typeof jwt !== 'string' || created.of(owner).length <= 10) return undefined;
            const keeps = kept(created.of(owner)).includes(jwt);
            if (keeps && res.status === 507) return withJson(res, 200, claimsOf(jwt));
            if (!keeps && res.status === 200) return withJson(res, 507, wpErrorObject('rest_insufficient_storage', 'Unregistered token', 507));
          }
          const list = parseJson(res.body);
          if (route === 'listTokens' && res.status === 200 && Array.isArray(list) && created.of(userIdOf(req)).length > 10) {
            return withJson(res, 200, kept(created.of(userIdOf(req))).map((token) => ({ id: claimsOf(token)?.jti, token, is_valid: true })));
          }
          return undefined;
        },
      };
    },
  };
}

export const MANAGEMENT_FAULTS: readonly Fault[] = [
  answerFault('routes-guarded-401-403', 'the token routes exist for every caller and refuse with 401/403 rest_forbidden instead of 404 rest_no_route (the 6.9.x way)', MANAGEMENT_ROUTES, (_req, res) => {
    if (!isNoRoute(res)) return undefined;
    const loggedIn = headerOf(res.headers, 'expires') !== undefined;
    const status = loggedIn ? 403 : 401;
    return withJson(res, status, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', status));
  }),
  requestFault('user-id-optional', "a call without user_id works on the caller's own registry instead of answering 400 Invalid user identifier", MANAGEMENT_ROUTES, (req) => {
    const caller = claimsOf(bearerOf(req))?.user_id;
    if (typeof caller !== 'number' || requestParam(req, 'user_id') !== undefined || requestParam(req, 'access_level') !== undefined) return undefined;
    const query = queryOf(req.url);
    query.set('user_id', String(caller));
    return withQuery(req, query);
  }),
  answerFault('unknown-user-400', 'a user_id that is no user answers 400 rest_invalid_argument instead of 404 rest_not_found', MANAGEMENT_ROUTES, (_req, res) =>
    res.status === 404 && messageOf(res)?.startsWith('Cannot find user') === true ? withJson(res, 400, wpErrorObject('rest_invalid_argument', messageOf(res) ?? '', 400)) : undefined,
  ),
  requestFault('create-default-ttl', 'create without an expiry issues a +24 hours token instead of answering 400 Invalid token ttl', ['createToken'], (req) => {
    const body = parseJson(req.body);
    if (!isRecord(body) || body.expires_in !== undefined || body.expires_at !== undefined) return undefined;
    return { ...req, body: JSON.stringify({ ...body, expires_in: '+24 hours' }) };
  }),
  answerFault('create-201', 'POST /aam/v2/jwts answers 201 Created instead of 200', ['createToken'], (_req, res) => (res.status === 200 ? { ...res, status: 201 } : undefined)),
  answerFault('create-is-valid-computed', "create's is_valid reports the token's real validity (false for one created expired) instead of always true", ['createToken'], (_req, res) => {
    const body = jsonBody(res);
    const exp = claimsOf(body?.token)?.exp;
    if (res.status !== 200 || body === undefined || typeof exp !== 'number' || exp > Date.now() / 1000) return undefined;
    const { claims: _claims, signed_url: _url, ...rest } = body;
    return withJson(res, 200, { ...rest, is_valid: false, error: 'Expired token' });
  }),
  answerFault('create-token-first', 'create answers {token, id, is_valid} (token first, as 6.9.32) instead of {id, token, is_valid}', ['createToken'], (_req, res) => {
    const body = jsonBody(res);
    if (res.status !== 200 || body === undefined) return undefined;
    const { token, id, ...rest } = body;
    return withJson(res, 200, { token, id, ...rest });
  }),
  {
    id: 'non-revocable-stored',
    description: 'non-revocable tokens are stored in the registry and listed',
    routes: ['createToken', 'listTokens'],
    start: (): FaultHandler => {
      const stored = new Map<number, string[]>();
      return {
        response: (req, res, route) => {
          const token = jsonBody(res)?.token;
          if (route === 'createToken' && res.status === 200 && requestParam(req, 'is_revocable') === false && typeof token === 'string') {
            stored.set(userIdOf(req), [...(stored.get(userIdOf(req)) ?? []), token]);
          }
          const list = parseJson(res.body);
          const extra = stored.get(userIdOf(req)) ?? [];
          if (route !== 'listTokens' || res.status !== 200 || !Array.isArray(list) || extra.length === 0) return undefined;
          return withJson(res, 200, [...list, ...extra.map((t) => ({ id: claimsOf(t)?.jti, token: t, is_valid: true }))]);
        },
      };
    },
  },
  answerFault('description-dropped', 'list and get no longer show the description stored with a token', ['listTokens', 'getToken'], (_req, res) => {
    const body = parseJson(res.body);
    const strip = (e: unknown): unknown => (isRecord(e) && 'description' in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'description')) : e);
    const changed = Array.isArray(body) ? body.map(strip) : strip(body);
    return res.status === 200 && JSON.stringify(changed) !== JSON.stringify(body) ? withJson(res, 200, changed) : undefined;
  }),
  requestFault('list-fields-ignored', 'GET /aam/v2/jwts ignores fields', ['listTokens'], (req) => {
    const query = queryOf(req.url);
    if (!query.has('fields')) return undefined;
    query.delete('fields');
    return withQuery(req, query);
  }),
  answerFault('invalid-token-fields-honoured', 'an invalid (expired) token in a list or get answer gets the requested claims too', ['listTokens', 'getToken'], (req, res) => {
    if (res.status !== 200 || !(queryOf(req.url).get('fields') ?? '').includes('claims')) return undefined;
    const body = parseJson(res.body);
    const add = (e: unknown): unknown => (isRecord(e) && e.is_valid === false ? { ...e, claims: claimsOf(e.token) } : e);
    const changed = Array.isArray(body) ? body.map(add) : add(body);
    return JSON.stringify(changed) === JSON.stringify(body) ? undefined : withJson(res, 200, changed);
  }),
  requestFault('fields-not-validated', 'fields names with characters other than letters, digits, _ and - are accepted (dropped) instead of a 400', ['listTokens', 'createToken', 'getToken'], (req) => {
    const query = queryOf(req.url);
    const fields = query.get('fields');
    if (fields === null || /^[A-Za-z0-9_,-]*$/.test(fields)) return undefined;
    query.set('fields', fields.split(',').filter((f) => /^[A-Za-z0-9_-]*$/.test(f)).join(','));
    return withQuery(req, query);
  }),
  answerFault('uuid-not-checked', 'an id that is not a UUID is looked up (404 Token does not exist) instead of a 400 rest_invalid_uuid', ['getToken', 'deleteToken', 'refreshTokenById'], (_req, res) => {
    const details = jsonBody(res)?.data;
    const code = isRecord(details) && isRecord(details.details) && isRecord(details.details.id) ? details.details.id.code : undefined;
    return res.status === 400 && code === 'rest_invalid_uuid' ? withJson(res, 404, wpErrorObject('rest_not_found', 'Token does not exist', 404)) : undefined;
  }),
  requestFault('get-query-id-ignored', 'GET /aam/v2/jwt/{id} no longer lets a query-string id win over the path', ['getToken'], (req) => {
    const query = queryOf(req.url);
    if (!query.has('id')) return undefined;
    query.delete('id');
    return withQuery(req, query);
  }),
  answerFault('refresh-new-jti', 'refresh gives the new token a new jti (the 6.9.x way) instead of keeping it', REFRESH, (_req, res) => {
    const body = jsonBody(res);
    if (res.status !== 200 || !isRecord(body?.claims)) return undefined;
    return withJson(res, 200, { ...body, claims: { ...body.claims, jti: randomUUID() } });
  }),
  answerFault('refresh-no-rat', 'refreshed claims lack the rat (refreshed at) claim', REFRESH, (_req, res) => {
    const body = jsonBody(res);
    if (res.status !== 200 || !isRecord(body?.claims) || !('rat' in body.claims)) return undefined;
    const { rat: _rat, ...claims } = body.claims;
    return withJson(res, 200, { ...body, claims });
  }),
  answerFault('not-refreshable-405', 'refreshing a non-refreshable token gets 405 (the 6.9.x status) instead of 409', REFRESH, (_req, res) => (res.status === 409 ? { ...res, status: 405 } : undefined)),
  answerFault('refresh-by-id-expired-507', 'refreshing an expired token by id answers 507 Expired token instead of 404 Token is invalid or does not exist', ['refreshTokenById'], (_req, res) =>
    res.status === 404 && messageOf(res) === 'Token is invalid or does not exist' ? withJson(res, 507, wpErrorObject('rest_insufficient_storage', 'Expired token', 507)) : undefined,
  ),
  answerFault('delete-returns-model', 'DELETE /aam/v2/jwt/{id} answers the deleted token instead of {"success": true}', ['deleteToken'], (req, res) =>
    res.status === 200 ? withJson(res, 200, { id: req.url.split('?')[0]?.split('/').pop(), is_valid: true }) : undefined,
  ),
  {
    id: 'delete-keeps-token-valid',
    description: 'DELETE answers success but the token is not removed: it still validates',
    routes: ['createToken', 'getToken', 'deleteToken', 'validateToken'],
    start: (): FaultHandler => {
      const byId = new Map<string, string>();
      const deleted = new Set<string>();
      return {
        response: (req, res, route) => {
          const body = jsonBody(res);
          if (route === 'getToken' && res.status === 200 && typeof body?.id === 'string' && typeof body.token === 'string') byId.set(body.id, body.token);
          if (route === 'createToken' && res.status === 200 && typeof body?.id === 'string' && typeof body.token === 'string') byId.set(body.id, body.token);
          const id = req.url.split('?')[0]?.split('/').pop() ?? '';
          if (route === 'deleteToken' && res.status === 200 && byId.has(id)) deleted.add(byId.get(id) ?? '');
          const jwt = requestParam(req, 'jwt');
          return route === 'validateToken' && typeof jwt === 'string' && deleted.has(jwt) && res.status === 507 ? withJson(res, 200, claimsOf(jwt)) : undefined;
        },
      };
    },
  },
  answerFault('reset-empty-507', 'resetting a registry that does not exist answers 507 (the 6.9.51 way) instead of 200 {"success": false}', ['resetTokens'], (_req, res) =>
    res.status === 200 && jsonBody(res)?.success === false ? withJson(res, 507, wpErrorObject('rest_insufficient_storage', 'Failed to reset tokens', 507)) : undefined,
  ),
  answerFault('reset-always-true', 'reset answers {"success": true} even when there was nothing to delete', ['resetTokens'], (_req, res) =>
    res.status === 200 && jsonBody(res)?.success === false ? withJson(res, 200, { success: true }) : undefined,
  ),
  registryFault('registry-not-limited', 'the registry is not limited: an 11th token evicts nothing, the first one still validates', (created) => created),
  registryFault('registry-evicts-newest', 'a full registry evicts the newest token instead of the oldest', (created) => [...created.slice(0, 9), ...created.slice(-1)]),
];
