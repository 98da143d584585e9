/**
 * Security Requirement / Scheme Objects (OAS §4.8.30, §4.8.27) → Postman auth.
 * Bearer-like schemes use the collection's `bearer {{jwt_token}}`; `security: []` (or no
 * requirement at all) gives `noauth`, so a token is never sent to a public endpoint. A cookie scheme
 * (`apiKey` `in: cookie`) in the first requirement becomes a `Cookie: {{auth_cookie}}` header.
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
import { isObject, type JsonObject } from '../lib/type-checks.js';
import type { PostmanAuth, PostmanHeader } from '../postman-v2.1.js';

export const TOKEN_VARIABLE = 'jwt_token';
export const API_KEY_VARIABLE = 'api_key';
/** Holds the whole `name=value` of the cookie a cookie scheme names. */
export const COOKIE_VARIABLE = 'auth_cookie';

export type OperationAuth =
  /** inherit the collection's bearer auth */
  | { kind: 'inherit'; schemes: string[]; alternatives: string[][] }
  | { kind: 'auth'; auth: PostmanAuth; schemes: string[]; variables: string[]; alternatives: string[][]; headers?: PostmanHeader[] };

function schemes(doc: JsonObject): JsonObject {
  const components = isObject(doc.components) ? doc.components : {};
  return isObject(components.securitySchemes) ? components.securitySchemes : {};
}

function isBearerLike(scheme: unknown): boolean {
  if (!isObject(scheme)) return false;
  if (scheme.type === 'http') return typeof scheme.scheme === 'string' && scheme.scheme.toLowerCase() === 'bearer';
  return scheme.type === 'oauth2' || scheme.type === 'openIdConnect';
}

/** The collection-level auth: bearer `{{jwt_token}}` when the spec defines a bearer-like scheme. */
export function collectionAuth(doc: JsonObject): PostmanAuth | undefined {
  return Object.values(schemes(doc)).some(isBearerLike)
    ? { type: 'bearer', bearer: [{ key: 'token', value: `{{${TOKEN_VARIABLE}}}`, type: 'string' }] }
    : undefined;
}

function isCookieScheme(scheme: unknown): boolean {
  return isObject(scheme) && scheme.type === 'apiKey' && scheme.in === 'cookie';
}

/** The auth of one operation: its own `security`, else the document's. The collection sends the first requirement. */
export function operationAuth(doc: JsonObject, operation: JsonObject): OperationAuth {
  const requirement = operation.security ?? doc.security;
  const alternatives = Array.isArray(requirement) ? requirement.filter(isObject).map((r) => Object.keys(r)).filter((r) => r.length > 0) : [];
  const noauth: OperationAuth = { kind: 'auth', auth: { type: 'noauth' }, schemes: [], variables: [], alternatives };
  if (!Array.isArray(requirement) || requirement.length === 0) return noauth;
  const first = requirement[0];
  if (!isObject(first) || Object.keys(first).length === 0) return noauth;
  const names = Object.keys(first);
  const defined = schemes(doc);
  if (names.every((name) => isBearerLike(defined[name])) && collectionAuth(doc) !== undefined) return { kind: 'inherit', schemes: names, alternatives };
  if (names.some((name) => isCookieScheme(defined[name]))) {
    const rest = operationAuth(doc, { security: [Object.fromEntries(names.filter((name) => !isCookieScheme(defined[name])).map((name) => [name, []]))] });
    const headers = [{ key: 'Cookie', value: `{{${COOKIE_VARIABLE}}}` }];
    const variables = [COOKIE_VARIABLE, ...(rest.kind === 'auth' ? rest.variables : [])];
    return rest.kind === 'auth'
      ? { ...rest, schemes: names, variables, alternatives, headers }
      : { kind: 'auth', auth: { type: 'noauth' }, schemes: names, variables, alternatives, headers };
  }
  for (const name of names) {
    const scheme = defined[name];
    if (!isObject(scheme)) continue;
    if (scheme.type === 'apiKey' && typeof scheme.name === 'string' && (scheme.in === 'header' || scheme.in === 'query')) {
      return {
        kind: 'auth',
        schemes: names,
        alternatives,
        variables: [API_KEY_VARIABLE],
        auth: {
          type: 'apikey',
          apikey: [
            { key: 'key', value: scheme.name, type: 'string' },
            { key: 'value', value: `{{${API_KEY_VARIABLE}}}`, type: 'string' },
            { key: 'in', value: scheme.in, type: 'string' },
          ],
        },
      };
    }
    if (scheme.type === 'http' && typeof scheme.scheme === 'string' && scheme.scheme.toLowerCase() === 'basic') {
      return {
        kind: 'auth',
        schemes: names,
        alternatives,
        variables: ['username', 'password'],
        auth: {
          type: 'basic',
          basic: [
            { key: 'username', value: '{{username}}', type: 'string' },
            { key: 'password', value: '{{password}}', type: 'string' },
          ],
        },
      };
    }
  }
  return collectionAuth(doc) === undefined ? noauth : { kind: 'inherit', schemes: names, alternatives };
}
