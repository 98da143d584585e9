import type { Catalogue } from '../fault-model.js';
import { COOKIE_FAULTS_711 } from './faults-cookies.js';
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
  faults: [...MANAGEMENT_FAULTS, ...PUBLIC_FAULTS, ...COOKIE_FAULTS_711],
  routeOf: routeOf711,
  acceptedSurvivors: {},
  namedRouteSets: NAMED_ROUTE_SETS_711,
  // close to the real counts of a full run (282 requests, 3226 assertions when written)
  minControlRequests: 275,
  minControlAssertions: 3150,
};
