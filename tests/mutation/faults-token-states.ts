import { isRecord, parseJson, requestParam, withJson } from './exchange.js';
import { answerFault, type Fault } from './fault-model.js';

/** Faults in how a token's state (valid, expired, revoked, evicted) and the registry's order show. */

export const TOKEN_STATE_FAULTS: readonly Fault[] = [
  answerFault('list-newest-first', 'GET /service/jwt lists the newest token first', ['listTokens'], (_req, res) => {
    const body = parseJson(res.body);
    return res.status === 200 && Array.isArray(body) && body.length > 1 ? withJson(res, 200, [...body].reverse()) : undefined;
  }),
  answerFault('expired-listed-valid', 'an expired token is listed as valid (is_valid true, error null)', ['listTokens'], (_req, res) => {
    const body = parseJson(res.body);
    if (res.status !== 200 || !Array.isArray(body) || !body.some((t) => isRecord(t) && t.error === 'Expired token')) return undefined;
    return withJson(res, 200, body.map((t: unknown) => (isRecord(t) && t.error === 'Expired token' ? { ...t, is_valid: true, error: null } : t)));
  }),
  answerFault('invalid-record-id-first', 'the record of a token that is not valid starts with id (like a valid one) instead of is_valid, error', ['getToken', 'deleteToken'], (_req, res) => {
    const body = parseJson(res.body);
    if (res.status !== 200 || !isRecord(body) || body.is_valid !== false) return undefined;
    const { id, ...rest } = body;
    return withJson(res, 200, { id, ...rest });
  }),
  answerFault('revoked-token-refreshes', 'a revoked or evicted token can still be refreshed (200, a token back)', ['refreshToken', 'refreshTokenV1'], (req, res) => {
    const body = parseJson(res.body);
    const jwt = requestParam(req, 'jwt');
    if (res.status !== 400 || !isRecord(body) || body.reason !== 'Token has been revoked' || typeof jwt !== 'string') return undefined;
    return withJson(res, 200, { token: jwt, token_expires: 4102444800 });
  }),
];
