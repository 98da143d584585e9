import { bearerOf, claimsOf, isRecord, parseJson, queryOf, requestParam, restError, SERVICE_ROUTES, targetUserOf, withJson, withQuery, wpErrorObject, type ProxiedRequest, type ProxiedResponse, type Route } from '../exchange.js';
import { answerFault, requestFault, statelessFault, type Fault } from '../fault-model.js';
import { tokenIdOf } from './routes.js';

/**
 * Faults of AAM 6.9.51's token-management routes (`/aam/v2/service/jwts`, `/aam/v2/service/jwt/{id}`): most are
 * what a site would do that kept — or went back to — a 6.9.11–6.9.32 behaviour, or moved on to a 7.x one.
 */

const UNEXPECTED_500 = wpErrorObject('rest_unexpected_error', 'Unexpected application error', 500);
const NO_ROUTE = restError('rest_no_route', 'No route was found matching the URL and request method.', 404);
const WRITES: readonly Route[] = ['createToken', 'deleteToken', 'resetTokens'];
/** An item of `fields` that `sanitize_key()` keeps whole. */
const FIELD_NAME = /^[A-Za-z0-9_-]*$/;

function jsonBody(text: string): Record<string, unknown> | undefined {
  const body = parseJson(text);
  return isRecord(body) ? body : undefined;
}

/** The caller's user id, read from the claims of its bearer token (0 if none). */
function callerOf(req: ProxiedRequest): number {
  const userId = claimsOf(bearerOf(req))?.userId;
  return typeof userId === 'number' ? userId : 0;
}

/** `{token, id, …}`: the same keys with `token` moved first (the 6.9.32 order). */
function tokenFirst(item: unknown): unknown {
  if (!isRecord(item) || !('token' in item)) return item;
  const { token, ...rest } = item;
  return { token, ...rest };
}

/** Replaces every boolean `is_valid` of an item or list by a string. */
function stringifyIsValid(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyIsValid);
  if (!isRecord(value) || typeof value.is_valid !== 'boolean') return value;
  return { ...value, is_valid: String(value.is_valid) };
}

/** A body that differs from the answer's, or undefined when it is the same (the fault did not apply). */
function changed(res: ProxiedResponse, status: number, value: unknown): ProxiedResponse | undefined {
  return JSON.stringify(value) === JSON.stringify(parseJson(res.body)) && status === res.status ? undefined : withJson(res, status, value);
}

/** The request with `rewrite` applied to its query string (undefined when the query did not change). */
function rewriteQuery(req: ProxiedRequest, rewrite: (query: URLSearchParams) => void): ProxiedRequest | undefined {
  const query = queryOf(req.url);
  const before = query.toString();
  rewrite(query);
  return query.toString() === before ? undefined : withQuery(req, query);
}

/** Whether WordPress' `rest_is_integer()` accepts a query-string value. */
function isWpInteger(value: string): boolean {
  const n = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(n) && Math.round(n) === n;
}

