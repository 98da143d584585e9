import type { AamContext } from '../../aam/context.js';
import { createSiteRoutes } from '../../aam/site-routes.js';
import type { RouteRegistry } from '../../wp-rest/routes.js';
import { registerServiceRoutes } from './service-routes.js';

/** The REST server of a WordPress 6.1 + AAM 6.9.51 site (the 6.9.33–6.9.51 token-management routes). */
export function createRoutes(ctx: AamContext): RouteRegistry {
  return createSiteRoutes(ctx, registerServiceRoutes);
}
