import type { RouteRegistry } from '../../wp-rest/routes.js';
import { createSiteRegistry } from '../../wp-rest/site-routes.js';
import type { AamContext } from '../../aam/context.js';
import { mockTagline } from '../../aam/site-routes.js';
import { registerAuthenticateRoute } from './authenticate.js';
import { registerPublicRoutes } from './public-routes.js';
import { registerServiceRoutes } from './service-routes.js';
import { canManageJwts } from './users.js';

/** What a caller is, as far as AAM 7's route registration cares. */
type Caller = 'anonymous' | 'manager' | 'other';

/** The routes WordPress 6.1 + AAM 7.1.1 registers on `rest_api_init` for one kind of caller. */
function buildRegistry(ctx: AamContext, caller: Caller): RouteRegistry {
  const registry = createSiteRegistry(ctx.siteUrl, mockTagline(ctx));
  registerPublicRoutes(registry, ctx);
  // AAM_Framework_Utility_Rest::register() calls register_rest_route() only when the check passes now
  if (caller === 'anonymous') registerAuthenticateRoute(registry, ctx);
  if (caller === 'manager') registerServiceRoutes(registry, ctx);
  return registry;
}

/**
 * AAM 7.1.1 registers some routes only for some callers: `/aam/v2/authenticate` while nobody is logged in,
 * `/aam/v2/jwts` and `/aam/v2/jwt/{id}` for users with `aam_manager` + `aam_manage_jwt`. Everybody else gets
 * `404 rest_no_route` there. One registry per kind of caller, built once.
 */
export function createRoutes(ctx: AamContext): (currentUserId: number) => RouteRegistry {
  const registries = new Map<Caller, RouteRegistry>();
  return (currentUserId) => {
    const caller: Caller = currentUserId <= 0 ? 'anonymous' : canManageJwts(ctx, currentUserId) ? 'manager' : 'other';
    let registry = registries.get(caller);
    if (registry === undefined) {
      registry = buildRegistry(ctx, caller);
      registries.set(caller, registry);
    }
    return registry;
  };
}
