import { phpEmpty, phpNumeric } from '../php/values.js';
import type { PhpValue } from '../php/values.js';
import type { RestRequest } from '../wp-rest/request.js';
import type { RouteRegistry } from '../wp-rest/routes.js';
import type { ArgSpec, RestResult } from '../wp-rest/types.js';
import type { AamContext } from './context.js';
import { registerToken, revokeToken } from './registry.js';
import { claimUserId, validateWithRegistry } from './validate.js';

const JWT_ARG: Record<string, ArgSpec> = { jwt: { description: 'JWT token.', type: 'string' } };

function failure(reason: string, status = 400, code = 'rest_jwt_validation_failure'): RestResult {
  return { status, data: { code, reason } };
}

async function validate(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const result = await validateWithRegistry(ctx, req.getParam('jwt'), req.currentUserId);
  return result.valid ? { status: 200, data: result.claims } : failure(result.error);
}

async function refresh(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const jwt = req.getParam('jwt');
  const result = await validateWithRegistry(ctx, jwt, req.currentUserId);
  if (!result.valid) return failure(result.error);
  const claims = result.claims.props;
  if (phpEmpty(claims.get('refreshable'))) return failure('JWT token is not refreshable', 405);
  const lifetime = (phpNumeric(claims.get('exp') ?? 0) ?? 0) - (phpNumeric(claims.get('iat') ?? 0) ?? 0);
  const issued = ctx.jwt.issue(new Map<string, PhpValue>([
    ['userId', claims.get('userId') ?? null],
    ['revocable', true],
    ['refreshable', true],
    ['exp', ctx.jwt.nowSeconds() + Math.trunc(lifetime)],
  ]));
  registerToken(ctx, claimUserId(result.claims), issued.token, req.currentUserId, jwt as string);
  return { status: 200, data: { token: issued.token, token_expires: issued.claims.get('exp') ?? null } };
}

async function revoke(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const jwt = req.getParam('jwt');
  const result = await validateWithRegistry(ctx, jwt, req.currentUserId);
  if (!result.valid) return failure(result.error);
  if (revokeToken(ctx, claimUserId(result.claims), jwt as string, req.currentUserId)) {
    return { status: 200, data: { message: 'Token revoked successfully' } };
  }
  return failure('Failed to revoke provided token', 409, 'rest_jwt_revoking_failure');
}

/** SJ `registerAPI()`: validate, refresh (v2 and deprecated v1) and revoke, all public POSTs. */
export function registerJwtRoutes(registry: RouteRegistry, ctx: AamContext): void {
  const route = (ns: string, path: string, cb: (c: AamContext, r: RestRequest) => Promise<RestResult>): void =>
    registry.register(ns, path, { methods: ['POST'], permission: () => true, args: JWT_ARG, callback: (req) => cb(ctx, req) });
  route('aam/v2', '/jwt/validate', validate);
  route('aam/v1', '/validate-jwt', validate);
  route('aam/v2', '/jwt/refresh', refresh);
  route('aam/v1', '/refresh-jwt', refresh);
  route('aam/v2', '/jwt/revoke', revoke);
}
