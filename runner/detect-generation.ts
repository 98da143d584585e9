/**
 * Which generation of AAM's JWT API a site serves, from the routes its REST namespace indexes list to the
 * caller (AAM 7.x registers its token routes only for callers with `aam_manager` + `aam_manage_jwt`, so an
 * anonymous index never shows them):
 *
 * | generation     | route only it registers | namespace index  |
 * |----------------|-------------------------|------------------|
 * | 6.9.11–6.9.32  | `/aam/v2/service/jwt`   | `aam/v2/service` |
 * | 6.9.33–6.9.51  | `/aam/v2/service/jwts`  | `aam/v2/service` |
 * | 7.x            | `/aam/v2/jwts`          | `aam/v2`         |
 *
 * {@link detectGeneration} is pure (tested on tables of indexes); {@link readSiteView} reads the indexes.
 */
import { isObject } from '../generators/lib/type-checks.js';
import { ADAPTERS, type GenerationAdapter } from './site-api/index.js';
import type { SiteHttp } from './site-api/http.js';

/** The routes of the AAM namespaces (route → methods), as one caller sees them. */
export interface SiteView {
  readonly namespaces: readonly string[];
  readonly routes: ReadonlyMap<string, readonly string[]>;
  /** Who read them, for the message: `the caller admin (user 1)`, `anonymously`. */
  readonly as: string;
}

export type Detection =
  | { readonly kind: 'found'; readonly adapter: GenerationAdapter; readonly evidence: string }
  /** AAM 7.x's public routes are there, its token routes are not: the caller lacks the capabilities. */
  | { readonly kind: 'hidden'; readonly evidence: string }
  | { readonly kind: 'none'; readonly evidence: string };

const AAM_NAMESPACES = ['aam/v2', 'aam/v2/service'];

export function detectGeneration(view: SiteView): Detection {
  for (const adapter of ADAPTERS) {
    if (view.routes.has(adapter.marker.route)) {
      return { kind: 'found', adapter, evidence: `route ${adapter.marker.route} in the ${adapter.marker.namespace} index, read as ${view.as}` };
    }
  }
  const validate = view.routes.get('/aam/v2/jwt/validate');
  const listed = [...view.routes.keys()].filter((route) => /jwt/i.test(route)).join(', ');
  if (validate !== undefined && validate.includes('PATCH') && !view.namespaces.includes('aam/v2/service')) {
    return {
      kind: 'hidden',
      evidence: `the site looks like AAM 7.x (/aam/v2/jwt/validate accepts ${validate.join(', ')}, no aam/v2/service namespace) but lists no /aam/v2/jwts route to ${view.as}`,
    };
  }
  return { kind: 'none', evidence: `no known token route among the aam/v2 routes read as ${view.as}${listed === '' ? '' : ` (JWT routes: ${listed})`}` };
}

/** Reads the AAM namespace indexes the site index lists, with `headers` (the caller's authentication). */
export async function readSiteView(http: SiteHttp, namespaces: readonly string[], headers: Readonly<Record<string, string>>, as: string): Promise<SiteView> {
  const routes = new Map<string, readonly string[]>();
  for (const namespace of AAM_NAMESPACES.filter((ns) => namespaces.includes(ns))) {
    const answer = await http.rest('GET', `/${namespace}`, { headers });
    if (answer.status !== 200 || !isObject(answer.json) || !isObject(answer.json.routes)) continue;
    for (const [route, spec] of Object.entries(answer.json.routes)) {
      const methods = isObject(spec) && Array.isArray(spec.methods) ? spec.methods.filter((m): m is string => typeof m === 'string') : [];
      routes.set(route, methods);
    }
  }
  return { namespaces, routes, as };
}
