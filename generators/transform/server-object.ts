/**
 * Server Objects (OAS §4.8.5) of a Path Item or an Operation → the base of that request's URL. The
 * document's first server is `{{baseUrl}}`; a path or operation with its own `servers` gets its first
 * server's URL with each `{variable}` as the Postman variable of the same name (declared on the collection
 * with the server variable's default).
 * @see https://spec.openapis.org/oas/v3.1.0#server-object
 */
import { isObject, type JsonObject } from '../lib/type-checks.js';

/** A request's URL base and the variables it needs (name → default value). */
export interface RequestBase {
  /** `{{baseUrl}}`, or e.g. `{{siteUrl}}` */
  readonly base: string;
  readonly variables: ReadonlyMap<string, string>;
}

export const BASE_URL: RequestBase = { base: '{{baseUrl}}', variables: new Map() };

/** The base of an operation's URL: its own `servers`, else its path item's, else the document's (`{{baseUrl}}`). */
export function requestBase(pathItem: JsonObject, operation: JsonObject): RequestBase {
  const servers = Array.isArray(operation.servers) ? operation.servers : Array.isArray(pathItem.servers) ? pathItem.servers : undefined;
  const first = servers?.[0];
  if (!isObject(first) || typeof first.url !== 'string') return BASE_URL;
  const declared = isObject(first.variables) ? first.variables : {};
  const variables = new Map<string, string>();
  const base = first.url.replace(/\/+$/, '').replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const variable = declared[name];
    variables.set(name, isObject(variable) && variable.default !== undefined ? String(variable.default) : '');
    return `{{${name}}}`;
  });
  return { base, variables };
}

/**
 * The variables of `names` that the document's first server (the collection's `{{baseUrl}}`) contains, as a
 * pattern that reads them back from a base URL: `{siteUrl}/wp-json` → `^(.+?)/wp-json/*$`, siteUrl = group 1.
 * Undefined when the first server names none of them.
 */
export function baseUrlVariables(servers: unknown, names: Iterable<string>): { pattern: string; variables: Array<{ name: string; group: number }> } | undefined {
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== 'string') return undefined;
  const wanted = new Set(names);
  const parts = first.url.replace(/\/+$/, '').split(/\{([^}]+)\}/);
  const variables: Array<{ name: string; group: number }> = [];
  let pattern = '^';
  parts.forEach((part, index) => {
    if (index % 2 === 0) {
      pattern += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return;
    }
    pattern += '(.+?)';
    const group = (index + 1) / 2;
    if (wanted.has(part) && !variables.some((v) => v.name === part)) variables.push({ name: part, group });
  });
  return variables.length === 0 ? undefined : { pattern: `${pattern}/*$`, variables };
}
