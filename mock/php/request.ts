import type { IncomingHttpHeaders } from 'node:http';
import { phpParseCookies, phpParseStr } from './parse-str.js';
import type { PhpMap } from './values.js';

/** What PHP hands WordPress: the raw request plus `$_GET`, `$_POST`, `$_COOKIE`. */
export interface PhpRequest {
  method: string;
  /** path part of REQUEST_URI, not decoded */
  path: string;
  queryString: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  get: PhpMap;
  post: PhpMap;
  cookies: Map<string, string>;
}

/** A header as PHP exposes it in `$_SERVER` (`HTTP_*`), duplicates joined like Node does. */
export function header(req: PhpRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The media type of Content-Type, lower-cased, without parameters. */
export function mediaType(req: PhpRequest): string {
  return (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function createPhpRequest(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): PhpRequest {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const queryString = q === -1 ? '' : url.slice(q + 1).split('#')[0] ?? '';
  const req: PhpRequest = {
    method: method.toUpperCase(), path, queryString, headers, body,
    get: phpParseStr(queryString), post: new Map(), cookies: new Map(),
  };
  const cookie = header(req, 'cookie');
  req.cookies = phpParseCookies(cookie);
  // PHP fills $_POST only for POST requests with a form-encoded body (multipart is not modelled).
  if (req.method === 'POST' && mediaType(req) === 'application/x-www-form-urlencoded') {
    req.post = phpParseStr(body.toString('utf8'));
  }
  return req;
}
