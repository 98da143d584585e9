import { phpEmpty } from '../../php/values.js';
import type { PhpValue } from '../../php/values.js';
import type { RestRequest } from '../../wp-rest/request.js';
import type { RouteRegistry } from '../../wp-rest/routes.js';
import { CREATABLE, DELETABLE, EDITABLE, READABLE } from '../../wp-rest/types.js';
import type { ArgSpec, RestHandler, RestResult } from '../../wp-rest/types.js';
import type { AamContext } from '../../aam/context.js';
import { REGISTRY_OPTION } from '../../aam/context.js';
import { AamException, prepareErrorResponse, wpErrorObject } from '../../aam/errors.js';
import { deleteRegistry, getRegistry, registerToken } from '../../aam/registry.js';
import { canManage, createClaims, phpString, targetUserId, validateExpiresIn } from '../../aam/service-core.js';
import { pickFields, tokenModel } from '../../aam/token-model.js';

const NAMESPACE = 'aam/v2/service';
const ID_ARG: Record<string, ArgSpec> = { id: { description: 'Token unique ID', type: 'string', required: true } };

/**
 * `get_token_list()`: every registered token through `_prepare_token()`, which validates it — so a token
 * whose validation is a fatal error (a non-numeric `iat`) breaks every call that lists, finds or resets.
 */
async function tokenList(ctx: AamContext, userId: number, currentUserId: number): Promise<{ token: string; model: Map<string, PhpValue> }[]> {
  const out: { token: string; model: Map<string, PhpValue> }[] = [];
  for (const token of getRegistry(ctx, userId, currentUserId)) out.push({ token, model: await tokenModel(ctx, token) });
  return out;
}

/** `get_token_by_id()`: the last listed token whose model id is `=== id`. */
async function findToken(ctx: AamContext, req: RestRequest, userId: number): Promise<string> {
  const id = req.getParam('id');
  let found: string | undefined;
  for (const { token, model } of await tokenList(ctx, userId, req.currentUserId)) if (model.get('id') === id) found = token;
  if (found === undefined) throw new AamException('ERR_AAM_UNDERFLOW', 'Token does not exist');
  return found;
}

async function list(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const fields = phpString(req.getParam('fields')).split(',');
  const out: PhpValue[] = [];
  for (const { model } of await tokenList(ctx, targetUserId(ctx, req), req.currentUserId)) out.push(pickFields(model, fields));
  return { status: 200, data: out };
}

async function create(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const userId = targetUserId(ctx, req);
  const claims = createClaims(ctx, req, userId);
  const issued = ctx.jwt.issue(claims);
  if (!registerToken(ctx, userId, issued.token, req.currentUserId)) {
    return prepareErrorResponse(new AamException('ERR_AAM_RUNTIME', 'Failed to register JWT token'), ctx.wpDebug);
  }
  const rawFields = req.getParam('fields');
  const fields = phpEmpty(rawFields) ? ['id', 'token'] : phpString(rawFields).split(',');
  return { status: 200, data: pickFields(await tokenModel(ctx, issued.token), fields) };
}

async function getOne(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  try {
    return { status: 200, data: await tokenModel(ctx, await findToken(ctx, req, targetUserId(ctx, req))) };
  } catch (err) {
    if (err instanceof AamException) return prepareErrorResponse(err, ctx.wpDebug);
    throw err;
  }
}

async function deleteOne(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const userId = targetUserId(ctx, req);
  let token: string;
  try {
    token = await findToken(ctx, req, userId);
  } catch (err) {
    if (err instanceof AamException) return wpErrorObject('rest_not_found', err.message, 404);
    throw err;
  }
  const filtered = getRegistry(ctx, userId, req.currentUserId).filter((t) => t !== token);
  if (!ctx.userOptions.update(REGISTRY_OPTION, userId, filtered)) {
    return prepareErrorResponse(new AamException('ERR_AAM_RUNTIME', 'Failed to revoke the token'), ctx.wpDebug);
  }
  return { status: 200, data: await tokenModel(ctx, token) };
}

async function reset(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const userId = targetUserId(ctx, req);
  const count = (await tokenList(ctx, userId, req.currentUserId)).length;
  if (!deleteRegistry(ctx, userId)) {
    return prepareErrorResponse(new AamException('ERR_AAM_RUNTIME', 'Failed to reset tokens'), ctx.wpDebug);
  }
  return { status: 200, data: { deleted_token_count: count } };
}

/**
 * `AAM_Core_Restful_JwtService`: five handlers on three routes, registered one by one the way
 * AAM does — its common `user_id`/`fields` args are lost by the non-recursive `array_merge`,
 * so they are simply not declared here.
 */
export function registerServiceRoutes(registry: RouteRegistry, ctx: AamContext): void {
  const permission = canManage(ctx);
  const handler = (methods: readonly string[], cb: (c: AamContext, r: RestRequest) => Promise<RestResult>, args: Record<string, ArgSpec> = {}): RestHandler =>
    ({ methods, permission, args, callback: (req) => cb(ctx, req) });
  registry.register(NAMESPACE, '/jwt', handler(READABLE, list));
  registry.register(NAMESPACE, '/jwt', handler(CREATABLE, create, {
    expires_at: { description: 'Well formatted date-time when the token expires', type: 'date-time' },
    expires_in: { description: 'Relative datetime format', type: 'string', validate: validateExpiresIn(ctx) },
    is_refreshable: { description: 'Wether issued JWT is refreshable', type: 'boolean' },
    is_revocable: { description: 'Wether issued JWT is revocable', type: 'boolean' },
    additional_claims: { description: 'Any additional claims to include in the token', type: 'object' },
  }));
  registry.register(NAMESPACE, '/jwt/(?<id>[\\dA-Za-z\\-]+)', handler(READABLE, getOne, ID_ARG));
  registry.register(NAMESPACE, '/jwt/(?<id>[\\dA-Za-z\\-]+)', handler(DELETABLE, deleteOne, ID_ARG));
  registry.register(NAMESPACE, '/jwt/reset', handler(EDITABLE, reset));
}
