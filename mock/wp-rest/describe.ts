import type { PhpMap, PhpValue } from '../php/values.js';
import type { RouteRegistry } from './routes.js';
import type { RestRoute } from './types.js';

/** Schema keywords `get_data_for_route()` keeps from an arg definition (those AAM's args can carry). */
const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set(['title', 'description', 'default', 'type', 'format', 'enum', 'items', 'properties']);

/** `rest_url()` on a pretty-permalink root install. */
export function restUrl(siteUrl: string, path = '/'): string {
  return `${siteUrl}/wp-json/${path.replace(/^\/+/, '')}`;
}

/** `get_data_for_route()`: the route description used by OPTIONS and the indexes. */
export function describeRoute(route: RestRoute, siteUrl: string): PhpMap | null {
  const data: PhpMap = new Map<string, PhpValue>([['namespace', route.namespace], ['methods', []], ['endpoints', []]]);
  const methods: string[] = [];
  const endpoints: PhpValue[] = [];
  const display = route.path.replace(/\(\?P<(\w+?)>.*?\)/g, '{$1}');
  for (const handler of route.handlers) {
    if (handler.showInIndex === false) continue;
    methods.push(...handler.methods);
    const args: PhpMap = new Map();
    for (const [key, spec] of Object.entries(handler.args)) {
      // `array_intersect_key()`: the arg's own key order, schema keywords only
      const arg: PhpMap = new Map();
      for (const [kw, v] of Object.entries(spec) as [string, PhpValue | undefined][]) {
        if (v !== undefined && SCHEMA_KEYWORDS.has(kw)) arg.set(kw, v);
      }
      arg.set('required', spec.required === true);
      args.set(key, arg);
    }
    endpoints.push(new Map<string, PhpValue>([['methods', [...handler.methods]], ['args', args]]));
    if (!display.includes('{')) data.set('_links', { self: [{ href: restUrl(siteUrl, display) }] });
  }
  if (methods.length === 0) return null;
  data.set('methods', methods);
  data.set('endpoints', endpoints);
  return data;
}

/** `get_data_for_routes()` */
export function describeRoutes(routes: readonly RestRoute[], siteUrl: string): PhpMap {
  const out: PhpMap = new Map();
  for (const route of routes) {
    const d = describeRoute(route, siteUrl);
    if (d) out.set(route.path, d);
  }
  return out;
}

/** `GET /wp-json/`: the site index (only this mock's routes; see README); `description` is the site's tagline. */
export function siteIndex(registry: RouteRegistry, siteUrl: string, description: string): PhpValue {
  return new Map<string, PhpValue>([
    ['name', 'AAM mock'],
    ['description', description],
    ['url', siteUrl],
    ['home', siteUrl],
    ['gmt_offset', '0'],
    ['timezone_string', ''],
    ['namespaces', [...registry.namespaces]],
    ['authentication', []],
    ['routes', describeRoutes(registry.routes, siteUrl)],
    ['_links', { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] }],
  ]);
}

/** `GET /wp-json/<namespace>`: `get_namespace_index()` */
export function namespaceIndex(registry: RouteRegistry, namespace: string, siteUrl: string): PhpValue {
  return new Map<string, PhpValue>([
    ['namespace', namespace],
    ['routes', describeRoutes(registry.routesOf(namespace), siteUrl)],
    ['_links', { up: [{ href: restUrl(siteUrl, '/') }] }],
  ]);
}
