/**
 * Finds every example in an OpenAPI 3.1 document and validates it against its schema with Ajv (JSON Schema
 * 2020-12, the dialect OAS 3.1 uses), `$ref`s resolved against the document itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { deref, escapeToken, isObject } from './spec-document.js';
import type { JsonObject } from './spec-document.js';

/** One example and the schema it must satisfy, both named by JSON pointer into the document. */
export interface ExampleCase {
  readonly at: string;
  readonly schemaAt: string;
  readonly value: unknown;
}

/** Keys whose values are data, not OpenAPI objects: the walker never descends into them. */
const DATA_KEYS = new Set(['example', 'examples', 'const', 'enum', 'default', 'value']);

/**
 * Collects, in document order:
 * - `example` / `examples` of media types, parameters and headers (objects with a `schema`), resolving
 *   `$ref`s to `components/examples` — checked where they are used, against that use's schema;
 * - the `examples` array of any schema object, checked against that schema.
 * `components/examples` themselves are checked only through their uses.
 */
export function collectExamples(doc: JsonObject): ExampleCase[] {
  const out: ExampleCase[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${at}/${i}`));
      return;
    }
    if (!isObject(node)) return;
    if (at === '/components/examples') return;
    if ('schema' in node) {
      if ('example' in node) out.push({ at: `${at}/example`, schemaAt: `${at}/schema`, value: node['example'] });
      const examples = node['examples'];
      if (isObject(examples)) {
        for (const [name, raw] of Object.entries(examples)) {
          const resolved = deref(doc, raw);
          if (!isObject(resolved) || !('value' in resolved)) {
            throw new Error(`example without a value at ${at}/examples/${escapeToken(name)}`);
          }
          out.push({ at: `${at}/examples/${escapeToken(name)}`, schemaAt: `${at}/schema`, value: resolved['value'] });
        }
      }
    } else if (Array.isArray(node['examples'])) {
      node['examples'].forEach((value: unknown, i) => out.push({ at: `${at}/examples/${i}`, schemaAt: at, value }));
    }
    for (const [key, child] of Object.entries(node)) {
      if (!DATA_KEYS.has(key)) walk(child, `${at}/${escapeToken(key)}`);
    }
  };
  walk(doc, '');
  return out;
}

const SPEC_ID = 'https://aam-jwt-contract-suite.invalid/spec.json';

// ajv-formats is CommonJS: under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export interface SchemaValidator {
  /** Returns `null` when `value` satisfies the schema at `schemaAt`, else a readable list of errors. */
  validate(schemaAt: string, value: unknown): string | null;
}

/** An Ajv 2020 validator over the whole document, so any schema can be addressed by JSON pointer. */
export function createSchemaValidator(doc: JsonObject): SchemaValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: SPEC_ID });
  const cache = new Map<string, ValidateFunction>();
  const compile = (schemaAt: string): ValidateFunction => {
    const fragment = schemaAt.split('/').map(encodeURIComponent).join('/');
    let fn = cache.get(schemaAt);
    if (fn === undefined) {
      fn = ajv.compile({ $ref: `${SPEC_ID}#${fragment}` });
      cache.set(schemaAt, fn);
    }
    return fn;
  };
  return {
    validate(schemaAt, value) {
      const fn = compile(schemaAt);
      if (fn(value)) return null;
      return (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('; ');
    },
  };
}

/** Where a spec must have examples: media types (JSON and form), parameters, schemas, and optionally headers. */
export interface ExampleKinds {
  readonly headers: boolean;
}

/**
 * Registers the example tests of one spec document (`name` prefixes each title): it has examples of every kind,
 * and each validates against its schema (a failure names the example's JSON pointer).
 */
export function registerExampleTests(doc: JsonObject, name: string, kinds: ExampleKinds = { headers: true }): void {
  const validator = createSchemaValidator(doc);
  const cases = collectExamples(doc);
  test(`${name}: the spec has examples of every kind (media type, parameter, ${kinds.headers ? 'header, ' : ''}schema)`, () => {
    assert.ok(cases.length > 80, `only ${cases.length} examples found`);
    for (const where of ['/content/application~1json/examples/', '/content/application~1x-www-form-urlencoded/examples/']) {
      assert.ok(cases.some((c) => c.at.includes(where)), where);
    }
    assert.ok(cases.some((c) => c.at.startsWith('/components/parameters/') && c.at.endsWith('/example')));
    if (kinds.headers) assert.ok(cases.some((c) => c.at.startsWith('/components/headers/') && c.at.endsWith('/example')));
    assert.ok(cases.some((c) => c.at.startsWith('/components/schemas/') && c.at.includes('/examples/')));
  });
  for (const c of cases) {
    test(`${name}: example #${c.at} validates against #${c.schemaAt}`, () => {
      assert.equal(validator.validate(c.schemaAt, c.value), null, `#${c.at}`);
    });
  }
}
