import { readFileSync } from 'node:fs';

/** What the spec says about one documented status of an operation. */
export interface StatusContract {
  /** Documented media types (may contain wildcards); empty when the status has no body. */
  contentTypes: string[];
  /** JSON media type → definition key of its schema in the collection's shared definitions. */
  schemas?: Record<string, string>;
  /** Response headers the spec marks `required: true`. */
  headers?: string[];
}

/**
 * Optional extra assertions (used by scenario requests): an exact status, JSON values at
 * dot-paths (`items.0.id`), and environment variables captured from dot-paths.
 */
export interface ContractExpectations {
  status?: number | number[];
  json?: Record<string, unknown>;
  capture?: Record<string, string>;
}

/** The per-request data the fixed contract-test script reads. */
export interface OperationContract {
  operationId: string;
  /** Keyed by status as documented: `"200"`, `"4XX"`, `"default"`. */
  statuses: Record<string, StatusContract>;
  expect?: ContractExpectations;
}

/** Name of the local variable the pre-request line sets and the collection test reads. */
export const CONTRACT_VARIABLE = 'contract';

/** The fixed, linted script body (generators/scripts/contract-test.js), as lines. */
export const CONTRACT_TEST_BODY: readonly string[] = readFileSync(new URL('./scripts/contract-test.js', import.meta.url), 'utf8')
  .replace(/\n+$/, '')
  .split('\n');

/** The collection-level test script: the fixed body, then one call carrying the definitions. */
export function contractTestExec(definitions: Record<string, unknown>): string[] {
  return [...CONTRACT_TEST_BODY, `contractTest(pm, ${JSON.stringify(definitions)});`];
}

/** A request's pre-request script: stores its contract as a JSON string. */
export function contractPrerequestExec(contract: OperationContract): string[] {
  return [`pm.variables.set(${JSON.stringify(CONTRACT_VARIABLE)}, ${JSON.stringify(JSON.stringify(contract))});`];
}