export const SERVICE_FAULTS_6951: readonly Fault[] = [
  answerFault('create-201', 'POST /service/jwts answers 201 Created instead of 200', ['createToken'], (_req, res) =>
    res.status === 200 ? { ...res, status: 201 } : undefined,
  ),
  answerFault('create-token-first', 'the created token comes back as {"token","id"} (the 6.9.32 key order) instead of id first', ['createToken'], (_req, res) =>
    res.status === 200 ? changed(res, 200, tokenFirst(parseJson(res.body))) : undefined,
  ),
  answerFault('create-fields-ignored', 'POST /service/jwts ignores `fields`: only id and token come back', ['createToken'], (_req, res) => {
    const body = jsonBody(res.body);
    return res.status === 200 && body !== undefined ? changed(res, 200, { id: body.id, token: body.token }) : undefined;
  }),
  requestFault('create-missing-user-id-uses-caller', 'create without a valid `user_id` stores the token for the caller (200) instead of failing with 507', ['createToken'], (req) => {
    if (targetUserOf(req) > 0 || callerOf(req) === 0) return undefined;
    return rewriteQuery(req, (query) => query.set('user_id', String(callerOf(req))));
  }),
  answerFault('write-failure-500', 'a failed registry write answers 500 "Unexpected application error" (the 6.9.32 answer) instead of 507', WRITES, (_req, res) =>
    res.status === 507 ? withJson(res, 500, UNEXPECTED_500) : undefined,
  ),
  answerFault('created-expired-valid', 'a token created already expired is reported `is_valid: true` without `error` (the 7.x answer)', ['createToken'], (_req, res) => {
    const body = jsonBody(res.body);
    if (res.status !== 200 || body?.is_valid !== false) return undefined;
    const { error: _error, ...rest } = body;
    return withJson(res, 200, { ...rest, is_valid: true });
  }),
  requestFault('expires-at-array-accepted', 'an `expires_at` array no longer makes PHP fail: it is ignored and the token is created (200)', ['createToken'], (req) => {
    const body = jsonBody(req.body);
    if (body === undefined || typeof body.expires_at !== 'object' || body.expires_at === null) return undefined;
    const { expires_at: _dropped, ...rest } = body;
    return { ...req, body: JSON.stringify(rest) };
  }),
  requestFault('user-id-body-ignored', '`user_id` is read from the query string only (a body `user_id` is ignored: the write fails with 507)', SERVICE_ROUTES, (req) => {
    const body = jsonBody(req.body);
    if (body !== undefined && 'user_id' in body) {
      const { user_id: _dropped, ...rest } = body;
      return { ...req, body: JSON.stringify(rest) };
    }
    const form = new URLSearchParams(req.body);
    if (body !== undefined || !form.has('user_id')) return undefined;
    form.delete('user_id');
    return { ...req, body: form.toString() };
  }),
  answerFault('list-token-first', 'list elements start with `token` (the 6.9.32 key order) instead of `id`', ['listTokens'], (_req, res) => {
    const body = parseJson(res.body);
    return res.status === 200 && Array.isArray(body) ? changed(res, 200, body.map(tokenFirst)) : undefined;
  }),
  answerFault('list-missing-fields-null', 'a requested field the token lacks comes back as `null` (the 6.9.32 answer) instead of being dropped', ['listTokens', 'getToken'], (req, res) => {
    const body = parseJson(res.body);
    const fields = (queryOf(req.url).get('fields') ?? '').split(',').filter((name) => name !== '' && name !== '0');
    if (res.status !== 200 || fields.length === 0) return undefined;
    const fill = (item: unknown): unknown => (isRecord(item) ? { ...item, ...Object.fromEntries(fields.filter((f) => !(f in item)).map((f) => [f, null])) } : item);
    return changed(res, 200, Array.isArray(body) ? body.map(fill) : fill(body));
  }),
  requestFault('fields-unvalidated', 'the `fields` check is gone: items that are not keys are accepted (and dropped) instead of a 400', ['listTokens', 'getToken', 'createToken'], (req) =>
    rewriteQuery(req, (query) => {
      const fields = query.get('fields');
      if (fields !== null) query.set('fields', fields.split(',').filter((item) => FIELD_NAME.test(item)).join(','));
    }),
  ),
  requestFault('user-id-unvalidated', '`user_id` is not validated as an integer (PHP intval: "abc" → the caller\'s registry) instead of a 400', SERVICE_ROUTES, (req) =>
    rewriteQuery(req, (query) => {
      const userId = query.get('user_id');
      if (userId !== null && !isWpInteger(userId)) query.set('user_id', String(Number.parseInt(userId, 10) || 0));
    }),
  ),
  requestFault('access-level-ignored', 'the `access_level=user` check of `user_id` is gone (an unknown user passes)', SERVICE_ROUTES, (req) =>
    rewriteQuery(req, (query) => query.delete('access_level')),
  ),
  answerFault('read-own-registry-507', 'reads without `user_id` fail with 507 like the writes instead of using the caller\'s registry', ['listTokens', 'getToken'], (req, res) =>
    res.status === 200 && targetUserOf(req) <= 0 ? withJson(res, 507, wpErrorObject('rest_insufficient_storage', 'Failed to read tokens', 507)) : undefined,
  ),
  answerFault('get-not-found-500', 'GET /service/jwt/{id} of an unknown token answers 500 (the 6.9.32 answer) instead of 404', ['getToken'], (_req, res) =>
    res.status === 404 && res.body.includes('rest_not_found') ? withJson(res, 500, UNEXPECTED_500) : undefined,
  ),
  answerFault('get-full-model', 'GET /service/jwt/{id} ignores `fields` and answers the whole token model (the 6.9.32 answer)', ['getToken'], (_req, res) => {
    const body = jsonBody(res.body);
    const claims = claimsOf(body?.token);
    if (res.status !== 200 || body === undefined || claims === undefined) return undefined;
    return changed(res, 200, { id: body.id, is_valid: true, claims, signed_url: `${String(claims.iss)}?aam-jwt=${String(body.token)}`, token: body.token });
  }),
  requestFault('get-query-id-ignored', 'GET /service/jwt/{id} no longer lets a query-string `id` win over the path', ['getToken'], (req) =>
    rewriteQuery(req, (query) => query.delete('id')),
  ),
  answerFault('delete-answers-true', 'DELETE /service/jwt/{id} answers `true` (the service result) instead of {"success":true}', ['deleteToken'], (_req, res) =>
    res.status === 200 ? withJson(res, 200, true) : undefined,
  ),
  answerFault('delete-not-found-200', 'DELETE of an unknown token answers 200 {"success":true} (an "idempotent" delete) instead of 404', ['deleteToken'], (_req, res) =>
    res.status === 404 && res.body.includes('rest_not_found') ? withJson(res, 200, { success: true }) : undefined,
  ),
  answerFault('not-found-error-shape-a', 'the 404 of an unknown token comes as {code,message,data} instead of a serialized WP_Error', ['getToken', 'deleteToken'], (_req, res) =>
    res.status === 404 && res.body.includes('rest_not_found') ? withJson(res, 404, restError('rest_not_found', 'Token does not exist', 404)) : undefined,
  ),
  {
    id: 'delete-keeps-token-valid',
    description: 'DELETE answers {"success":true} but the registry write is lost: the deleted token still validates',
    routes: ['createToken', 'deleteToken', 'validateToken', 'validateTokenV1'],
    start: () => {
      const byId = new Map<unknown, string>();
      const deleted = new Set<string>();
      return {
        response: (req, res, route) => {
          const body = jsonBody(res.body);
          if (route === 'createToken' && res.status === 200 && typeof body?.token === 'string') byId.set(body.id, body.token);
          const token = byId.get(tokenIdOf(req));
          if (route === 'deleteToken' && res.status === 200 && token !== undefined) deleted.add(token);
          if (route !== 'validateToken' && route !== 'validateTokenV1') return undefined;
          const jwt = requestParam(req, 'jwt');
          return typeof jwt === 'string' && deleted.has(jwt) && res.status === 400 ? withJson(res, 200, claimsOf(jwt)) : undefined;
        },
      };
    },
  },
  answerFault('reset-deleted-count', 'DELETE /service/jwts answers {"deleted_token_count":N} (the 6.9.32 body) instead of the emptied list []', ['resetTokens'], (_req, res) =>
    res.status === 200 ? withJson(res, 200, { deleted_token_count: 0 }) : undefined,
  ),
  answerFault('reset-missing-registry-200', 'reset of a user without a registry answers 200 [] instead of 507', ['resetTokens'], (req, res) =>
    res.status === 507 && targetUserOf(req) > 0 ? withJson(res, 200, []) : undefined,
  ),
  answerFault('reset-route-removed', 'DELETE /service/jwts is not registered (404 rest_no_route): the collection has no reset', ['resetTokens'], (_req, res) =>
    withJson(res, 404, NO_ROUTE),
  ),
  statelessFault('old-collection-kept', 'the 6.9.32 collection GET/POST /service/jwt still answers (200) instead of 404 rest_no_route', ['listTokens', 'createToken'], {
    response: (req, res) =>
      res.status === 404 && /^\/wp-json\/aam\/v2\/service\/jwt\/?$/i.test(req.url.split('?')[0] ?? '') ? withJson(res, 200, []) : undefined,
  }),
  answerFault('is-valid-string', '`is_valid` is sent as a string ("true") in token answers', ['listTokens', 'getToken', 'createToken'], (_req, res) => {
    const body = parseJson(res.body);
    return res.status === 200 ? changed(res, 200, stringifyIsValid(body)) : undefined;
  }),
];
