import type { PhpValue } from '../../php/values.js';
import { namespaceIndex, siteIndex } from '../../wp-rest/describe.js';
import { RouteRegistry } from '../../wp-rest/routes.js';
import type { RestHandler } from '../../wp-rest/types.js';
import type { AamContext } from '../../aam/context.js';
import { registerAuthRoutes } from '../../aam/auth-routes.js';
import { registerJwtRoutes } from '../../aam/jwt-routes.js';
import { registerServiceRoutes } from './service-routes.js';

/**
 * The REST server as a WordPress 6.1 + AAM 6.9.32 site builds it on `rest_api_init`. AAM 6.9.x registers
 * the same routes whoever the caller is, so one registry serves every request.
 */
export function createRoutes(ctx: AamContext): RouteRegistry {
  const nsIndex = (ns: string): RestHandler => ({
    methods: ['GET'],
    args: { namespace: { default: ns }, context: { default: 'view' } },
    callback: () => ({ status: 200, data: namespaceIndex(registry, ns, ctx.siteUrl) }),
  });
  const registry: RouteRegistry = new RouteRegistry(nsIndex);
  registry.register('', '/', {
    methods: ['GET'],
    args: { context: { default: 'view' as PhpValue } },
    callback: () => ({ status: 200, data: siteIndex(registry, ctx.siteUrl) }),
  });
  registerJwtRoutes(registry, ctx);
  registerAuthRoutes(registry, ctx);
  registerServiceRoutes(registry, ctx);
  return registry;
}
