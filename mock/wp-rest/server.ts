import { PhpTypeError } from '../php/errors.js';
import type { PhpRequest } from '../php/request.js';
import { header } from '../php/request.js';
import { PhpObject, phpGet, phpTruthy } from '../php/values.js';
import type { PhpValue } from '../php/values.js';
import { nocacheHeaders } from '../wp/die.js';
import { describeRoute, restUrl } from './describe.js';
import { NO_ROUTE, WpError, errorBody } from './errors.js';
import { hasValidParams, sanitizeParams } from './args.js';
import { filterResponseFields } from './fields.js';
import { restCookieCheck } from './cookie-check.js';
import type { RestCookieAuth } from './cookie-check.js';
import { wpJsonEncode } from './json.js';
import { RestRequest } from './request.js';
import type { RouteRegistry } from './routes.js';
import type { RestHandler, RestResult, RestRoute } from './types.js';

/** A finished HTTP answer. */
export interface HttpResult {
  status: number;
  headers: [string, string][];
  body: string;
}

export interface RestServerOptions {
  registry: RouteRegistry;
  siteUrl: string;
}


const FORBIDDEN = (loggedIn: boolean): WpError =>
  new WpError('rest_forbidden', 'Sorry, you are not allowed to do that.', { status: loggedIn ? 403 : 401 });

/** `wp_check_jsonp_callback()` */
function validJsonpCallback(cb: PhpValue): boolean {
  return typeof cb === 'string' && /^[\w.]*$/.test(cb);
}

/** PHP `strtoupper()`/`rtrim()` of a request value: arrays are a TypeError. */
function phpStringArg(v: PhpValue, fn: string): string {
  if (v instanceof Map || Array.isArray(v) || v instanceof PhpObject) throw new PhpTypeError(`${fn}(): Argument #1 must be of type string, array given`);
  if (v === true) return '1';
  if (v === false || v === null) return '';
  return String(v);
}

/**
 * `rest_api_loaded()` + `WP_REST_Server::serve_request()`, in WordPress 6.1.9's order (Debian's build sends
 * the no-cache headers after the response's own headers). Headers go to the request's PHP header list as
 * they are sent, so a fatal error on the way answers with what was sent before it. The authentication check
 * (`rest_authentication_errors`: WordPress' cookie check, `auth`) decides who the request runs as.
 */
