import { phpEmpty, phpIsset } from '../../php/values.js';
import type { PhpValue } from '../../php/values.js';
import type { RestRequest } from '../../wp-rest/request.js';
import type { RouteRegistry } from '../../wp-rest/routes.js';
import { EDITABLE } from '../../wp-rest/types.js';
import type { ArgSpec, RestResult } from '../../wp-rest/types.js';
import type { AamContext } from '../../aam/context.js';
import { PhpException, restful } from './exceptions.js';
import { JwtUtility } from './jwt-utility.js';
import { JwtsService } from './jwts-service.js';
import { resolveUser } from './users.js';

const JWT_ARG: Record<string, ArgSpec> = { jwt: { description: 'JWT token.', type: 'string' } };

/**
 * `_get_jwt_service_through_jwt()`: the JWT service of the token's owner (claim `userId`, else `user_id`);
 * a missing or undecodable token is an InvalidArgumentException.
 */
function ownerService(ctx: AamContext, jwt: PhpValue | undefined): { service: JwtsService; token: string } {
  if (phpEmpty(jwt) || typeof jwt !== 'string') throw new PhpException('InvalidArgumentException', 'Invalid JWT token');
  const decoded = new JwtUtility(ctx).decode(jwt);
  if (!decoded.ok) throw new PhpException('InvalidArgumentException', decoded.error);
  const owner = phpIsset(decoded.claims, 'userId') ? decoded.claims.get('userId') : decoded.claims.get('user_id');
  return { service: new JwtsService(ctx, resolveUser(ctx, owner ?? null).id), token: jwt };
}

async function validate(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const { service, token } = ownerService(ctx, req.getParam('jwt'));
  await service.validate(token);
  const decoded = new JwtUtility(ctx).decode(token);
  return decoded.ok ? decoded.claims : null;
}

async function refresh(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const { service, token } = ownerService(ctx, req.getParam('jwt'));
  await service.validate(token);
  const issued = await service.refresh(token);
  return new Map<string, PhpValue>([['token', issued.token], ['claims', issued.claims]]);
}

async function revoke(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const { service, token } = ownerService(ctx, req.getParam('jwt'));
  await service.validate(token);
  service.revoke(token);
  return { message: 'Token revoked successfully' };
}

/** `_deprecated_function()` under WP_DEBUG: WordPress reports it in a header. */
function deprecation(ctx: AamContext, route: string): [string, string][] {
  if (!ctx.wpDebug) return [];
  const name = route.replace('/aam/v2', '');
  return [['X-WP-DeprecatedFunction', `${route} (since 7.1.1; use Deprecated ${name} REST API endpoint will be removed in 7.5.0 instead)`]];
}

/**
 * `AAM_Restful_BackwardCompatibility`: the deprecated public `/aam/v2/jwt/{validate,refresh,revoke}`
 * (POST, PUT or PATCH). Every failure is a serialized WP_Error; an invalid token is a RuntimeException (507).
 */
export function registerPublicRoutes(registry: RouteRegistry, ctx: AamContext): void {
  const route = (path: string, body: (c: AamContext, r: RestRequest) => Promise<PhpValue>): void =>
    registry.register('aam/v2', path, {
      methods: EDITABLE,
      permission: () => true,
      args: JWT_ARG,
      callback: async (req): Promise<RestResult> => {
        const result = await restful(ctx.wpDebug, () => body(ctx, req));
        return { ...result, headers: deprecation(ctx, `/aam/v2${path}`) };
      },
    });
  route('/jwt/validate', validate);
  route('/jwt/refresh', refresh);
  route('/jwt/revoke', revoke);
}
