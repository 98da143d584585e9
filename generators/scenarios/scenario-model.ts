/** The typed model of `spec/scenarios.yaml` (format documented in that file's header). */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** Who the request authenticates as: `caller` = Bearer {{jwt_token}}, `unprivileged` = Bearer {{unprivileged_token}}. */
export type StepAuth = 'caller' | 'none' | 'unprivileged';

export type JsonTypeName = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** One assertion on the JSON response body, at an RFC 6901 pointer (`''` = the whole body). */
export type BodyAssertion =
  | { readonly pointer: string; readonly kind: 'equals'; readonly value: unknown }
  | { readonly pointer: string; readonly kind: 'equalsVar'; readonly variable: string }
  | { readonly pointer: string; readonly kind: 'notEqualsVar'; readonly variable: string }
  | { readonly pointer: string; readonly kind: 'type'; readonly type: JsonTypeName }
  | { readonly pointer: string; readonly kind: 'keys'; readonly keys: readonly string[] }
  | { readonly pointer: string; readonly kind: 'length'; readonly length: number }
  | { readonly pointer: string; readonly kind: 'matches'; readonly pattern: string }
  | { readonly pointer: string; readonly kind: 'absent' };

export type BodyAssertionKind = BodyAssertion['kind'];

/** A check on a variable before the response is looked at (e.g. the target user id is set). */
export interface VarAssertion {
  readonly variable: string;
  readonly pattern: string;
  readonly message: string | undefined;
}

export type StepBody =
  | { readonly mode: 'json'; readonly value: unknown }
  | { readonly mode: 'form'; readonly fields: Readonly<Record<string, string>> }
  | { readonly mode: 'raw'; readonly contentType: string; readonly text: string };

/**
 * One assertion on the response header lines of a name (case-insensitive). In `equals`, `matches`, `some` and
 * `values`, `{{var}}` stands for the variable's value (as literal text inside a pattern).
 */
export type HeaderAssertion =
  | { readonly name: string; readonly kind: 'absent' }
  | { readonly name: string; readonly kind: 'count'; readonly count: number }
  /** exactly one line, equal to the text */
  | { readonly name: string; readonly kind: 'equals'; readonly value: string }
  /** at least one line, and every line matches */
  | { readonly name: string; readonly kind: 'matches'; readonly pattern: string }
  /** some line matches */
  | { readonly name: string; readonly kind: 'some'; readonly pattern: string }
  /** the lines, in order, match these patterns one to one */
  | { readonly name: string; readonly kind: 'values'; readonly patterns: readonly string[] };

/** An assertion on the response body as text (for answers that are not JSON). */
export type TextAssertion = { readonly kind: 'equals'; readonly value: string } | { readonly kind: 'matches'; readonly pattern: string };

export interface StepExpect {
  /** Accepted statuses: one (the step exercises it) or several (the step accepts any of them). */
  readonly status: readonly number[];
  readonly body: readonly BodyAssertion[];
  readonly vars: readonly VarAssertion[];
  readonly headers: readonly HeaderAssertion[];
  readonly text: readonly TextAssertion[];
}

export interface ScenarioStep {
  readonly name: string;
  /** `#/scenarios/i/steps/j` in the scenario file. */
  readonly pointer: string;
  readonly operation: string | undefined;
  readonly method: HttpMethod | undefined;
  readonly rawPath: string | undefined;
  readonly auth: StepAuth;
  readonly requires: readonly string[];
  readonly path: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: StepBody | undefined;
  readonly repeat: number;
  readonly halt: boolean;
  readonly expect: StepExpect;
  /** Collection variable → JSON pointer into the response body. */
  readonly capture: Readonly<Record<string, string>>;
  /** Collection variable → pattern on cookie names: `name=value` of the first `Set-Cookie` whose name matches. */
  readonly captureCookie: Readonly<Record<string, string>>;
  /** Collection variable that takes the whole response body as text. */
  readonly captureText: string | undefined;
}

export interface Scenario {
  readonly name: string;
  readonly description: string | undefined;
  readonly pointer: string;
  readonly steps: readonly ScenarioStep[];
}

export interface ScenarioSuite {
  /** The file as shown in messages (e.g. `spec/aam-6.9.32/scenarios.yaml`), as it appears in the generated collection. */
  readonly file: string;
  readonly constants: Readonly<Record<string, string>>;
  readonly scenarios: readonly Scenario[];
}

/** The names of the requests a step expands to: the step name, or `<name> (i/N)` when repeated. */
export function stepItemNames(step: Pick<ScenarioStep, 'name' | 'repeat'>): string[] {
  if (step.repeat <= 1) return [step.name];
  return Array.from({ length: step.repeat }, (_, i) => `${step.name} (${i + 1}/${step.repeat})`);
}

/** Name of the collection folder that holds every scenario folder, in file order (what the runner runs). */
export const SCENARIOS_FOLDER = 'Contract scenarios';
