/**
 * A sample value for a schema, used where the spec gives no example (request bodies, parameter
 * values, saved responses). Bounded: refs are followed at most once per branch and the whole
 * sample has a node budget, so huge or circular schemas stay cheap.
 */
import type { LoadedSpec, Location } from '../load-spec.js';
import { resolveRef } from '../lib/resolve-ref.js';
import { isObject, type JsonObject } from '../lib/type-checks.js';

const NODE_BUDGET = 200;
const MAX_DEPTH = 8;

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  email: 'user@example.org',
  uri: 'https://example.org',
  url: 'https://example.org',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.org',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

/** The schema's own example, if it has one (`example`, first of `examples`, `const`, `default`). */
export function schemaExample(schema: unknown): { value: unknown } | undefined {
  if (!isObject(schema)) return undefined;
  if (schema.example !== undefined) return { value: schema.example };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { value: schema.examples[0] };
  if (schema.const !== undefined) return { value: schema.const };
  if (schema.default !== undefined) return { value: schema.default };
  return undefined;
}

/**
 * Samples already built: a sample depends only on its schema (and the file it sits in, which an
 * object never changes), and shared parameters or bodies ask for the same one many times. A
 * `{ $ref }` schema is keyed by its target's location (per spec), any other schema by itself.
 */
const direct = new WeakMap<object, { value: unknown }>();
const viaRef = new WeakMap<LoadedSpec, Map<string, { value: unknown }>>();

/** Builds a sample value for `schema` located at `at`. Callers only read the result. */
export function sampleValue(spec: LoadedSpec, schema: unknown, at: Location): unknown {
  if (!isObject(schema)) return sample(spec, schema, at, new Set(), 0, { budget: NODE_BUDGET });
  let hit: { value: unknown } | undefined;
  let store: (entry: { value: unknown }) => void;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(spec, schema.$ref, at);
    const key = `${target.at.file}${target.at.pointer}`;
    let byTarget = viaRef.get(spec);
    if (byTarget === undefined) {
      byTarget = new Map();
      viaRef.set(spec, byTarget);
    }
    const map = byTarget;
    hit = map.get(key);
    store = (entry) => map.set(key, entry);
  } else {
    hit = direct.get(schema);
    store = (entry) => direct.set(schema, entry);
  }
  if (hit !== undefined) return hit.value;
  const value = sample(spec, schema, at, new Set(), 0, { budget: NODE_BUDGET });
  store({ value });
  return value;
}

function sample(spec: LoadedSpec, schema: unknown, at: Location, refs: Set<string>, depth: number, state: { budget: number }): unknown {
  state.budget -= 1;
  if (!isObject(schema) || state.budget < 0 || depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(spec, schema.$ref, at);
    const key = `${target.at.file}${target.at.pointer}`;
    if (refs.has(key)) return null;
    return sample(spec, target.value, target.at, new Set([...refs, key]), depth, state);
  }
  const own = schemaExample(schema);
  if (own !== undefined) return own.value;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const next = (child: unknown): unknown => sample(spec, child, at, refs, depth + 1, state);
  if (Array.isArray(schema.allOf)) {
    const merged: JsonObject = {};
    for (const part of schema.allOf) {
      const value = next(part);
      if (isObject(value)) Object.assign(merged, value);
    }
    if (isObject(schema.properties)) Object.assign(merged, sampleProperties(schema, next));
    return merged;
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = schema[keyword];
    if (Array.isArray(list) && list.length > 0) return next(list[0]);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return sampleProperties(schema, next);
    case 'array': {
      const item = Array.isArray(schema.prefixItems) ? schema.prefixItems[0] : schema.items;
      return item === undefined ? [] : [next(item)];
    }
    case 'string':
      return typeof schema.format === 'string' ? (FORMAT_SAMPLES[schema.format] ?? 'string') : 'string';
    case 'integer':
      return typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : 1;
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return isObject(schema.properties) ? sampleProperties(schema, next) : null;
  }
}

function sampleProperties(schema: JsonObject, next: (child: unknown) => unknown): JsonObject {
  const out: JsonObject = {};
  if (!isObject(schema.properties)) return out;
  for (const [name, child] of Object.entries(schema.properties)) {
    out[name] = next(child);
  }
  return out;
}
