/** PHP `rawurlencode()` (RFC 3986): every byte but `A-Z a-z 0-9 - _ . ~` becomes `%XX` (upper-case hex). */
export function phpRawUrlencode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** PHP `urlencode()`: `rawurlencode()` with a space as `+` and `~` encoded too. */
export function phpUrlencode(s: string): string {
  return phpRawUrlencode(s).replaceAll('%20', '+').replaceAll('~', '%7E');
}

/** The attributes of PHP's `setcookie( $name, $value, $expires, $path, $domain, $secure, $httponly )`. */
export interface SetcookieOptions {
  /** Unix time; 0 = a session cookie (no `expires`) */
  readonly expires?: number;
  readonly path?: string;
  readonly domain?: string;
  readonly secure?: boolean;
  readonly httponly?: boolean;
}

/**
 * The `Set-Cookie` header value PHP 8.2's `setcookie()` sends: the value raw-url-encoded, `expires` in
 * `D, d M Y H:i:s GMT` with `Max-Age` = seconds left (never negative), then path, domain, secure, HttpOnly.
 * An empty value deletes the cookie (`deleted`, expired at second 1).
 */
export function phpSetcookie(name: string, value: string, options: SetcookieOptions, nowSeconds: number): string {
  let header = name;
  if (value === '') {
    header += `=deleted; expires=${httpDate(1)}; Max-Age=0`;
  } else {
    header += `=${phpRawUrlencode(value)}`;
    const expires = options.expires ?? 0;
    if (expires > 0) header += `; expires=${httpDate(expires)}; Max-Age=${Math.max(0, expires - nowSeconds)}`;
  }
  if (options.path) header += `; path=${options.path}`;
  if (options.domain) header += `; domain=${options.domain}`;
  if (options.secure === true) header += '; secure';
  if (options.httponly === true) header += '; HttpOnly';
  return header;
}

/**
 * PHP 8.2's cookie date (`D, d M Y H:i:s \G\M\T`, e.g. `Thu, 15 Jan 2026 12:00:00 GMT`); PHP 8.0/8.1 wrote
 * `Thu, 15-Jan-2026 …` (php-src GH-9200).
 */
function httpDate(seconds: number): string {
  return new Date(seconds * 1000).toUTCString();
}