export async function serveRest(php: PhpRequest, rawRoute: PhpValue, auth: RestCookieAuth, options: RestServerOptions): Promise<HttpResult> {
  const out = php.out;
  const jsonpValue = phpGet(php.get, '_jsonp');
  const jsonp = jsonpValue === undefined || jsonpValue === null ? false : jsonpValue;
  const isJsonp = phpTruthy(jsonp);
  out.set('Content-Type', `${isJsonp ? 'application/javascript' : 'application/json'}; charset=UTF-8`);
  out.set('X-Robots-Tag', 'noindex');
  out.set('Link', `<${restUrl(options.siteUrl, '/')}>; rel="https://api.w.org/"`);
  out.set('X-Content-Type-Options', 'nosniff');
  out.set('Access-Control-Expose-Headers', 'X-WP-Total, X-WP-TotalPages, Link');
  out.set('Access-Control-Allow-Headers', 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type');
  if (isJsonp && !validJsonpCallback(jsonp)) {
    return { status: 400, headers: out.entries(), body: wpJsonEncode({ code: 'rest_callback_invalid', message: 'Invalid JSONP callback function.' }) };
  }
  const route = phpStringArg(rawRoute, 'rtrim').replace(/[/\\]+$/, '') || '/';
  let method = php.method;
  let overridden = false;
  const override = phpGet(php.get, '_method');
  if (override !== undefined && override !== null) method = phpStringArg(override, 'strtoupper').toUpperCase();
  else {
    const h = header(php, 'x-http-method-override');
    if (h !== undefined) {
      method = h.toUpperCase();
      overridden = true;
    }
  }
  // check_authentication(): WordPress' cookie check may change the current user, and sends a fresh nonce
  const check = await restCookieCheck(php, auth);
  for (const [k, v] of check.headers) out.set(k, v);
  const req = new RestRequest(php, method, route, check.userId);
  const loggedIn = check.userId > 0;

  let result: RestResult;
  let matched: RestRoute | null = null;
  if (check.error) result = fromError(check.error);
  else ({ result, matched } = await dispatch(req, options));
  for (const [k, v] of result.headers ?? []) out.set(k, v, k.toLowerCase() !== 'set-cookie');

  // rest_post_dispatch: rest_send_allow_header, then rest_filter_response_fields
  const responseHeaders: [string, string][] = [];
  if (matched) {
    const allow = allowedMethods(matched, req);
    if (allow) responseHeaders.push(['Allow', allow]);
  }
  let status = result.status;
  let data = result.status >= 400 ? result.data : filterResponseFields(result.data, req);
  if (phpGet(php.get, '_envelope') !== undefined && phpGet(php.get, '_envelope') !== null) {
    data = new Map<string, PhpValue>([['body', data], ['status', status], ['headers', new Map(responseHeaders)]]);
    responseHeaders.length = 0;
    status = 200;
  }
  for (const [k, v] of responseHeaders) out.set(k, v);
  out.status = status;
  // rest_pre_serve_request: rest_send_cors_headers
  const origin = header(php, 'origin');
  if (origin) {
    out.set('Access-Control-Allow-Origin', origin);
    out.set('Access-Control-Allow-Methods', 'OPTIONS, GET, POST, PUT, PATCH, DELETE');
    out.set('Access-Control-Allow-Credentials', 'true');
    out.set('Vary', 'Origin', false);
  } else if (php.method === 'GET' && !loggedIn) {
    out.set('Vary', 'Origin', false);
  }
  // rest_send_nocache_headers: logged in, forced by a failed nonce check, or a 4xx to an overridden method
  if (loggedIn || check.nocache || (overridden && String(status).startsWith('4'))) nocacheHeaders(out);
  if (req.method === 'HEAD' || status === 204) return { status, headers: out.entries(), body: '' };
  if (phpGet(php.get, '_embed') !== undefined && phpGet(php.get, '_embed') !== null) embedLinks(data);
  const json = wpJsonEncode(data, req.hasParam('_pretty'));
  return { status, headers: out.entries(), body: isJsonp ? `/**/${String(jsonp)}(${json})` : json };
}

/**
 * `response_to_data()` with `_embed`: `embed_links()` reads `$data['_links']` of the answer (of each element
 * of a list), which is a fatal error for an object (`Cannot use object of type WP_Error as array`).
 * The mock's answers carry no embeddable links, so the data is otherwise unchanged.
 */
function embedLinks(data: PhpValue): void {
  const items = data instanceof Map && [...data.keys()].every((k) => /^\d+$/.test(k)) ? [...data.values()] : Array.isArray(data) ? data : [data];
  if (items.some((x) => x instanceof PhpObject)) throw new PhpTypeError('Cannot use object as array');
}

function fromError(err: WpError): RestResult {
  return { status: err.status, data: errorBody(err) };
}

async function dispatch(req: RestRequest, options: RestServerOptions): Promise<{ result: RestResult; matched: RestRoute | null }> {
  if (req.method === 'OPTIONS') {
    const any = options.registry.matchAny(req.route);
    if (!any) return { result: { status: 200, data: [] }, matched: null };
    req.params.URL = new Map(any.params);
    req.handler = any.route.handlers.at(-1) ?? null;
    return { result: { status: 200, data: describeRoute(any.route, options.siteUrl) }, matched: any.route };
  }
  const found = options.registry.match(req.route, req.method);
  if (!found) return { result: fromError(NO_ROUTE()), matched: null };
  const { route, handler, params } = found;
  req.params.URL = new Map(params);
  req.handler = handler;
  req.params.defaults = new Map(Object.entries(handler.args)
    .filter(([, a]) => a.default !== undefined && a.default !== null)
    .map(([k, a]) => [k, a.default as PhpValue]));
  return { result: await respond(req, handler), matched: route };
}

async function respond(req: RestRequest, handler: RestHandler): Promise<RestResult> {
  const valid = hasValidParams(req, handler.args);
  if (valid !== true) return fromError(valid);
  const sanitized = sanitizeParams(req, handler.args);
  if (sanitized !== true) return fromError(sanitized);
  if (handler.permission) {
    const allowed = handler.permission(req);
    if (allowed instanceof WpError) return fromError(allowed);
    if (allowed !== true) return fromError(FORBIDDEN(req.currentUserId > 0));
  }
  return handler.callback(req);
}

/** `rest_send_allow_header()`: the methods whose permission check passes for this caller. */
function allowedMethods(route: RestRoute, req: RestRequest): string | null {
  const allowed = new Map<string, boolean>();
  for (const h of route.handlers) {
    const ok = h.permission ? h.permission(req) === true : true;
    for (const m of h.methods) allowed.set(m, ok);
  }
  const list = [...allowed].filter(([, ok]) => ok).map(([m]) => m.toUpperCase());
  return list.length ? list.join(', ') : null;
}

