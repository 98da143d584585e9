/**
 * `WP::parse_request()` as far as the REST API is concerned: the permalink path is matched against
 * the REST rewrite rules (`^wp-json/?$`, `^wp-json/(.*)?` and their `index.php/` twins, added at the top
 * of the rules), and the public query var `rest_route` is taken from POST, then GET, then the permalink
 * match; `rest_api_loaded()` serves the REST API when it is not `empty()`.
 */
import { phpParseStr } from '../php/parse-str.js';
import type { PhpRequest } from '../php/request.js';
import { phpEmpty, phpGet } from '../php/values.js';
import type { PhpValue } from '../php/values.js';

const REST_RULES: readonly [RegExp, string][] = [
  [/^wp-json\/?$/, '/'],
  [/^wp-json\/(.*)?/, '/$1'],
  [/^index\.php\/wp-json\/?$/, '/'],
  [/^index\.php\/wp-json\/(.*)?/, '/$1'],
];

/** What parse_request decided for `rest_route`. */
export type RestRouteVar =
  | { kind: 'none' }
  | { kind: 'route'; value: PhpValue }
  /** `$_GET` and `$_POST` both set and different: `wp_die()` with 400 */
  | { kind: 'mismatch' };

/** PHP `urldecode()` on a binary string (latin1). */
function urldecodeBinary(s: string): string {
  return s.replace(/\+/g, ' ').replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** PHP `addslashes()`. */
function addslashes(s: string): string {
  return s.replace(/([\\'"\0])/g, (c) => (c === '\0' ? '\\0' : `\\${c}`));
}

/** The `rest_route` the permalink gives, or undefined when no REST rule matches. */
function permalinkRoute(php: PhpRequest): string | undefined {
  const trim = (s: string): string => s.replace(/^\/+|\/+$/g, '');
  let requested: string;
  if (php.pathInfo !== null && php.pathInfo !== '' && !/^.*index\.php$/.test(php.pathInfo)) {
    requested = trim(php.pathInfo.replaceAll('%', '%25'));
  } else {
    const uri = trim(php.path);
    requested = uri === 'index.php' ? '' : uri;
  }
  if (requested === '') return undefined;
  for (const [rule, query] of REST_RULES) {
    const m = rule.exec(requested) ?? rule.exec(urldecodeBinary(requested));
    if (!m) continue;
    const substituted = addslashes(query.replace('$1', m[1] ?? ''));
    // parse_str() of `rest_route=<match>`: decodes once more, and `&` ends the value
    const value = phpGet(phpParseStr(`rest_route=${Buffer.from(substituted, 'latin1').toString('utf8')}`), 'rest_route');
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** `(string)` for scalars as parse_request casts query vars (arrays keep their shape, scalars inside become strings). */
function castQueryVar(value: PhpValue): PhpValue {
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, typeof v === 'string' || v instanceof Map ? v : String(v)]));
  return typeof value === 'string' ? value : String(value);
}

/** The `rest_route` query var of a request. */
export function restRouteVar(php: PhpRequest): RestRouteVar {
  const post = phpGet(php.post, 'rest_route');
  const get = phpGet(php.get, 'rest_route');
  const set = (v: PhpValue | undefined): v is PhpValue => v !== undefined && v !== null;
  let value: PhpValue | undefined;
  if (set(get) && set(post) && JSON.stringify(serializable(get)) !== JSON.stringify(serializable(post))) return { kind: 'mismatch' };
  if (set(post)) value = post;
  else if (set(get)) value = get;
  else value = permalinkRoute(php);
  if (value === undefined || phpEmpty(value)) return { kind: 'none' };
  return { kind: 'route', value: castQueryVar(value) };
}

function serializable(v: PhpValue): unknown {
  return v instanceof Map ? [...v].map(([k, x]) => [k, serializable(x)]) : v;
}
