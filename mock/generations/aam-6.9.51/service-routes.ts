/**
 * `AAM_Restful_JwtService` of AAM 6.9.33–6.9.51 over `AAM_Framework_Service_Jwts`: the collection
 * `/aam/v2/service/jwts` (GET list, POST create, DELETE reset) and the item `/aam/v2/service/jwt/{id}`
 * (GET, DELETE). Every handler catches the framework's exceptions and answers them as a serialized WP_Error
 * with the status of the exception class (§ the exception map of `AAM_Restful_ServiceTrait`).
 */
import { phpTruthy } from '../../php/values.js';
import type { PhpMap, PhpValue } from '../../php/values.js';
import type { RestRequest } from '../../wp-rest/request.js';
import type { RouteRegistry } from '../../wp-rest/routes.js';
import { CREATABLE, DELETABLE, READABLE } from '../../wp-rest/types.js';
import type { ArgSpec, RestHandler, RestResult } from '../../wp-rest/types.js';
import type { AamContext } from '../../aam/context.js';
import { AamException, wpErrorObject } from '../../aam/errors.js';
import { deleteRegistry, getRegistry, registerToken, revokeToken } from '../../aam/registry.js';
import { canManage, createClaims, phpString, targetUserId } from '../../aam/service-core.js';
import { peekClaims, tokenModel } from '../../aam/token-model.js';
import { serviceArgs } from './service-args.js';

const NAMESPACE = 'aam/v2/service';

/** `_determine_response_attributes()`: the REST code and HTTP status of each exception class. */
const EXCEPTION_MAP: Readonly<Record<AamException['code'], readonly [code: string, status: number]>> = {
  ERR_AAM_OUT_OF_RANGE: ['rest_not_found', 404],
  ERR_AAM_RUNTIME: ['rest_insufficient_storage', 507],
  ERR_AAM_UNDERFLOW: ['rest_unexpected_error', 500],
};

/** `_prepare_error_response()`: WP_DEBUG adds the trace to every status; without it only a 500 is masked. */
function errorResponse(err: AamException, wpDebug: boolean): RestResult {
  const [code, status] = EXCEPTION_MAP[err.code];
  if (wpDebug) return wpErrorObject(code, err.message, status, { status, details: { trace: [] } });
  return wpErrorObject(code, status === 500 ? 'Unexpected application error' : err.message, status);
}

/** `_prepare_token_output()`: `id` and `token` first, then each requested field once, if the model has it. */
export function tokenOutput(model: PhpMap, req: RestRequest): PhpMap {
  const fields = req.getParam('fields');
  const names = new Set(['id', 'token', ...(phpTruthy(fields) ? phpString(fields).split(',') : [])]);
  const out: PhpMap = new Map();
  for (const name of names) if (model.has(name)) out.set(name, model.get(name) as PhpValue);
  return out;
}

/** `get_token_by_id()`: the last registry token whose model `id` is exactly `{id}` (an integer jti never matches). */
function findToken(ctx: AamContext, req: RestRequest): string {
  const id = req.getParam('id');
  const token = getRegistry(ctx, targetUserId(ctx, req), req.currentUserId).findLast((t) => peekClaims(t)?.props.get('jti') === id);
  if (token === undefined) throw new AamException('ERR_AAM_OUT_OF_RANGE', 'Token does not exist');
  return token;
}

async function tokenList(ctx: AamContext, req: RestRequest): Promise<PhpValue[]> {
  const out: PhpValue[] = [];
  for (const token of getRegistry(ctx, targetUserId(ctx, req), req.currentUserId)) out.push(tokenOutput(await tokenModel(ctx, token), req));
  return out;
}

async function create(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const userId = targetUserId(ctx, req);
  const issued = ctx.jwt.issue(createClaims(ctx, req, userId));
  if (!registerToken(ctx, userId, issued.token, req.currentUserId)) throw new AamException('ERR_AAM_RUNTIME', 'Failed to register token');
  return tokenOutput(await tokenModel(ctx, issued.token), req);
}

async function getOne(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  return tokenOutput(await tokenModel(ctx, findToken(ctx, req)), req);
}

async function deleteOne(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const token = findToken(ctx, req);
  if (!revokeToken(ctx, targetUserId(ctx, req), token, req.currentUserId)) throw new AamException('ERR_AAM_RUNTIME', 'Failed to revoke the token');
  return { success: true };
}

async function reset(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  if (!deleteRegistry(ctx, targetUserId(ctx, req))) throw new AamException('ERR_AAM_RUNTIME', 'Failed to reset tokens');
  return tokenList(ctx, req);
}

/** The five handlers on their two routes, registered in AAM's order: list, create, get, delete, reset. */
export function registerServiceRoutes(registry: RouteRegistry, ctx: AamContext): void {
  const permission = canManage(ctx);
  const args = serviceArgs(ctx);
  const handler = (methods: readonly string[], cb: (c: AamContext, r: RestRequest) => Promise<PhpValue>, handlerArgs: Record<string, ArgSpec>): RestHandler => ({
    methods,
    permission,
    args: handlerArgs,
    callback: async (req) => {
      try {
        return { status: 200, data: await cb(ctx, req) };
      } catch (err) {
        if (err instanceof AamException) return errorResponse(err, ctx.wpDebug);
        throw err;
      }
    },
  });
  registry.register(NAMESPACE, '/jwts', handler(READABLE, tokenList, args.list));
  registry.register(NAMESPACE, '/jwts', handler(CREATABLE, create, args.create));
  registry.register(NAMESPACE, '/jwt/(?P<id>[\\dA-Za-z\\-]+)', handler(READABLE, getOne, args.get));
  registry.register(NAMESPACE, '/jwt/(?P<id>[\\dA-Za-z\\-]+)', handler(DELETABLE, deleteOne, args.delete));
  registry.register(NAMESPACE, '/jwts', handler(DELETABLE, reset, args.reset));
}
