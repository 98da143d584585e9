import type { AamVersion } from '../../mock/index.js';
import type { ProxiedRequest, ProxiedResponse } from './exchange.js';

/**
 * What one fault does to the traffic of one run. Both hooks are optional and return `undefined` for
 * "unchanged"; the proxy counts every change (a fault that never changes anything is a harness bug).
 */
export interface FaultHandler {
  /** Rewrites the request before the mock sees it (the fault is in how the site reads requests). */
  readonly request?: (req: ProxiedRequest, route: string | undefined) => ProxiedRequest | undefined;
  /** Rewrites the mock's answer; `req` is the request as forwarded. */
  readonly response?: (req: ProxiedRequest, res: ProxiedResponse, route: string | undefined) => ProxiedResponse | undefined;
}

/** One realistic way a broken site or a plugin upgrade could differ from the AAM generation under test. */
export interface Fault {
  /** Stable kebab-case id (the CLI's `--only`, the README table). */
  readonly id: string;
  /** One line: what the broken site does. */
  readonly description: string;
  /** The routes whose answers it changes (or whose requests it reads differently). */
  readonly routes: readonly string[];
  /** A fresh handler, with fresh state, for one run. */
  readonly start: () => FaultHandler;
}

/** The faults of one AAM generation, and how its traffic maps to routes (operationIds of its spec). */
export interface Catalogue {
  readonly version: AamVersion;
  readonly faults: readonly Fault[];
  /** Which route of the generation's API WordPress would match, or undefined. */
  readonly routeOf: (req: ProxiedRequest) => string | undefined;
  /** Faults allowed to survive, each with the reason it is not a contract violation. */
  readonly acceptedSurvivors: Readonly<Record<string, string>>;
  /** Route sets the table names instead of listing them, e.g. ['every route', [...]] */
  readonly namedRouteSets: ReadonlyArray<readonly [string, readonly string[]]>;
  /** Lower bounds for the control run (close to the real counts of a full run when written). */
  readonly minControlRequests: number;
  readonly minControlAssertions: number;
}

/** A fault without state: the same handler functions for every run. */
export function statelessFault(id: string, description: string, routes: readonly string[], handler: FaultHandler): Fault {
  return { id, description, routes, start: () => handler };
}

/** A fault that only rewrites answers of its routes, with a pure function of (request, answer). */
export function answerFault<Route extends string>(
  id: string,
  description: string,
  routes: readonly Route[],
  alter: (req: ProxiedRequest, res: ProxiedResponse, route: Route) => ProxiedResponse | undefined,
): Fault {
  return statelessFault(id, description, routes, {
    response: (req, res, route) => (isOneOf(routes, route) ? alter(req, res, route) : undefined),
  });
}

/** A fault that only rewrites requests of its routes before the mock sees them. */
export function requestFault<Route extends string>(
  id: string,
  description: string,
  routes: readonly Route[],
  rewrite: (req: ProxiedRequest, route: Route) => ProxiedRequest | undefined,
): Fault {
  return statelessFault(id, description, routes, {
    request: (req, route) => (isOneOf(routes, route) ? rewrite(req, route) : undefined),
  });
}

/** Whether `route` is one of `routes` (narrowing it to their type). */
export function isOneOf<Route extends string>(routes: readonly Route[], route: string | undefined): route is Route {
  return route !== undefined && (routes as readonly string[]).includes(route);
}
