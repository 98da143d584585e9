import type { Catalogue } from '../fault-model.js';
import { MANAGEMENT_FAULTS } from './faults-management.js';
import { PUBLIC_FAULTS } from './faults-public.js';
import { NAMED_ROUTE_SETS_711, routeOf711 } from './routes.js';

/**
 * AAM 7.1.1's fault catalogue: realistic regressions of this generation — its own quirks "fixed", the 6.9.x
 * behaviours coming back, broken registries and transports. Every fault is a contract violation (no accepted
 * survivors).
 */
export const CATALOGUE_711: Catalogue = {
  version: '7.1.1',
  faults: [...MANAGEMENT_FAULTS, ...PUBLIC_FAULTS],
  routeOf: routeOf711,
  acceptedSurvivors: {},
  namedRouteSets: NAMED_ROUTE_SETS_711,
  // close to the real counts of a full run (235 requests, 2682 assertions when written)
  minControlRequests: 230,
  minControlAssertions: 2600,
};
