import type { Fault } from './fault-model.js';
import { JWT_FAULTS } from './faults-jwt.js';
import { REGISTRY_FAULTS } from './faults-registry.js';
import { SERVICE_FAULTS } from './faults-service.js';
import { SITE_FAULTS } from './faults-site.js';

/** Every fault the harness injects, in table order. */
export const FAULTS: readonly Fault[] = [...SERVICE_FAULTS, ...REGISTRY_FAULTS, ...JWT_FAULTS, ...SITE_FAULTS];

/**
 * Faults allowed to survive, each with the reason it is not a contract violation. Empty: every fault of
 * the catalogue is a contract violation, and the suite must kill it.
 */
export const ACCEPTED_SURVIVORS: Readonly<Record<string, string>> = {};

export class UnknownFaultError extends Error {
  readonly code = 'ERR_UNKNOWN_FAULT';
}

/** The fault with this id; throws UnknownFaultError (listing the known ids) otherwise. */
export function findFault(id: string): Fault {
  const fault = FAULTS.find((candidate) => candidate.id === id);
  if (fault === undefined) throw new UnknownFaultError(`unknown fault "${id}"; known: ${FAULTS.map((f) => f.id).join(', ')}`);
  return fault;
}
