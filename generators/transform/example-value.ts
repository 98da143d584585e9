/** The example of a Parameter, Media Type or Header Object (OAS §4.8.12/§4.8.14), or a sample. */
import type { LoadedSpec, Location } from '../load-spec.js';
import { childPointer } from '../lib/json-pointer.js';
import { deref } from '../lib/resolve-ref.js';
import { isObject, type JsonObject } from '../lib/type-checks.js';
import { sampleValue, schemaExample } from './sample-value.js';

/** `example`, else the first of `examples` (Example Object `value`), else the schema's, else a sample. */
export function exampleOf(spec: LoadedSpec, node: JsonObject, at: Location): unknown {
  if (node.example !== undefined) return node.example;
  if (isObject(node.examples)) {
    const first = Object.keys(node.examples)[0];
    if (first !== undefined) {
      const example = deref(spec, { value: node.examples[first], at: { file: at.file, pointer: childPointer(at.pointer, 'examples', first) } });
      if (isObject(example.value) && example.value.value !== undefined) return example.value.value;
    }
  }
  const schema = node.schema;
  const own = schemaExample(schema);
  if (own !== undefined) return own.value;
  if (schema === undefined) return undefined;
  return sampleValue(spec, schema, { file: at.file, pointer: childPointer(at.pointer, 'schema') });
}

/** Pretty JSON of each example object already written: the same example is often shown many times. */
const prettyCache = new WeakMap<object, string>();

/** `JSON.stringify(value, null, 2)`, computed once per example object (examples are never mutated). */
export function prettyJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value, null, 2);
  let text = prettyCache.get(value);
  if (text === undefined) {
    text = JSON.stringify(value, null, 2);
    prettyCache.set(value, text);
  }
  return text;
}

/** A value as Postman text: strings as they are, arrays comma-joined, the rest as JSON. */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
