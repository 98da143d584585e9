/**
 * Security Requirement / Scheme Objects (OAS §4.8.30, §4.8.27) → Postman auth.
 * Bearer-like schemes use the collection's `bearer {{jwt_token}}`; `security: []` (or no
 * requirement at all) gives `noauth`, so a token is never sent to a public endpoint.
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
import { isObject, type JsonObject } from '../lib/type-checks.js';
import type { PostmanAuth } from '../postman-v2.1.js';

export const TOKEN_VARIABLE = 'jwt_token';
export const API_KEY_VARIABLE = 'api_key';

export type OperationAuth =
  /** inherit the collection's bearer auth */
  | { kind: 'inherit'; schemes: string[] }
  | { kind: 'auth'; auth: PostmanAuth; schemes: string[]; variables: string[] };

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

/** The auth of one operation: its own `security`, else the document's. */
export function operationAuth(doc: JsonObject, operation: JsonObject): OperationAuth {
  const requirement = operation.security ?? doc.security;
  const noauth: OperationAuth = { kind: 'auth', auth: { type: 'noauth' }, schemes: [], variables: [] };
  if (!Array.isArray(requirement) || requirement.length === 0) return noauth;
  const first = requirement[0];
  if (!isObject(first) || Object.keys(first).length === 0) return noauth;
  const names = Object.keys(first);
  const defined = schemes(doc);
  if (names.every((name) => isBearerLike(defined[name])) && collectionAuth(doc) !== undefined) return { kind: 'inherit', schemes: names };
  for (const name of names) {
    const scheme = defined[name];
    if (!isObject(scheme)) continue;
    if (scheme.type === 'apiKey' && typeof scheme.name === 'string' && (scheme.in === 'header' || scheme.in === 'query')) {
      return {
        kind: 'auth',
        schemes: names,
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
  return collectionAuth(doc) === undefined ? noauth : { kind: 'inherit', schemes: names };
}
