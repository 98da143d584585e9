/**
 * Request Body Object (OAS §4.8.13) → a Postman body from the spec's examples: raw JSON,
 * urlencoded or multipart form, or raw text; plus the Content-Type header.
 * @see https://spec.openapis.org/oas/v3.1.0#request-body-object
 */
import type { LoadedSpec, Location } from '../load-spec.js';
import { childPointer } from '../lib/json-pointer.js';
import { deref } from '../lib/resolve-ref.js';
import { isObject, type JsonObject } from '../lib/type-checks.js';
import type { PostmanBody, PostmanFormParam } from '../postman-v2.1.js';
import { exampleOf, prettyJson, toText } from './example-value.js';

export interface RequestBody {
  contentType: string;
  body: PostmanBody;
  description?: string;
}

/** True for `application/json` and `…+json` media types. */
export function isJsonMediaType(mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** Picks JSON, then urlencoded form, then multipart, then the first documented media type. */
export function pickMediaType(types: string[]): string | undefined {
  return types.find(isJsonMediaType) ?? types.find((t) => t === FORM) ?? types.find((t) => t === MULTIPART) ?? types[0];
}

/** `given` (the operation's `x-postman-body`) replaces the spec's example as the body sent. */
export function transformRequestBody(spec: LoadedSpec, raw: unknown, at: Location, given?: { readonly value: unknown }): RequestBody | undefined {
  if (raw === undefined) return undefined;
  const resolved = deref(spec, { value: raw, at });
  const node = resolved.value;
  if (!isObject(node) || !isObject(node.content)) return undefined;
  const contentType = pickMediaType(Object.keys(node.content));
  if (contentType === undefined) return undefined;
  const media = node.content[contentType];
  const mediaAt = { file: resolved.at.file, pointer: childPointer(resolved.at.pointer, 'content', contentType) };
  const example = given !== undefined ? given.value : isObject(media) ? exampleOf(spec, media, mediaAt) : undefined;
  const description = typeof node.description === 'string' ? node.description : undefined;
  const body = bodyFor(spec, contentType, example, isObject(media) ? media.schema : undefined, mediaAt);
  return { contentType, body, ...(description === undefined ? {} : { description }) };
}

function bodyFor(spec: LoadedSpec, contentType: string, example: unknown, schema: unknown, at: Location): PostmanBody {
  if (isJsonMediaType(contentType)) {
    return { mode: 'raw', raw: example === undefined ? '' : prettyJson(example), options: { raw: { language: 'json' } } };
  }
  if (contentType === FORM || contentType === MULTIPART) {
    const fields = formFields(spec, example, schema, at);
    return contentType === FORM ? { mode: 'urlencoded', urlencoded: fields } : { mode: 'formdata', formdata: fields.map((f) => ({ ...f, type: 'text' as const })) };
  }
  const language = contentType.includes('xml') ? 'xml' : 'text';
  return { mode: 'raw', raw: typeof example === 'string' ? example : '', options: { raw: { language } } };
}

function formFields(spec: LoadedSpec, example: unknown, schema: unknown, at: Location): PostmanFormParam[] {
  const properties = schemaProperties(spec, schema, { file: at.file, pointer: childPointer(at.pointer, 'schema') });
  const required = new Set(properties.required);
  const values: JsonObject = isObject(example) ? example : {};
  const names = [...new Set([...Object.keys(values), ...Object.keys(properties.properties)])];
  return names.map((key) => {
    const prop = properties.properties[key];
    const text = isObject(prop) && typeof prop.description === 'string' ? prop.description.trim() : '';
    const description = [required.has(key) ? '(Required)' : '(Optional)', text].filter((s) => s !== '').join(' ');
    return { key, value: toText(values[key]), description };
  });
}

/** The (first-level) properties and required list of a form schema, `$ref`s followed. */
function schemaProperties(spec: LoadedSpec, schema: unknown, at: Location): { properties: JsonObject; required: string[] } {
  const resolved = deref(spec, { value: schema, at });
  const node = resolved.value;
  const out = { properties: {} as JsonObject, required: [] as string[] };
  if (!isObject(node)) return out;
  if (isObject(node.properties)) Object.assign(out.properties, node.properties);
  if (Array.isArray(node.required)) out.required.push(...node.required.filter((r): r is string => typeof r === 'string'));
  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((part, i) => {
      const sub = schemaProperties(spec, part, { file: resolved.at.file, pointer: childPointer(resolved.at.pointer, 'allOf', i) });
      Object.assign(out.properties, sub.properties);
      out.required.push(...sub.required);
    });
  }
  return out;
}
