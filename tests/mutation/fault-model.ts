import type { ProxiedRequest, ProxiedResponse, Route } from './exchange.js';

/**
 * What one fault does to the traffic of one run. Both hooks are optional and return `undefined` for
 * "unchanged"; the proxy counts every change (a fault that never changes anything is a harness bug).
 */
export interface FaultHandler {
  /** Rewrites the request before the mock sees it (the fault is in how the site reads requests). */
  readonly request?: (req: ProxiedRequest, route: Route | undefined) => ProxiedRequest | undefined;
  /** Rewrites the mock's answer; `req` is the request as forwarded. */
  readonly response?: (req: ProxiedRequest, res: ProxiedResponse, route: Route | undefined) => ProxiedResponse | undefined;
}

/** One realistic way a broken site or a plugin upgrade could differ from AAM 6.9.32. */
export interface Fault {
  /** Stable kebab-case id (the CLI's `--only`, the README table). */
  readonly id: string;
  /** One line: what the broken site does. */
  readonly description: string;
  /** The routes whose answers it changes (or whose requests it reads differently). */
  readonly routes: readonly Route[];
  /** A fresh handler, with fresh state, for one run. */
  readonly start: () => FaultHandler;
}

/** A fault without state: the same handler functions for every run. */
export function statelessFault(id: string, description: string, routes: readonly Route[], handler: FaultHandler): Fault {
  return { id, description, routes, start: () => handler };
}

/** A fault that only rewrites answers of its routes, with a pure function of (request, answer). */
export function answerFault(
  id: string,
  description: string,
  routes: readonly Route[],
  alter: (req: ProxiedRequest, res: ProxiedResponse, route: Route) => ProxiedResponse | undefined,
): Fault {
  return statelessFault(id, description, routes, {
    response: (req, res, route) => (route !== undefined && routes.includes(route) ? alter(req, res, route) : undefined),
  });
}

/** A fault that only rewrites requests of its routes before the mock sees them. */
export function requestFault(
  id: string,
  description: string,
  routes: readonly Route[],
  rewrite: (req: ProxiedRequest, route: Route) => ProxiedRequest | undefined,
): Fault {
  return statelessFault(id, description, routes, {
    request: (req, route) => (route !== undefined && routes.includes(route) ? rewrite(req, route) : undefined),
  });
}
