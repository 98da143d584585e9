/**
 * Responses Object (OAS §4.8.16) → the operation's contract (every documented status, its media
 * types, its JSON schema and required headers) and one saved example response per status.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import type { StatusContract } from '../contract.js';
import type { LoadedSpec, Location } from '../load-spec.js';
import { childPointer } from '../lib/json-pointer.js';
import { STATUS_TEXT } from '../lib/status-text.js';
import { deref } from '../lib/resolve-ref.js';
import { isObject } from '../lib/type-checks.js';
import type { PostmanHeader } from '../postman-v2.1.js';
import { exampleOf, prettyJson, toText } from './example-value.js';
import { isJsonMediaType, pickMediaType } from './request-body-object.js';
import { registerSchema, type SchemaRegistry } from './schema-object.js';

export interface DocumentedResponse {
  /** As documented: `"200"`, `"4XX"`, `"default"`. */
  status: string;
  description: string;
  contract: StatusContract;
  /** The saved example, absent for `default` (it has no status code). */
  example?: { code: number; statusText: string; contentType?: string; body: string; header: PostmanHeader[] };
}

/** Numeric order: exact codes, then ranges (`4XX` after `499`), then `default`. */
export function statusOrder(status: string): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^[1-5]XX$/i.test(status)) return Number(status[0]) * 100 + 99.5;
  return Number.POSITIVE_INFINITY;
}

/** The example status code of a documented status (`4XX` → 400); `undefined` for `default`. */
export function exampleCode(status: string): number | undefined {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^[1-5]XX$/i.test(status)) return Number(status[0]) * 100;
  return undefined;
}

export function transformResponses(spec: LoadedSpec, registry: SchemaRegistry, responses: unknown, at: Location): DocumentedResponse[] {
  if (!isObject(responses)) return [];
  const statuses = Object.keys(responses).filter((s) => !s.startsWith('x-')).sort((a, b) => statusOrder(a) - statusOrder(b) || a.localeCompare(b));
  return statuses.map((status) => {
    const response = deref(spec, { value: responses[status], at: { file: at.file, pointer: childPointer(at.pointer, status) } });
    const node = isObject(response.value) ? response.value : {};
    const content = isObject(node.content) ? node.content : {};
    const contentTypes = Object.keys(content);
    const schemas: Record<string, string> = {};
    for (const type of contentTypes) {
      const media = content[type];
      if (isJsonMediaType(type) && isObject(media) && media.schema !== undefined) {
        schemas[type] = registerSchema(registry, media.schema, { file: response.at.file, pointer: childPointer(response.at.pointer, 'content', type, 'schema') });
      }
    }
    const headers = requiredHeaders(spec, node.headers, { file: response.at.file, pointer: childPointer(response.at.pointer, 'headers') });
    const contract: StatusContract = { contentTypes };
    if (Object.keys(schemas).length > 0) contract.schemas = schemas;
    if (headers.length > 0) contract.headers = headers;
    const description = typeof node.description === 'string' ? node.description : '';
    const code = exampleCode(status);
    const out: DocumentedResponse = { status, description, contract };
    if (code !== undefined) {
      const contentType = pickMediaType(contentTypes);
      const media = contentType === undefined ? undefined : content[contentType];
      const mediaAt = { file: response.at.file, pointer: childPointer(response.at.pointer, 'content', contentType ?? '') };
      const value = isObject(media) ? exampleOf(spec, media, mediaAt) : undefined;
      const body = value === undefined ? '' : contentType !== undefined && isJsonMediaType(contentType) ? prettyJson(value) : toText(value);
      const header: PostmanHeader[] = contentType === undefined ? [] : [{ key: 'Content-Type', value: contentType }];
      out.example = { code, statusText: STATUS_TEXT[code] ?? '', body, header, ...(contentType === undefined ? {} : { contentType }) };
    }
    return out;
  });
}

function requiredHeaders(spec: LoadedSpec, headers: unknown, at: Location): string[] {
  if (!isObject(headers)) return [];
  return Object.keys(headers).filter((name) => {
    if (name.toLowerCase() === 'content-type') return false;
    const header = deref(spec, { value: headers[name], at: { file: at.file, pointer: childPointer(at.pointer, name) } }).value;
    return isObject(header) && header.required === true;
  });
}
