import { readFileSync } from 'node:fs';
import { assetUrl } from './assets.js';

/** What the spec says about one documented status of an operation. */
export interface StatusContract {
  /** Documented media types (may contain wildcards); empty when the status has no body. */
  contentTypes: string[];
  /** JSON media type → definition key of its schema in the collection's shared definitions. */
  schemas?: Record<string, string>;
  /** Response headers the spec marks `required: true`. */
  headers?: string[];
}

/** One assertion on the JSON body at an RFC 6901 pointer (see spec/scenarios.yaml's header). */
export type BodyCheck =
  | { pointer: string; kind: 'equals'; value: unknown }
  | { pointer: string; kind: 'equalsVar' | 'notEqualsVar'; variable: string }
  | { pointer: string; kind: 'type'; type: string }
  | { pointer: string; kind: 'keys'; keys: readonly string[] }
  | { pointer: string; kind: 'length'; length: number }
  | { pointer: string; kind: 'matches'; pattern: string }
  | { pointer: string; kind: 'absent' };

/** One assertion on the lines of a response header (see spec/scenarios.yaml's header). */
export type HeaderCheck =
  | { name: string; kind: 'absent' }
  | { name: string; kind: 'count'; count: number }
  | { name: string; kind: 'equals'; value: string }
  | { name: string; kind: 'matches' | 'some'; pattern: string }
  | { name: string; kind: 'values'; patterns: readonly string[] };

/** One assertion on the body as text. */
export type TextCheck = { kind: 'equals'; value: string } | { kind: 'matches'; pattern: string };

/** A check on a Postman variable: its value matches `pattern` (`message` explains a failure). */
export interface VarCheck {
  variable: string;
  pattern: string;
  message?: string | undefined;
}

/**
 * Optional extra assertions (used by scenario requests): an exact status (or set), JSON values at
 * dot-paths (`items.0.id`), assertions at RFC 6901 pointers, on header lines and on the body as text,
 * variable checks, variables captured from pointers, cookies or the text (collection variables, and the
 * environment when it declares them), and `halt` (stop the run when one of these fails).
 */
export interface ContractExpectations {
  /** The scenario step this request comes from (documentation only). */
  step?: string;
  status?: number | readonly number[];
  json?: Record<string, unknown>;
  body?: readonly BodyCheck[];
  vars?: readonly VarCheck[];
  headers?: readonly HeaderCheck[];
  text?: readonly TextCheck[];
  capture?: Readonly<Record<string, string>>;
  /** variable → pattern on cookie names: `name=value` of the first matching `Set-Cookie` */
  captureCookie?: Readonly<Record<string, string>>;
  /** variable that takes the body as text */
  captureText?: string;
  halt?: boolean;
}

/** The per-request data the fixed contract-test script reads. */
export interface OperationContract {
  operationId: string;
  /** Keyed by status as documented: `"200"`, `"4XX"`, `"default"`; absent for a request that is no operation of the spec. */
  statuses?: Record<string, StatusContract>;
  expect?: ContractExpectations;
}

/** Name of the local variable the pre-request line sets and the collection test reads. */
export const CONTRACT_VARIABLE = 'contract';

/** A fixed, linted script file of generators/scripts/, as lines. */
export function scriptLines(file: string): string[] {
  return readFileSync(assetUrl(`scripts/${file}`), 'utf8').replace(/\n+$/, '').split('\n');
}

/**
 * The fixed, linted script body: generators/scripts/contract-test.js, then what it calls: the JSON Schema
 * check (generators/scripts/json-schema.js) and readPointer (generators/scripts/json-pointer.js), as lines.
 */
export const CONTRACT_TEST_BODY: readonly string[] = [...scriptLines('contract-test.js'), ...scriptLines('json-schema.js'), ...scriptLines('json-pointer.js')];

/**
 * First line of every generated script: Postman's sandbox then sets up none of its legacy globals
 * (`tests`, `responseBody`, …, the request's description as text) before each run of a script.
 */
export const SANDBOX2_MARKER = '"use sandbox2";';

/** The collection-level test script: the fixed body, then one call carrying the definitions. */
export function contractTestExec(definitions: Record<string, unknown>): string[] {
  return [...CONTRACT_TEST_BODY, `contractTest(pm, ${JSON.stringify(definitions)});`];
}

/** A request's pre-request script: stores its contract as a JSON string. */
export function contractPrerequestExec(contract: OperationContract): string[] {
  return [SANDBOX2_MARKER, `pm.variables.set(${JSON.stringify(CONTRACT_VARIABLE)}, ${JSON.stringify(JSON.stringify(contract))});`];
}
