import { bearerOf, claimsOf, isRecord, parseJson, queryOf, requestParam, restError, SERVICE_ROUTES, targetUserOf, withJson, withQuery, wpErrorObject, type ProxiedRequest } from './exchange.js';
import { answerFault, requestFault, type Fault } from './fault-model.js';

/** Faults of the token-management routes (`/aam/v2/service/jwt*`). */

const NOT_FOUND_500 = wpErrorObject('rest_unexpected_error', 'Unexpected application error', 500);

function jsonBody(text: string): Record<string, unknown> | undefined {
  const body = parseJson(text);
  return isRecord(body) ? body : undefined;
}

/** Replaces every boolean `is_valid` of a model or list element by a string. */
function stringifyIsValid(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyIsValid);
  if (!isRecord(value) || typeof value.is_valid !== 'boolean') return value;
  return { ...value, is_valid: String(value.is_valid) };
}

/** The caller's user id, read from the claims of its bearer token (0 if none). */
function callerOf(req: ProxiedRequest): number {
  const userId = claimsOf(bearerOf(req))?.userId;
  return typeof userId === 'number' ? userId : 0;
}

export const SERVICE_FAULTS: readonly Fault[] = [
  answerFault('create-201', 'POST /service/jwt answers 201 Created instead of 200', ['createToken'], (_req, res) =>
    res.status === 200 ? { ...res, status: 201 } : undefined,
  ),
  answerFault('create-token-missing', 'the created token comes back without `token` (only the requested fields)', ['createToken'], (_req, res) => {
    const body = jsonBody(res.body);
    if (res.status !== 200 || body === undefined || !('token' in body)) return undefined;
    const { token: _token, ...rest } = body;
    return withJson(res, 200, rest);
  }),
  answerFault('create-id-missing', 'the created token comes back without `id` (the default fields are not applied)', ['createToken'], (_req, res) => {
    const body = jsonBody(res.body);
    if (res.status !== 200 || body === undefined || !('id' in body)) return undefined;
    const { id: _id, ...rest } = body;
    return withJson(res, 200, rest);
  }),
  requestFault('create-missing-user-id-uses-caller', 'create without a valid `user_id` stores the token for the caller (200) instead of failing with 500', ['createToken'], (req) => {
    if (targetUserOf(req) > 0 || callerOf(req) === 0) return undefined;
    const query = queryOf(req.url);
    query.set('user_id', String(callerOf(req)));
    return withQuery(req, query);
  }),
  answerFault('is-valid-string', '`is_valid` is sent as a string ("true") in the token model and list elements', ['listTokens', 'getToken', 'deleteToken', 'createToken'], (_req, res) => {
    const body = parseJson(res.body);
    if (res.status !== 200 || body === undefined) return undefined;
    const changed = stringifyIsValid(body);
    return JSON.stringify(changed) === JSON.stringify(body) ? undefined : withJson(res, 200, changed);
  }),
  requestFault('list-fields-ignored', 'GET /service/jwt ignores `fields` (every element is the bare default)', ['listTokens'], (req) => {
    const query = queryOf(req.url);
    if (!query.has('fields')) return undefined;
    query.delete('fields');
    return withQuery(req, query);
  }),
  requestFault('list-default-fields-fixed', 'the list-without-`fields` quirk "fixed": the intended default id,is_valid,error applies', ['listTokens'], (req) => {
    const query = queryOf(req.url);
    if ((query.get('fields') ?? '') !== '') return undefined;
    query.set('fields', 'id,is_valid,error');
    return withQuery(req, query);
  }),
  answerFault('list-own-registry-500', "listing the caller's own tokens (no `user_id`) fails with 500 like the writes do", ['listTokens'], (req, res) =>
    res.status === 200 && targetUserOf(req) === 0 ? withJson(res, 500, NOT_FOUND_500) : undefined,
  ),
  answerFault('get-not-found-404', 'GET /service/jwt/{id} of an unknown token answers 404 rest_not_found instead of 500 (the 6.9.33 behaviour)', ['getToken'], (_req, res) =>
    res.status === 500 ? withJson(res, 404, wpErrorObject('rest_not_found', 'Token does not exist', 404)) : undefined,
  ),
  requestFault('get-query-id-ignored', 'GET /service/jwt/{id} no longer lets a query-string `id` win over the path', ['getToken'], (req) => {
    const query = queryOf(req.url);
    if (!query.has('id')) return undefined;
    query.delete('id');
    return withQuery(req, query);
  }),
  answerFault('get-fields-honoured', 'GET /service/jwt/{id} applies `fields` like the list instead of returning the full model', ['getToken'], (req, res) => {
    const body = jsonBody(res.body);
    const fields = queryOf(req.url).get('fields');
    if (res.status !== 200 || body === undefined || fields === null) return undefined;
    const picked: Record<string, unknown> = { token: body.token };
    for (const field of fields.split(',')) picked[field] = field in body ? body[field] : null;
    return withJson(res, 200, picked);
  }),
  answerFault('delete-not-found-500', 'DELETE of an unknown token answers 500 instead of 404 (the UnderflowException is no longer mapped)', ['deleteToken'], (_req, res) =>
    res.status === 404 && res.body.includes('rest_not_found') ? withJson(res, 500, NOT_FOUND_500) : undefined,
  ),
  answerFault('delete-error-shape-a', 'the 404 of DELETE comes in the WordPress error shape {code,message,data} instead of a serialized WP_Error', ['deleteToken'], (_req, res) =>
    res.status === 404 && res.body.includes('rest_not_found') ? withJson(res, 404, restError('rest_not_found', 'Token does not exist', 404)) : undefined,
  ),
  {
    id: 'delete-keeps-token-valid',
    description: 'DELETE answers 200 but the registry write is lost: the deleted token still validates',
    routes: ['deleteToken', 'validateToken', 'validateTokenV1'],
    start: () => {
      const deleted = new Set<string>();
      return {
        response: (req, res, route) => {
          const body = jsonBody(res.body);
          if (route === 'deleteToken' && res.status === 200 && typeof body?.token === 'string') deleted.add(body.token);
          if (route !== 'validateToken' && route !== 'validateTokenV1') return undefined;
          const jwt = requestParam(req, 'jwt');
          return typeof jwt === 'string' && deleted.has(jwt) && res.status === 400 ? withJson(res, 200, claimsOf(jwt)) : undefined;
        },
      };
    },
  },
  answerFault('reset-count-after-delete', 'reset miscounts: `deleted_token_count` is counted after the deletion (always 0)', ['resetTokens'], (_req, res) => {
    const body = jsonBody(res.body);
    return res.status === 200 && typeof body?.deleted_token_count === 'number' && body.deleted_token_count !== 0 ? withJson(res, 200, { deleted_token_count: 0 }) : undefined;
  }),
  answerFault('reset-missing-registry-200', 'reset of a user without a registry answers 200 {"deleted_token_count":0} instead of 500', ['resetTokens'], (req, res) =>
    res.status === 500 && targetUserOf(req) > 0 ? withJson(res, 200, { deleted_token_count: 0 }) : undefined,
  ),
  answerFault('forbidden-as-401', 'an authenticated caller without the capabilities gets 401 where 403 is due', SERVICE_ROUTES, (_req, res) => {
    const body = jsonBody(res.body);
    return res.status === 403 && body?.code === 'rest_forbidden' ? withJson(res, 401, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401)) : undefined;
  }),
  answerFault('invalid-param-after-permission', 'the permission check runs before parameter validation: an anonymous bad request gets 401, not 400', ['createToken'], (req, res) => {
    const body = jsonBody(res.body);
    if (res.status !== 400 || body?.code !== 'rest_invalid_param' || req.headers.authorization !== undefined) return undefined;
    return withJson(res, 401, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401));
  }),
];
