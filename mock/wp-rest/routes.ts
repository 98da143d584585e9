import type { RestHandler, RestRoute } from './types.js';

/** The route table of `WP_REST_Server`: registration order, namespaces and their index routes. */
export class RouteRegistry {
  readonly routes: RestRoute[] = [];
  readonly namespaces: string[] = [];
  private readonly namespaceIndex: (namespace: string) => RestHandler;

  constructor(namespaceIndex: (namespace: string) => RestHandler) {
    this.namespaceIndex = namespaceIndex;
  }

  /** `register_rest_route()`: a second registration of the same route adds handlers. */
  register(namespace: string, route: string, handler: RestHandler): void {
    const ns = namespace.replace(/^\/+|\/+$/g, '');
    if (ns !== '' && !this.namespaces.includes(ns)) {
      this.namespaces.push(ns);
      this.add(ns, `/${ns}`, this.namespaceIndex(ns));
    }
    const full = ns === '' ? route : `/${ns}/${route.replace(/^\/+|\/+$/g, '')}`;
    this.add(ns, full, handler);
  }

  private add(namespace: string, path: string, handler: RestHandler): void {
    const existing = this.routes.find((r) => r.path === path);
    if (existing) {
      existing.handlers.push(handler);
      return;
    }
    // PCRE names groups `(?P<id>…)` or `(?<id>…)`; JavaScript knows only the second spelling.
    this.routes.push({ namespace, path, regex: new RegExp(`^${path.replaceAll('(?P<', '(?<')}$`, 'i'), handlers: [handler] });
  }

  /**
   * `match_request_to_handler()`: only the routes of the namespaces the path starts with (case-sensitive
   * `strpos`), or every route when none does; then the first route whose pattern matches (case-insensitive)
   * and that has the method.
   */
  match(path: string, method: string): { route: RestRoute; handler: RestHandler; params: Map<string, string> } | null {
    const prefix = `${path.replace(/^\/+/, '').replace(/\/+$/, '')}/`;
    const spaces = this.namespaces.filter((ns) => prefix.startsWith(ns));
    const candidates = spaces.length === 0 ? this.routes : spaces.flatMap((ns) => this.routesOf(ns));
    for (const route of candidates) {
      const m = route.regex.exec(path);
      if (!m) continue;
      const handler = route.handlers.find((h) => h.methods.includes(method) || (method === 'HEAD' && h.methods.includes('GET')));
      if (!handler) continue;
      return { route, handler, params: new Map(Object.entries(m.groups ?? {})) };
    }
    return null;
  }

  /** First route whose pattern matches regardless of method (OPTIONS). */
  matchAny(path: string): { route: RestRoute; params: Map<string, string> } | null {
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (m) return { route, params: new Map(Object.entries(m.groups ?? {})) };
    }
    return null;
  }

  routesOf(namespace: string): RestRoute[] {
    return this.routes.filter((r) => r.namespace === namespace);
  }
}
