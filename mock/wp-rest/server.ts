import type { PhpRequest } from '../php/request.js';
import { header } from '../php/request.js';
import { phpGet } from '../php/values.js';
import type { PhpValue } from '../php/values.js';
import { describeRoute, restUrl } from './describe.js';
import { NO_ROUTE, WpError, criticalErrorBody, errorBody } from './errors.js';
import { hasValidParams, sanitizeParams } from './args.js';
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

/** `WP_REST_Server::serve_request()` for one REST route (`rest_route`). */
export async function serveRest(php: PhpRequest, rawRoute: string, currentUserId: number, options: RestServerOptions): Promise<HttpResult> {
  const route = rawRoute.replace(/\/+$/, '') || '/';
  const override = phpGet(php.get, '_method');
  const method = override !== undefined && override !== null
    ? String(typeof override === 'object' ? 'Array' : override).toUpperCase()
    : (header(php, 'x-http-method-override')?.toUpperCase() ?? php.method);
  const req = new RestRequest(php, method, route, currentUserId);
  const headers = baseHeaders(php, options.siteUrl, currentUserId > 0);

  let dispatched: { result: RestResult; matched: RestRoute | null };
  try {
    dispatched = await dispatch(req, options);
  } catch {
    // A PHP fatal error inside a handler: the headers serve_request() already sent stay, wp_die() answers 500.
    return { status: 500, headers, body: wpJsonEncode(criticalErrorBody()) };
  }
  const { result, matched } = dispatched;
  if (matched) {
    const allow = allowedMethods(matched, req);
    if (allow) headers.push(['Allow', allow]);
  }
  headers.push(...(result.headers ?? []));
  return { status: result.status, headers, body: wpJsonEncode(result.data) };
}

function baseHeaders(php: PhpRequest, siteUrl: string, loggedIn: boolean): [string, string][] {
  const h: [string, string][] = [
    ['Content-Type', 'application/json; charset=UTF-8'],
    ['X-Robots-Tag', 'noindex'],
    ['Link', `<${restUrl(siteUrl, '/')}>; rel="https://api.w.org/"`],
    ['X-Content-Type-Options', 'nosniff'],
    ['Access-Control-Expose-Headers', 'X-WP-Total, X-WP-TotalPages, Link'],
    ['Access-Control-Allow-Headers', 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type'],
  ];
  if (loggedIn) {
    h.push(['Expires', 'Wed, 11 Jan 1984 05:00:00 GMT'], ['Cache-Control', 'no-cache, must-revalidate, max-age=0']);
  }
  const origin = header(php, 'origin');
  if (origin) {
    h.push(['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Methods', 'OPTIONS, GET, POST, PUT, PATCH, DELETE'],
      ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']);
  } else if (php.method === 'GET' && !loggedIn) {
    h.push(['Vary', 'Origin']);
  }
  return h;
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
