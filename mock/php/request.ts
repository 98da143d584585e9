import type { IncomingHttpHeaders } from 'node:http';
import { HeaderList } from './headers.js';
import { phpParseCookies, phpParseMultipart, phpParseStr } from './parse-str.js';
import { phpGet, type PhpMap, type PhpValue } from './values.js';

/** What PHP hands WordPress: the raw request plus `$_GET`, `$_POST`, `$_COOKIE`. */
export interface PhpRequest {
  method: string;
  /** path part of REQUEST_URI, not decoded */
  path: string;
  /** `$_SERVER['PATH_INFO']` as PHP's built-in web server sets it (see `cliServerPathInfo`), null when unset */
  pathInfo: string | null;
  queryString: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  get: PhpMap;
  post: PhpMap;
  cookies: Map<string, string>;
  /** the response headers sent so far (PHP's header list) */
  out: HeaderList;
}

/** A header as PHP exposes it in `$_SERVER` (`HTTP_*`), duplicates joined like Node does. */
export function header(req: PhpRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** `$_REQUEST[$key]`: `$_POST` wins over `$_GET` (PHP's default `request_order` "GP"). */
export function requestVar(req: PhpRequest, key: string): PhpValue | undefined {
  return phpGet(req.post, key) ?? phpGet(req.get, key);
}

/** The media type of Content-Type, lower-cased, without parameters. */
export function mediaType(req: PhpRequest): string {
  return (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** PHP `rawurldecode()` on bytes: `%XX` decoded, `+` kept, invalid escapes kept verbatim. */
function rawUrlDecodeBytes(s: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i] as string, 'utf8'));
  }
  return Buffer.from(bytes);
}

/**
 * `$_SERVER['PATH_INFO']` under PHP's built-in server (`php -S … -t <docroot> router.php`, the reference
 * sites): the path is `rawurldecode`d and normalized (`normalize_vpath()`: empty and `.` segments dropped,
 * `..` pops a segment, a trailing slash kept); a request for the front controller (`/`, `/index.php`) has
 * none, and `/index.php/rest` gives `/rest`. Returned as a binary (latin1) string.
 */
export function cliServerPathInfo(rawPath: string): string | null {
  const decoded = rawUrlDecodeBytes(rawPath).toString('latin1');
  const segments: string[] = [];
  for (const seg of decoded.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const trailing = /\/\.{0,2}$/.test(decoded) && segments.length > 0;
  const vpath = `/${segments.join('/')}${trailing ? '/' : ''}`;
  if (vpath === '/' || vpath === '/index.php') return null;
  if (vpath.startsWith('/index.php/')) return vpath.slice('/index.php'.length);
  return vpath;
}

export function createPhpRequest(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): PhpRequest {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const queryString = q === -1 ? '' : url.slice(q + 1).split('#')[0] ?? '';
  const req: PhpRequest = {
    method: method.toUpperCase(), path, pathInfo: cliServerPathInfo(path), queryString, headers, body,
    get: phpParseStr(queryString), post: new Map(), cookies: new Map(), out: new HeaderList(),
  };
  const cookie = header(req, 'cookie');
  req.cookies = phpParseCookies(cookie);
  // PHP fills $_POST only for POST requests with a form-encoded or multipart body.
  if (req.method === 'POST' && mediaType(req) === 'application/x-www-form-urlencoded') {
    req.post = phpParseStr(body.toString('utf8'));
  } else if (req.method === 'POST' && mediaType(req) === 'multipart/form-data') {
    req.post = phpParseMultipart(body, header(req, 'content-type') ?? '');
  }
  return req;
}
