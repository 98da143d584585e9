/**
 * Schema Object (OAS 3.0 §4.7.24 / 3.1 §4.8.24) → JSON Schema draft-07, the dialect the Postman
 * sandbox validates with (`pm.response.to.have.jsonSchema`, Ajv 6).
 *
 * Every `$ref` becomes `#/definitions/<key>` into one shared map, so a schema is converted and
 * carried once per collection and circular schemas are never inlined.
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { relative, dirname } from 'node:path';
import type { LoadedSpec, Location } from '../load-spec.js';
import { childPointer, escapePointerToken } from '../lib/json-pointer.js';
import { resolveRef } from '../lib/resolve-ref.js';
import { isObject, type JsonObject } from '../lib/type-checks.js';

/** The shared draft-07 definitions of one collection, keyed by the schema's source location. */
export interface SchemaRegistry {
  readonly spec: LoadedSpec;
  readonly definitions: Map<string, unknown>;
  /** {@link definitionRef} per definition key: the same definitions are referenced thousands of times. */
  readonly refs: Map<string, string>;
}

/** Formats Ajv 6 (the sandbox) knows; any other `format` is an annotation and is dropped. */
const KNOWN_FORMATS = new Set([
  'date', 'time', 'date-time', 'uri', 'uri-reference', 'uri-template', 'url', 'email', 'hostname',
  'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'relative-json-pointer',
]);

/** Draft-07 keywords copied as they are (their values hold no sub-schemas). */
const PLAIN_KEYWORDS = [
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties',
  'minProperties', 'required',
] as const;

/** Keywords whose value is one sub-schema. */
const SCHEMA_KEYWORDS = ['not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalProperties'] as const;

/** Keywords whose value is a list of sub-schemas. */
const LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;

/** Keywords whose value is a map of sub-schemas. */
const MAP_KEYWORDS = ['properties', 'patternProperties'] as const;

/** Every keyword {@link convert} reads, by index (a schema's own keys are scanned once into a bit mask). */
const READ_KEYWORDS: readonly string[] = [
  ...PLAIN_KEYWORDS, ...SCHEMA_KEYWORDS, ...LIST_KEYWORDS, ...MAP_KEYWORDS,
  'format', 'prefixItems', 'items', 'dependentRequired', 'dependentSchemas', '$ref', 'nullable',
];
const KEYWORD_INDEX: ReadonlyMap<string, number> = new Map(READ_KEYWORDS.map((keyword, i) => [keyword, i]));
const indexOf = (keyword: string): number => KEYWORD_INDEX.get(keyword) ?? -1;
const I_FORMAT = indexOf('format');
const I_PREFIX_ITEMS = indexOf('prefixItems');
const I_ITEMS = indexOf('items');
const I_DEPENDENT_REQUIRED = indexOf('dependentRequired');
const I_DEPENDENT_SCHEMAS = indexOf('dependentSchemas');
const I_REF = indexOf('$ref');
const I_NULLABLE = indexOf('nullable');
const I_EXCLUSIVE_MINIMUM = indexOf('exclusiveMinimum');
const I_EXCLUSIVE_MAXIMUM = indexOf('exclusiveMaximum');

/** The keywords a schema has, as two 30-bit masks. */
interface Present {
  lo: number;
  hi: number;
}

function presentKeywords(node: JsonObject): Present {
  const present: Present = { lo: 0, hi: 0 };
  for (const key in node) {
    const i = KEYWORD_INDEX.get(key);
    if (i === undefined) continue;
    if (i < 30) present.lo |= 1 << i;
    else present.hi |= 1 << (i - 30);
  }
  return present;
}

function has(present: Present, i: number): boolean {
  return i < 30 ? (present.lo & (1 << i)) !== 0 : (present.hi & (1 << (i - 30))) !== 0;
}

export function createSchemaRegistry(spec: LoadedSpec): SchemaRegistry {
  return { spec, definitions: new Map(), refs: new Map() };
}

