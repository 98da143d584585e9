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

export function createSchemaRegistry(spec: LoadedSpec): SchemaRegistry {
  return { spec, definitions: new Map() };
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

function convert(registry: SchemaRegistry, queue: Array<{ node: unknown; at: Location }>, node: unknown, at: Location): unknown {
  if (typeof node === 'boolean') return node;
  if (!isObject(node)) return {};
  const sub = (child: unknown, ...tokens: Array<string | number>): unknown =>
    convert(registry, queue, child, { file: at.file, pointer: childPointer(at.pointer, ...tokens) });

  const out: JsonObject = {};
  for (const keyword of PLAIN_KEYWORDS) {
    if (node[keyword] !== undefined) out[keyword] = node[keyword];
  }
  // OAS 3.0 boolean exclusive bounds → draft-07 numeric ones
  if (typeof node.exclusiveMinimum === 'boolean') {
    delete out.exclusiveMinimum;
    if (node.exclusiveMinimum && typeof node.minimum === 'number') {
      out.exclusiveMinimum = node.minimum;
      delete out.minimum;
    }
  }
  if (typeof node.exclusiveMaximum === 'boolean') {
    delete out.exclusiveMaximum;
    if (node.exclusiveMaximum && typeof node.maximum === 'number') {
      out.exclusiveMaximum = node.maximum;
      delete out.maximum;
    }
  }
  if (typeof node.format === 'string' && KNOWN_FORMATS.has(node.format)) out.format = node.format;
  for (const keyword of SCHEMA_KEYWORDS) {
    const child = node[keyword];
    if (child !== undefined && (isObject(child) || typeof child === 'boolean')) out[keyword] = sub(child, keyword);
  }
  for (const keyword of LIST_KEYWORDS) {
    const list = node[keyword];
    if (Array.isArray(list)) out[keyword] = list.map((child, i) => sub(child, keyword, i));
  }
  for (const keyword of MAP_KEYWORDS) {
    const map = node[keyword];
    if (isObject(map)) out[keyword] = Object.fromEntries(Object.entries(map).map(([name, child]) => [name, sub(child, keyword, name)]));
  }
  // 3.1 prefixItems + items → draft-07 tuple items + additionalItems
  if (Array.isArray(node.prefixItems)) {
    out.items = node.prefixItems.map((child, i) => sub(child, 'prefixItems', i));
    if (node.items !== undefined) out.additionalItems = sub(node.items, 'items');
  } else if (Array.isArray(node.items)) {
    out.items = node.items.map((child, i) => sub(child, 'items', i));
  } else if (node.items !== undefined) {
    out.items = sub(node.items, 'items');
  }
  const dependencies: JsonObject = {};
  if (isObject(node.dependentRequired)) Object.assign(dependencies, node.dependentRequired);
  if (isObject(node.dependentSchemas)) {
    for (const [name, child] of Object.entries(node.dependentSchemas)) dependencies[name] = sub(child, 'dependentSchemas', name);
  }
  if (Object.keys(dependencies).length > 0) out.dependencies = dependencies;

  let result: JsonObject = out;
  if (typeof node.$ref === 'string') {
    const target = resolveRef(registry.spec, node.$ref, at);
    const ref = { $ref: definitionRef(enqueue(registry, queue, target.value, target.at)) };
    // draft-07 ignores siblings of $ref, so keep them in an allOf
    result = Object.keys(out).length === 0 ? ref : { allOf: [ref, out] };
  }
  if (node.nullable === true) result = allowNull(result);
  return result;
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
