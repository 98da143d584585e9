/**
 * The runner's own HTTP client for a WordPress site (preflight, generation detection, registry listing and
 * clean-up; Newman sends the collection's requests itself). Every request has a time-out; a request that
 * gets no answer throws a {@link SiteUnreachableError} whose code names why (refused, DNS, time-out, TLS).
 * Nothing here prints: callers decide what to say, through the redactor.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How the site's REST routes are addressed: `…/wp-json/<route>` or `…/?rest_route=/<route>` (plain permalinks). */
export interface RestBase {
  readonly url: string;
  readonly style: 'path' | 'query';
}

export interface HttpAnswer {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  readonly text: string;
  /** The parsed body when it is JSON (whatever the Content-Type says), otherwise `undefined`. */
  readonly json: unknown;
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Follow redirects (default true). */
  readonly follow?: boolean;
}

export type UnreachableCode = 'ERR_SITE_REFUSED' | 'ERR_SITE_DNS' | 'ERR_SITE_TIMEOUT' | 'ERR_SITE_TLS' | 'ERR_SITE_UNREACHABLE';

/** No answer at all; `code` is stable. The message names the URL without its query (which may hold ids). */
export class SiteUnreachableError extends Error {
  readonly code: UnreachableCode;
  constructor(code: UnreachableCode, message: string) {
    super(message);
    this.name = 'SiteUnreachableError';
    this.code = code;
  }
}

export interface SiteHttp {
  readonly base: RestBase;
  readonly timeoutMs: number;
  /** A REST route (`/aam/v2/jwts`) under the REST base. */
  rest(method: string, route: string, options?: RequestOptions): Promise<HttpAnswer>;
  /** Any URL (wp-login.php, admin-ajax.php). */
  url(method: string, url: string, options?: RequestOptions): Promise<HttpAnswer>;
  /** The site root (the REST base without `/wp-json` or `?rest_route=`), with a trailing slash. */
  readonly siteRoot: string;
}

export function createSiteHttp(base: RestBase, timeoutMs: number): SiteHttp {
  const siteRoot = base.style === 'query' ? base.url.replace(/\?rest_route=$/, '') : `${base.url.replace(/\/wp-json$/i, '')}/`;
  const http: SiteHttp = {
    base,
    timeoutMs,
    siteRoot: siteRoot.endsWith('/') ? siteRoot : `${siteRoot}/`,
    rest: (method, route, options = {}) => http.url(method, restUrl(base, route, options.query ?? {}), { ...options, query: {} }),
    async url(method, url, options = {}) {
      const target = new URL(url);
      for (const [key, value] of Object.entries(options.query ?? {})) target.searchParams.append(key, value);
      const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
      let body: string | undefined;
      if (options.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(options.json);
      } else if (options.form !== undefined) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(options.form).toString();
      }
      let current = target;
      for (let hop = 0; ; hop += 1) {
        const answer = await send(method, current, headers, body, timeoutMs);
        const location = answer.headers.get('location');
        const follow = options.follow !== false && (method === 'GET' || method === 'HEAD') && answer.status >= 300 && answer.status < 400 && location !== null && hop < 5;
        if (!follow) return answer;
        current = new URL(location, current);
      }
    },
  };
  return http;
}

/** The URL of a REST route: `…/wp-json/aam/v2/jwts?user_id=3` or `…/?rest_route=/aam/v2/jwts&user_id=3`. */
export function restUrl(base: RestBase, route: string, query: Readonly<Record<string, string>>): string {
  const params = new URLSearchParams(query).toString();
  if (base.style === 'query') return `${base.url}${encodeURI(route)}${params === '' ? '' : `&${params}`}`;
  return `${base.url}${route}${params === '' ? '' : `?${params}`}`;
}

/** One exchange over node:http(s) (not fetch: fetch refuses "bad ports" such as 9 or 6000). */
function send(method: string, url: URL, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method, headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (err) => fail(err));
      response.on('end', () => {
        clearTimeout(timer);
        const answerHeaders = new Headers();
        const raw = response.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) answerHeaders.append(raw[i] ?? '', raw[i + 1] ?? '');
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ url: url.href, status: response.statusCode ?? 0, headers: answerHeaders, contentType: answerHeaders.get('content-type') ?? '', text, json: parseJson(text) });
      });
    });
    const fail = (err: unknown): void => {
      clearTimeout(timer);
      request.destroy();
      reject(unreachable(err, url, timeoutMs));
    };
    const timer = setTimeout(() => fail(Object.assign(new Error('time-out'), { name: 'TimeoutError' })), timeoutMs);
    request.on('error', fail);
    request.end(body);
  });
}

function parseJson(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|EPROTO$|ERR_SSL)/;

/** Classifies a failed request by its system error code (`cause.code` for errors that wrap one). */
export function unreachable(error: unknown, url: URL, timeoutMs: number): SiteUnreachableError {
  const where = `${url.protocol}//${url.host}`;
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  if (err instanceof SiteUnreachableError) return err;
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.cause?.name === 'TimeoutError') {
    return new SiteUnreachableError('ERR_SITE_TIMEOUT', `${where} did not answer within ${timeoutMs / 1000} s (--request-timeout)`);
  }
  const code = err.cause?.code ?? err.code ?? '';
  const detail = err.cause?.message ?? err.message ?? String(error);
  if (code === 'ECONNREFUSED') return new SiteUnreachableError('ERR_SITE_REFUSED', `${where} refused the connection (nothing listens there)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return new SiteUnreachableError('ERR_SITE_DNS', `${url.hostname} does not resolve (DNS: ${code})`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new SiteUnreachableError('ERR_SITE_TIMEOUT', `${where} did not answer in time (${code})`);
  }
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(detail)) return new SiteUnreachableError('ERR_SITE_TLS', `TLS with ${where} failed: ${code === '' ? detail : `${code} (${detail})`}`);
  return new SiteUnreachableError('ERR_SITE_UNREACHABLE', `${where} cannot be reached: ${code === '' ? detail : `${code} (${detail})`}`);
}
