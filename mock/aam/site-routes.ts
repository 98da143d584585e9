import type { PhpValue } from '../php/values.js';
import { namespaceIndex, siteIndex } from '../wp-rest/describe.js';
import { RouteRegistry } from '../wp-rest/routes.js';
import type { RestHandler } from '../wp-rest/types.js';
import { registerAuthRoutes } from './auth-routes.js';
import type { AamContext } from './context.js';
import { registerJwtRoutes } from './jwt-routes.js';

/** Registers one generation's token-management routes (`aam/v2/service`). */
export type ServiceRoutes = (registry: RouteRegistry, ctx: AamContext) => void;

/**
 * The REST server as a WordPress 6.1 + AAM 6.9.x site builds it on `rest_api_init`: the site index, the
 * public token routes (validate, refresh, revoke and their v1 twins), the login routes, then the generation's
 * token-management routes. AAM 6.9.x registers the same routes whoever the caller is, so one registry
 * serves every request.
 */
export function createSiteRoutes(ctx: AamContext, registerServiceRoutes: ServiceRoutes): RouteRegistry {
  const nsIndex = (ns: string): RestHandler => ({
    methods: ['GET'],
    args: { namespace: { default: ns }, context: { default: 'view' } },
    callback: () => ({ status: 200, data: namespaceIndex(registry, ns, ctx.siteUrl) }),
  });
  const registry: RouteRegistry = new RouteRegistry(nsIndex);
  registry.register('', '/', {
    methods: ['GET'],
    args: { context: { default: 'view' as PhpValue } },
    callback: () => ({ status: 200, data: siteIndex(registry, ctx.siteUrl, `Reference mock of AAM ${ctx.aamVersion} JWT service`) }),
  });
  registerJwtRoutes(registry, ctx);
  registerAuthRoutes(registry, ctx);
  registerServiceRoutes(registry, ctx);
  return registry;
}
