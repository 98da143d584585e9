import { AAM_VERSIONS, type AamVersion } from '../../mock/index.js';
import { CATALOGUE_711 } from './aam-7.1.1/catalogue.js';
import { routeOf } from './exchange.js';
import type { Catalogue, Fault } from './fault-model.js';
import { JWT_FAULTS } from './faults-jwt.js';
import { REGISTRY_FAULTS } from './faults-registry.js';
import { SERVICE_FAULTS } from './faults-service.js';
import { SITE_FAULTS } from './faults-site.js';
import { COOKIE_FAULTS } from './faults-cookies.js';
import { TOKEN_STATE_FAULTS } from './faults-token-states.js';
import { NAMED_ROUTE_SETS_6932 } from './report.js';
import { CATALOGUE_6951 } from './aam-6.9.51/catalogue.js';

/** AAM 6.9.32's faults (the seed's API), in table order. */
export const FAULTS: readonly Fault[] = [...SERVICE_FAULTS, ...REGISTRY_FAULTS, ...JWT_FAULTS, ...SITE_FAULTS, ...TOKEN_STATE_FAULTS, ...COOKIE_FAULTS];

/**
 * Faults allowed to survive, each with the reason it is not a contract violation. Empty: every fault of
 * the catalogue is a contract violation, and the suite must kill it.
 */
export const ACCEPTED_SURVIVORS: Readonly<Record<string, string>> = {};

/** The catalogue of each AAM generation that has one. */
export const CATALOGUES: Readonly<Partial<Record<AamVersion, Catalogue>>> = {
  '6.9.32': {
    version: '6.9.32',
    faults: FAULTS,
    routeOf,
    acceptedSurvivors: ACCEPTED_SURVIVORS,
    namedRouteSets: NAMED_ROUTE_SETS_6932,
    // close to the real counts of a full run (226 requests, 2441 assertions when written)
    minControlRequests: 220,
    minControlAssertions: 2400,
  },
  '6.9.51': CATALOGUE_6951,
  '7.1.1': CATALOGUE_711,
};

export class UnknownFaultError extends Error {
  readonly code = 'ERR_UNKNOWN_FAULT';
}

/** The generations that have a catalogue, in AAM_VERSIONS order. */
export function catalogueVersions(): AamVersion[] {
  return AAM_VERSIONS.filter((version) => CATALOGUES[version] !== undefined);
}

/** The catalogue of a generation; throws UnknownFaultError when it has none. */
export function catalogueOf(version: AamVersion): Catalogue {
  const catalogue = CATALOGUES[version];
  if (catalogue === undefined) throw new UnknownFaultError(`no fault catalogue for AAM ${version}; known: ${catalogueVersions().join(', ')}`);
  return catalogue;
}

/** The fault with this id in a generation's catalogue; throws UnknownFaultError (listing the known ids) otherwise. */
export function findFault(id: string, version: AamVersion = '6.9.32'): Fault {
  const { faults } = catalogueOf(version);
  const fault = faults.find((candidate) => candidate.id === id);
  if (fault === undefined) throw new UnknownFaultError(`unknown fault "${id}"; known: ${faults.map((f) => f.id).join(', ')}`);
  return fault;
}
