/**
 * Postman's per-request protocol behaviour the contract needs (`protocolProfileBehavior`):
 * - `disableCookies`: when the document defines a cookie security scheme (`apiKey` `in: cookie`), cookies
 *   authenticate, so no request may pick up or send the cookies another answer left in Postman's jar —
 *   a request that needs a cookie names it itself (a `Cookie` header).
 * - `followRedirects: false` on an operation that documents a 3XX answer: the test must see the redirect.
 * @see https://github.com/postmanlabs/postman-runtime/blob/develop/docs/protocol-profile-behavior.md
 */
import { isObject, type JsonObject } from '../lib/type-checks.js';
import type { PostmanProtocolProfileBehavior } from '../postman-v2.1.js';

/** Whether the document authenticates with cookies anywhere (an `apiKey` scheme `in: cookie`). */
export function usesCookieAuth(doc: JsonObject): boolean {
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  return Object.values(schemes).some((scheme) => isObject(scheme) && scheme.type === 'apiKey' && scheme.in === 'cookie');
}

/** The behaviour of a request for an operation with these documented statuses (undefined: Postman's defaults). */
export function requestBehavior(cookieAuth: boolean, statuses: readonly string[]): PostmanProtocolProfileBehavior | undefined {
  const behavior: PostmanProtocolProfileBehavior = {};
  if (cookieAuth) behavior.disableCookies = true;
  if (statuses.some((status) => /^3(\d\d|XX)$/i.test(status))) behavior.followRedirects = false;
  return Object.keys(behavior).length > 0 ? behavior : undefined;
}
