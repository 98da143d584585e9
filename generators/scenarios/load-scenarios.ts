import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ScenarioError } from './scenario-error.js';
import { childPointer } from '../lib/json-pointer.js';
import { isObject, type JsonObject } from '../lib/type-checks.js';
import type { CatalogueOperation } from './operation-catalogue.js';
import {
  stepItemNames,
  type BodyAssertion,
  type HeaderAssertion,
  type HttpMethod,
  type JsonTypeName,
  type Scenario,
  type ScenarioStep,
  type ScenarioSuite,
  type StepAuth,
  type StepBody,
  type TextAssertion,
  type VarAssertion,
} from './scenario-model.js';
import { assetUrl } from '../assets.js';

const SCHEMA_URL = assetUrl('scenarios/scenarios.schema.json');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;

let validator: ReturnType<Ajv2020['compile']> | undefined;

async function getValidator(): Promise<ReturnType<Ajv2020['compile']>> {
  if (validator === undefined) {
    const schema = JSON.parse(await readFile(SCHEMA_URL, 'utf8')) as JsonObject;
    const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
    addFormats(ajv, ['regex']);
    validator = ajv.compile(schema);
  }
  return validator;
}

/**
 * Reads and validates a scenario file. `file` is shown in messages (and in the generated collection) as
 * given, or as `shownAs`; `operations` is the spec's catalogue ({@link listOperations}), `specName` names
 * the spec in messages.
 */
export async function loadScenarios(
  file: string,
  operations: ReadonlyMap<string, CatalogueOperation>,
  specName = 'the spec',
  shownAs = file,
): Promise<ScenarioSuite> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ScenarioError('ERR_SCENARIOS_READ', shownAs, '', 'cannot read the file', { cause });
  }
  return parseScenarios(text, shownAs, operations, specName);
}

/** Parses and validates scenario YAML text (see {@link loadScenarios}). */
export async function parseScenarios(
  text: string,
  file: string,
  operations: ReadonlyMap<string, CatalogueOperation>,
  specName = 'the spec',
): Promise<ScenarioSuite> {
  const parsed = parseDocument(text, { uniqueKeys: true });
  const first = parsed.errors[0];
  if (first !== undefined) {
    const where = first.linePos?.[0];
    const at = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
    throw new ScenarioError('ERR_SCENARIOS_PARSE', file, '', `invalid YAML${at}: ${first.message.split('\n')[0] ?? ''}`);
  }
  const data = parsed.toJS() as unknown;
  const validate = await getValidator();
  if (!validate(data)) {
    const error = validate.errors?.[0];
    throw new ScenarioError('ERR_SCENARIOS_INVALID', file, `#${error?.instancePath ?? ''}`, describeAjvError(error));
  }
  const root = data as JsonObject;
  const scenarios = (root.scenarios as JsonObject[]).map((raw, i) =>
    toScenario(raw, childPointer('#', 'scenarios', i), file, operations, specName),
  );
  checkUniqueNames(scenarios, file);
  return { file, constants: { ...(root.constants as Record<string, string> | undefined) }, scenarios };
}

function describeAjvError(error: ErrorObject | undefined): string {
  if (error === undefined) return 'does not match the scenario format';
  if (error.keyword === 'additionalProperties') {
    return `unknown field "${String(error.params.additionalProperty)}"`;
  }
  if (error.keyword === 'minProperties' || error.keyword === 'maxProperties') {
    if (error.instancePath.includes('/headers/')) return 'a header assertion needs a name and exactly one of absent, count, equals, matches, some, values';
    if (error.instancePath.includes('/text/')) return 'a text assertion needs exactly one of equals, matches';
    return 'an assertion needs a pointer and exactly one of equals, equalsVar, notEqualsVar, type, keys, length, matches, absent';
  }
  if (error.keyword === 'enum') return `${error.message ?? 'invalid value'}: ${JSON.stringify(error.params.allowedValues)}`;
  return error.message ?? 'does not match the scenario format';
}

function toScenario(
  raw: JsonObject,
  pointer: string,
  file: string,
  operations: ReadonlyMap<string, CatalogueOperation>,
  specName: string,
): Scenario {
  const steps = (raw.steps as JsonObject[]).map((step, j) =>
    toStep(step, childPointer(pointer, 'steps', j), file, operations, specName),
  );
  return { name: raw.name as string, description: raw.description as string | undefined, pointer, steps };
}

