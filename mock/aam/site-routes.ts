import { createSiteRegistry } from '../wp-rest/site-routes.js';
import type { RouteRegistry } from '../wp-rest/routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import type { AamContext } from './context.js';
import { registerJwtRoutes } from './jwt-routes.js';

/** Registers one generation's token-management routes (`aam/v2/service`). */
export type ServiceRoutes = (registry: RouteRegistry, ctx: AamContext) => void;

/** The site index's tagline: which AAM generation the mock answers as. */
export function mockTagline(ctx: AamContext): string {
  return `Reference mock of AAM ${ctx.aamVersion} JWT service`;
}

/**
 * The REST server as a WordPress 6.1 + AAM 6.9.x site builds it on `rest_api_init`: the site index, the
 * public token routes (validate, refresh, revoke and their v1 twins), the login routes, then the generation's
 * token-management routes. AAM 6.9.x registers the same routes whoever the caller is, so one registry
 * serves every request.
 */
export function createSiteRoutes(ctx: AamContext, registerServiceRoutes: ServiceRoutes): RouteRegistry {
  const registry = createSiteRegistry(ctx.siteUrl, mockTagline(ctx));
  registerJwtRoutes(registry, ctx);
  registerAuthRoutes(registry, ctx);
  registerServiceRoutes(registry, ctx);
  return registry;
}