/** The `$ref` that points at a definition key (pointer-escaped, then URI-encoded). */
export function definitionRef(key: string): string {
  return `#/definitions/${encodeURIComponent(escapePointerToken(key))}`;
}

/** The definition key of a location: its pointer in the root file, else `file#pointer`. */
export function definitionKey(spec: LoadedSpec, at: Location): string {
  if (at.file === spec.rootFile) return at.pointer;
  return `${relative(dirname(spec.rootFile), at.file).replaceAll('\\', '/')}${at.pointer}`;
}

/**
 * Registers the schema at `at` (following a bare `$ref` to its target so names stay readable)
 * and every schema it reaches; returns the definition key to validate against.
 */
export function registerSchema(registry: SchemaRegistry, schema: unknown, at: Location): string {
  let node = schema;
  let where = at;
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === 'string' && Object.keys(node).every((k) => k === '$ref' || k === 'description' || k === 'summary')) {
    const key = `${where.file}${where.pointer}`;
    if (seen.has(key)) break;
    seen.add(key);
    const target = resolveRef(registry.spec, node.$ref, where);
    node = target.value;
    where = target.at;
  }
  const queue: Array<{ node: unknown; at: Location }> = [];
  const rootKey = enqueue(registry, queue, node, where);
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    registry.definitions.set(definitionKey(registry.spec, item.at), convert(registry, queue, item.node, item.at));
  }
  return rootKey;
}

function enqueue(registry: SchemaRegistry, queue: Array<{ node: unknown; at: Location }>, node: unknown, at: Location): string {
  const key = definitionKey(registry.spec, at);
  if (!registry.definitions.has(key)) {
    registry.definitions.set(key, true);
    queue.push({ node, at });
  }
  return key;
}

/**
 * A sub-schema's location whose pointer string is only built when read: converting a schema
 * needs the pointer only for an error message, and a big document has tens of thousands of them.
 */
class ChildLocation implements Location {
  readonly file: string;
  readonly #parent: Location;
  readonly #tokens: ReadonlyArray<string | number>;
  #pointer: string | undefined;

  constructor(parent: Location, tokens: ReadonlyArray<string | number>) {
    this.file = parent.file;
    this.#parent = parent;
    this.#tokens = tokens;
  }

  get pointer(): string {
    this.#pointer ??= childPointer(this.#parent.pointer, ...this.#tokens);
    return this.#pointer;
  }
}