function toStep(
  raw: JsonObject,
  pointer: string,
  file: string,
  operations: ReadonlyMap<string, CatalogueOperation>,
  specName: string,
): ScenarioStep {
  const operationId = raw.operation as string | undefined;
  const rawPath = raw.rawPath as string | undefined;
  const method = raw.method as HttpMethod | undefined;
  if (operationId === undefined && (method === undefined || rawPath === undefined)) {
    throw new ScenarioError('ERR_SCENARIOS_INVALID', file, pointer, 'a step needs an operation, or a method and a rawPath');
  }
  const bodies = ['json', 'form', 'raw'].filter((key) => raw[key] !== undefined);
  if (bodies.length > 1) {
    throw new ScenarioError('ERR_SCENARIOS_INVALID', file, pointer, `a step has at most one body, found ${bodies.join(' and ')}`);
  }
  const path = stringMap(raw.path);
  if (operationId !== undefined) {
    const operation = operations.get(operationId);
    if (operation === undefined) {
      throw new ScenarioError(
        'ERR_SCENARIOS_UNKNOWN_OPERATION',
        file,
        childPointer(pointer, 'operation'),
        `unknown operation "${operationId}" (no such operationId in ${specName})`,
      );
    }
    if (rawPath === undefined) checkPathParams(operation, path, childPointer(pointer, 'path'), file);
  }
  const expect = raw.expect as JsonObject;
  const status = expect.status as number | number[];
  return {
    name: raw.name as string,
    pointer,
    operation: operationId,
    method,
    rawPath,
    auth: (raw.auth as StepAuth | undefined) ?? 'caller',
    requires: (raw.requires as string[] | undefined) ?? [],
    path,
    query: stringMap(raw.query),
    headers: stringMap(raw.headers),
    body: toBody(raw),
    repeat: (raw.repeat as number | undefined) ?? 1,
    halt: (raw.halt as boolean | undefined) ?? false,
    expect: {
      status: Array.isArray(status) ? status : [status],
      body: ((expect.body as JsonObject[] | undefined) ?? []).map(toAssertion),
      vars: ((expect.vars as JsonObject[] | undefined) ?? []).map(toVarAssertion),
      headers: ((expect.headers as JsonObject[] | undefined) ?? []).map(toHeaderAssertion),
      text: ((expect.text as JsonObject[] | undefined) ?? []).map(toTextAssertion),
    },
    capture: { ...(raw.capture as Record<string, string> | undefined) },
    captureCookie: { ...(raw.captureCookie as Record<string, string> | undefined) },
    captureText: raw.captureText as string | undefined,
  };
}

function checkPathParams(operation: CatalogueOperation, given: Record<string, string>, pointer: string, file: string): void {
  const wanted = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  for (const name of wanted) {
    if (!(name in given)) {
      throw new ScenarioError('ERR_SCENARIOS_INVALID', file, pointer, `missing path parameter "${name}" of ${operation.operationId} (${operation.path})`);
    }
  }
  for (const name of Object.keys(given)) {
    if (!wanted.includes(name)) {
      throw new ScenarioError('ERR_SCENARIOS_INVALID', file, childPointer(pointer, name), `${operation.operationId} (${operation.path}) has no path parameter "${name}"`);
    }
  }
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, item] of Object.entries(value)) out[key] = String(item);
  return out;
}

function toBody(raw: JsonObject): StepBody | undefined {
  if (raw.json !== undefined) return { mode: 'json', value: raw.json };
  if (raw.form !== undefined) return { mode: 'form', fields: stringMap(raw.form) };
  if (isObject(raw.raw)) return { mode: 'raw', contentType: raw.raw.contentType as string, text: raw.raw.body as string };
  return undefined;
}

function toAssertion(raw: JsonObject): BodyAssertion {
  const pointer = raw.pointer as string;
  if ('equals' in raw) return { pointer, kind: 'equals', value: raw.equals };
  if ('equalsVar' in raw) return { pointer, kind: 'equalsVar', variable: raw.equalsVar as string };
  if ('notEqualsVar' in raw) return { pointer, kind: 'notEqualsVar', variable: raw.notEqualsVar as string };
  if ('type' in raw) return { pointer, kind: 'type', type: raw.type as JsonTypeName };
  if ('keys' in raw) return { pointer, kind: 'keys', keys: raw.keys as string[] };
  if ('length' in raw) return { pointer, kind: 'length', length: raw.length as number };
  if ('matches' in raw) return { pointer, kind: 'matches', pattern: raw.matches as string };
  return { pointer, kind: 'absent' };
}

function toHeaderAssertion(raw: JsonObject): HeaderAssertion {
  const name = raw.name as string;
  if ('absent' in raw) return { name, kind: 'absent' };
  if ('count' in raw) return { name, kind: 'count', count: raw.count as number };
  if ('equals' in raw) return { name, kind: 'equals', value: raw.equals as string };
  if ('matches' in raw) return { name, kind: 'matches', pattern: raw.matches as string };
  if ('some' in raw) return { name, kind: 'some', pattern: raw.some as string };
  return { name, kind: 'values', patterns: raw.values as string[] };
}

function toTextAssertion(raw: JsonObject): TextAssertion {
  return 'equals' in raw ? { kind: 'equals', value: raw.equals as string } : { kind: 'matches', pattern: raw.matches as string };
}

function toVarAssertion(raw: JsonObject): VarAssertion {
  return { variable: raw.var as string, pattern: raw.matches as string, message: raw.message as string | undefined };
}

function checkUniqueNames(scenarios: readonly Scenario[], file: string): void {
  const scenarioNames = new Map<string, string>();
  const itemNames = new Map<string, string>();
  for (const scenario of scenarios) {
    const seen = scenarioNames.get(scenario.name);
    if (seen !== undefined) {
      throw new ScenarioError('ERR_SCENARIOS_DUPLICATE_NAME', file, childPointer(scenario.pointer, 'name'), `scenario name "${scenario.name}" is already used at ${seen}`);
    }
    scenarioNames.set(scenario.name, scenario.pointer);
    for (const step of scenario.steps) {
      for (const name of stepItemNames(step)) {
        const used = itemNames.get(name);
        if (used !== undefined) {
          throw new ScenarioError('ERR_SCENARIOS_DUPLICATE_NAME', file, childPointer(step.pointer, 'name'), `step name "${name}" is already used at ${used}`);
        }
        itemNames.set(name, step.pointer);
      }
    }
  }
}
