/**
 * What the request generator needs from a generation's OpenAPI document: every operation with its
 * method, REST route, parameters and body properties (local `$ref`s resolved).
 */
import { fileURLToPath } from 'node:url';
import { bundleSpecFile } from '../generators/bundle-spec-file.js';

/** One parameter or body property the generator can vary. */
export interface FieldModel {
  name: string;
  /** `query`, `path`, `header` or `body` */
  in: string;
  /** JSON-schema type when known (`string`, `integer`, `boolean`, `object`, …) */
  type: string;
  required: boolean;
  /** documented example or enum values, used as "plausible" values */
  samples: unknown[];
}

export interface OperationModel {
  operationId: string;
  method: string;
  /** REST route below `/wp-json`, with `{name}` path parameters, e.g. `/aam/v2/service/jwt/{id}` */
  route: string;
  fields: FieldModel[];
  /** the request body's media types, empty when the operation takes no body */
  bodyTypes: string[];
  secured: boolean;
}

export interface SpecModel {
  title: string;
  operations: OperationModel[];
}

export class SpecModelError extends Error {
  readonly code = 'ERR_COMPARE_SPEC';
}

type Node = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resolver(doc: Node): (v: unknown) => unknown {
  const resolve = (v: unknown, depth = 0): unknown => {
    if (!isNode(v) || typeof v.$ref !== 'string' || depth > 20) return v;
    const ref = v.$ref;
    if (!ref.startsWith('#/')) throw new SpecModelError(`only local $refs are supported: ${ref}`);
    let cur: unknown = doc;
    for (const part of ref.slice(2).split('/')) cur = isNode(cur) ? cur[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
    if (cur === undefined) throw new SpecModelError(`unresolved $ref ${ref}`);
    return resolve(cur, depth + 1);
  };
  return resolve;
}

function schemaType(schema: unknown, resolve: (v: unknown) => unknown): string {
  const s = resolve(schema);
  if (!isNode(s)) return 'any';
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.type)) return String(s.type.find((t) => t !== 'null') ?? 'any');
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const list = s[key];
    if (Array.isArray(list) && list.length > 0) return schemaType(list[0], resolve);
  }
  return 'any';
}

function samples(schema: unknown, extra: unknown, resolve: (v: unknown) => unknown): unknown[] {
  const s = resolve(schema);
  const out: unknown[] = [];
  if (extra !== undefined) out.push(extra);
  if (isNode(s)) {
    if (s.example !== undefined) out.push(s.example);
    if (Array.isArray(s.examples)) out.push(...s.examples);
    if (Array.isArray(s.enum)) out.push(...s.enum);
  }
  return out;
}

function bodyFields(body: unknown, resolve: (v: unknown) => unknown): { types: string[]; fields: FieldModel[] } {
  const b = resolve(body);
  if (!isNode(b) || !isNode(b.content)) return { types: [], fields: [] };
  const fields = new Map<string, FieldModel>();
  for (const media of Object.values(b.content)) {
    const schema = resolve(isNode(media) ? media.schema : undefined);
    if (!isNode(schema) || !isNode(schema.properties)) continue;
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const [name, prop] of Object.entries(schema.properties)) {
      if (fields.has(name)) continue;
      fields.set(name, { name, in: 'body', type: schemaType(prop, resolve), required: required.includes(name), samples: samples(prop, undefined, resolve) });
    }
  }
  return { types: Object.keys(b.content), fields: [...fields.values()] };
}

/** Read `spec/<generation>/openapi.yaml` (or any OpenAPI 3.x file) into the generator's model. */
export function loadSpecModel(file: string | URL): SpecModel {
  let doc: unknown;
  try {
    doc = bundleSpecFile(file instanceof URL ? fileURLToPath(file) : file);
  } catch (err) {
    throw new SpecModelError(`cannot read spec ${String(file)}: ${(err as Error).message}`);
  }
  if (!isNode(doc) || !isNode(doc.paths)) throw new SpecModelError(`${String(file)} has no paths`);
  const resolve = resolver(doc);
  const globalSecurity = Array.isArray(doc.security) && doc.security.length > 0;
  const operations: OperationModel[] = [];
  for (const [route, rawItem] of Object.entries(doc.paths)) {
    const item = resolve(rawItem);
    if (!isNode(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      const fields: FieldModel[] = [];
      for (const rawParam of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = resolve(rawParam);
        if (!isNode(p) || typeof p.name !== 'string') continue;
        fields.push({ name: p.name, in: String(p.in), type: schemaType(p.schema, resolve), required: p.required === true, samples: samples(p.schema, p.example, resolve) });
      }
      const body = bodyFields(op.requestBody, resolve);
      fields.push(...body.fields.filter((f) => !fields.some((g) => g.name === f.name)));
      operations.push({
        operationId: typeof op.operationId === 'string' ? op.operationId : `${method} ${route}`,
        method: method.toUpperCase(), route, fields, bodyTypes: body.types,
        secured: Array.isArray(op.security) ? op.security.length > 0 : globalSecurity,
      });
    }
  }
  const info = isNode(doc.info) ? doc.info : {};
  return { title: typeof info.title === 'string' ? info.title : String(file), operations };
}