function convert(registry: SchemaRegistry, queue: Array<{ node: unknown; at: Location }>, node: unknown, at: Location): unknown {
  if (typeof node === 'boolean') return node;
  if (!isObject(node)) return {};

  // a schema has a few keys: scan them once rather than probing every keyword (same order of output keys)
  const present = presentKeywords(node);
  const out: JsonObject = {};
  for (let i = 0; i < PLAIN_KEYWORDS.length; i += 1) {
    const keyword = PLAIN_KEYWORDS[i];
    if (keyword === undefined || !has(present, i)) continue;
    const value = node[keyword];
    if (value !== undefined) out[keyword] = value;
  }
  // OAS 3.0 boolean exclusive bounds → draft-07 numeric ones
  if (has(present, I_EXCLUSIVE_MINIMUM) && typeof node.exclusiveMinimum === 'boolean') {
    delete out.exclusiveMinimum;
    if (node.exclusiveMinimum && typeof node.minimum === 'number') {
      out.exclusiveMinimum = node.minimum;
      delete out.minimum;
    }
  }
  if (has(present, I_EXCLUSIVE_MAXIMUM) && typeof node.exclusiveMaximum === 'boolean') {
    delete out.exclusiveMaximum;
    if (node.exclusiveMaximum && typeof node.maximum === 'number') {
      out.exclusiveMaximum = node.maximum;
      delete out.maximum;
    }
  }
  if (has(present, I_FORMAT) && typeof node.format === 'string' && KNOWN_FORMATS.has(node.format)) out.format = node.format;
  for (const keyword of SCHEMA_KEYWORDS) {
    if (!has(present, indexOf(keyword))) continue;
    const child = node[keyword];
    if (child !== undefined && (isObject(child) || typeof child === 'boolean')) out[keyword] = convertChild(registry, queue, child, at, keyword);
  }
  for (const keyword of LIST_KEYWORDS) {
    if (!has(present, indexOf(keyword))) continue;
    const list = node[keyword];
    if (Array.isArray(list)) out[keyword] = convertList(registry, queue, list, at, keyword);
  }
  for (const keyword of MAP_KEYWORDS) {
    if (!has(present, indexOf(keyword))) continue;
    const map = node[keyword];
    if (isObject(map)) {
      const converted: JsonObject = {};
      for (const name of Object.keys(map)) converted[name] = convertChild(registry, queue, map[name], at, keyword, name);
      out[keyword] = converted;
    }
  }
  // 3.1 prefixItems + items → draft-07 tuple items + additionalItems
  const items = has(present, I_ITEMS) ? node.items : undefined;
  if (has(present, I_PREFIX_ITEMS) && Array.isArray(node.prefixItems)) {
    out.items = convertList(registry, queue, node.prefixItems, at, 'prefixItems');
    if (items !== undefined) out.additionalItems = convertChild(registry, queue, items, at, 'items');
  } else if (Array.isArray(items)) {
    out.items = convertList(registry, queue, items, at, 'items');
  } else if (items !== undefined) {
    out.items = convertChild(registry, queue, items, at, 'items');
  }
  const dependentRequired = has(present, I_DEPENDENT_REQUIRED) ? node.dependentRequired : undefined;
  const dependentSchemas = has(present, I_DEPENDENT_SCHEMAS) ? node.dependentSchemas : undefined;
  if (isObject(dependentRequired) || isObject(dependentSchemas)) {
    const dependencies: JsonObject = {};
    if (isObject(dependentRequired)) Object.assign(dependencies, dependentRequired);
    if (isObject(dependentSchemas)) {
      for (const name of Object.keys(dependentSchemas)) dependencies[name] = convertChild(registry, queue, dependentSchemas[name], at, 'dependentSchemas', name);
    }
    if (Object.keys(dependencies).length > 0) out.dependencies = dependencies;
  }

  let result: JsonObject = out;
  if (has(present, I_REF) && typeof node.$ref === 'string') {
    const target = resolveRef(registry.spec, node.$ref, at);
    const key = enqueue(registry, queue, target.value, target.at);
    let $ref = registry.refs.get(key);
    if ($ref === undefined) {
      $ref = definitionRef(key);
      registry.refs.set(key, $ref);
    }
    const ref = { $ref };
    // draft-07 ignores siblings of $ref, so keep them in an allOf
    result = Object.keys(out).length === 0 ? ref : { allOf: [ref, out] };
  }
  if (has(present, I_NULLABLE) && node.nullable === true) result = allowNull(result);
  return result;
}

function convertChild(registry: SchemaRegistry, queue: Array<{ node: unknown; at: Location }>, child: unknown, at: Location, ...tokens: Array<string | number>): unknown {
  return convert(registry, queue, child, new ChildLocation(at, tokens));
}

function convertList(registry: SchemaRegistry, queue: Array<{ node: unknown; at: Location }>, list: unknown[], at: Location, keyword: string): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i += 1) out.push(convertChild(registry, queue, list[i], at, keyword, i));
  return out;
}

/** OAS 3.0 `nullable: true` → a draft-07 schema that also accepts `null`. */
export function allowNull(schema: JsonObject): JsonObject {
  const type = schema.type;
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    const out: JsonObject = { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
    return out;
  }
  if (Object.keys(schema).length === 0) return schema;
  return { anyOf: [{ type: 'null' }, schema] };
}
