import type { PhpValue } from '../php/values.js';
import { namespaceIndex, siteIndex } from './describe.js';
import { RouteRegistry } from './routes.js';
import type { RestHandler } from './types.js';

/**
 * A route table as `rest_api_init` starts it: the site index `GET /wp-json/` (with the site's tagline) and, for
 * every namespace that gets a route, its index `GET /wp-json/<namespace>`, both describing the table they belong to.
 */
export function createSiteRegistry(siteUrl: string, tagline: string): RouteRegistry {
  const nsIndex = (ns: string): RestHandler => ({
    methods: ['GET'],
    args: { namespace: { default: ns }, context: { default: 'view' } },
    callback: () => ({ status: 200, data: namespaceIndex(registry, ns, siteUrl) }),
  });
  const registry: RouteRegistry = new RouteRegistry(nsIndex);
  registry.register('', '/', {
    methods: ['GET'],
    args: { context: { default: 'view' as PhpValue } },
    callback: () => ({ status: 200, data: siteIndex(registry, siteUrl, tagline) }),
  });
  return registry;
}
