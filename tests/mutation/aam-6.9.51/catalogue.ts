import type { Catalogue, Fault } from '../fault-model.js';
import { COOKIE_FAULTS_6951 } from '../faults-cookies.js';
import { JWT_FAULTS } from '../faults-jwt.js';
import { SERVICE_FAULTS } from '../faults-service.js';
import { siteFaults } from '../faults-site.js';
import { NAMED_ROUTE_SETS_6932 } from '../report.js';
import { REGISTRY_FAULTS_6951 } from './faults-registry.js';
import { SERVICE_FAULTS_6951 } from './faults-service.js';
import { KNOWN_PATHS_6951, routeOf6951 } from './routes.js';

/** Faults of the 6.9.32 catalogue that hold unchanged for 6.9.51 (WordPress' permission and validation order). */
const SHARED_SERVICE_FAULTS = SERVICE_FAULTS.filter((fault) => ['forbidden-as-401', 'invalid-param-after-permission'].includes(fault.id));

/**
 * AAM 6.9.51's faults: its own token-management faults and registry faults, the 6.9.32 faults of the public
 * routes (validate, refresh, revoke, authenticate and aam/v1 are unchanged), the site faults on its paths, and
 * WordPress' cookie faults with 6.9.51's own signed-URL login (no access expiration).
 */
export const FAULTS_6951: readonly Fault[] = [
  ...SERVICE_FAULTS_6951,
  ...SHARED_SERVICE_FAULTS,
  ...REGISTRY_FAULTS_6951,
  ...JWT_FAULTS,
  ...siteFaults(KNOWN_PATHS_6951),
  ...COOKIE_FAULTS_6951,
];

export const CATALOGUE_6951: Catalogue = {
  version: '6.9.51',
  faults: FAULTS_6951,
  routeOf: routeOf6951,
  acceptedSurvivors: {},
  // the operationIds are the same as 6.9.32's
  namedRouteSets: NAMED_ROUTE_SETS_6932,
  // close to the real counts of a full run (235 requests, 2538 assertions when written)
  minControlRequests: 230,
  minControlAssertions: 2500,
};
