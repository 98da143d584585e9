/**
 * WordPress' auth cookies (`wp-includes/pluggable.php`): `wp_generate_auth_cookie`, `wp_parse_auth_cookie`,
 * `wp_validate_auth_cookie`, `wp_set_auth_cookie`, `wp_clear_auth_cookie`, with the cookie constants of
 * `wp_cookie_constants()` for a site without `COOKIE_DOMAIN`.
 */
import { createHash, createHmac } from 'node:crypto';
import { PhpTypeError } from '../php/errors.js';
import { hashEquals } from '../php/hash-equals.js';
import { phpSetcookie } from '../php/setcookie.js';
import type { WpContext } from './context.js';
import { wpTime } from './context.js';
import { wpHash } from './salts.js';
import { sanitizeUser } from './signon.js';
import type { UserRecord } from './users.js';

/** The cookie names and paths of a site (`COOKIEHASH` = md5 of `siteurl`). */
export interface CookieConstants {
  readonly hash: string;
  readonly auth: string;
  readonly secureAuth: string;
  readonly loggedIn: string;
  readonly user: string;
  readonly pass: string;
  /** COOKIEPATH (home) and SITECOOKIEPATH (siteurl): `/` on a root install */
  readonly cookiePath: string;
  readonly siteCookiePath: string;
  readonly adminCookiePath: string;
  readonly pluginsCookiePath: string;
}

export function cookieConstants(siteUrl: string): CookieConstants {
  const hash = createHash('md5').update(siteUrl).digest('hex');
  const pathOf = (url: string): string => url.replace(/https?:\/\/[^/]+/i, '');
  const siteCookiePath = pathOf(`${siteUrl}/`);
  return {
    hash,
    auth: `wordpress_${hash}`,
    secureAuth: `wordpress_sec_${hash}`,
    loggedIn: `wordpress_logged_in_${hash}`,
    user: `wordpressuser_${hash}`,
    pass: `wordpresspass_${hash}`,
    cookiePath: siteCookiePath,
    siteCookiePath,
    adminCookiePath: `${siteCookiePath}wp-admin`,
    pluginsCookiePath: pathOf(`${siteUrl}/wp-content/plugins`),
  };
}

/** `is_ssl()` as the mock sees it: the site URL is https (it runs behind whatever terminates TLS). */
export function isSsl(siteUrl: string): boolean {
  return /^https:/i.test(siteUrl);
}

/** The schemes an auth cookie is signed for. */
export type CookieScheme = 'auth' | 'secure_auth' | 'logged_in';

/** `user_pass`: the user's stored hash, or a fixed phpass-shaped stand-in derived from login and password. */
export function storedPasswordHash(user: UserRecord): string {
  if (user.passHash !== undefined) return user.passHash;
  const digest = createHash('sha256').update(`${user.login}\0${user.password}`).digest('base64').replace(/[+=]/g, '.');
  return `$P$B${digest.slice(0, 30)}`;
}

/** The signature part of a cookie (`hash_hmac( 'sha256', "login|expiration|token", wp_hash( … ) )`). */
function cookieHmac(wp: Pick<WpContext, 'salts'>, login: string, passHash: string, expiration: string, token: string, scheme: CookieScheme): string {
  const passFrag = passHash.slice(8, 12);
  const key = wpHash(wp.salts, `${login}|${passFrag}|${expiration}|${token}`, scheme);
  return createHmac('sha256', key).update(`${login}|${expiration}|${token}`).digest('hex');
}

/** `wp_generate_auth_cookie( $user_id, $expiration, $scheme, $token )`: `login|expiration|token|hmac`. */
export function generateAuthCookie(wp: Pick<WpContext, 'salts'>, user: UserRecord, expiration: number, scheme: CookieScheme, token: string): string {
  const exp = String(expiration);
  return `${user.login}|${exp}|${token}|${cookieHmac(wp, user.login, storedPasswordHash(user), exp, token, scheme)}`;
}

/** A cookie split into its four parts (`wp_parse_auth_cookie`); the expiration stays the text it was. */
export interface ParsedAuthCookie {
  readonly username: string;
  readonly expiration: string;
  readonly token: string;
  readonly hmac: string;
  readonly scheme: CookieScheme;
}

/** `wp_parse_auth_cookie()`: null for an empty or absent cookie, or one that is not four `|`-separated parts. */
export function parseAuthCookie(value: string | undefined, scheme: CookieScheme): ParsedAuthCookie | null {
  if (value === undefined || value === '' || value === '0') return null;
  const parts = value.split('|');
  if (parts.length !== 4) return null;
  const [username = '', expiration = '', token = '', hmac = ''] = parts;
  return { username, expiration, token, hmac, scheme };
}

/**
 * Why `wp_validate_auth_cookie()` accepted or refused a cookie: the action it fires (`auth_cookie_valid`,
 * `auth_cookie_malformed`, …). `bad_session_token` fires nothing WordPress' REST layer listens to.
 */
export type CookieStatus = 'valid' | 'malformed' | 'expired' | 'bad_username' | 'bad_hash' | 'bad_session_token';

export interface CookieCheck {
  readonly status: CookieStatus;
  /** the cookie's user when valid, else 0 */
  readonly userId: number;
}

/** What `wp_validate_auth_cookie()` needs to know about the request. */
export interface CookieRequest {
  /** the cookie's value as `$_COOKIE` holds it (URL-decoded) */
  readonly value: string | undefined;
  readonly scheme: CookieScheme;
  /** a POST or an admin-ajax request: an expired cookie gets an hour of grace */
  readonly grace: boolean;
}

/** `wp_validate_auth_cookie( $cookie, $scheme )`: expiry, user, HMAC, then the session token. */
export function validateAuthCookie(wp: WpContext, request: CookieRequest): CookieCheck {
  const cookie = parseAuthCookie(request.value, request.scheme);
  if (cookie === null) return { status: 'malformed', userId: 0 };
  const now = wpTime(wp);
  // `$expired += HOUR_IN_SECONDS` on a string that does not start like a number is a TypeError in PHP 8
  if (request.grace && !LEADING_NUMBER.test(cookie.expiration)) throw new PhpTypeError('Unsupported operand types: string + int');
  const expiration = phpIntval(cookie.expiration);
  if (expiration + (request.grace ? 3600 : 0) < now) return { status: 'expired', userId: 0 };
  const user = wp.users.byLogin(sanitizeUser(cookie.username));
  if (user === undefined) return { status: 'bad_username', userId: 0 };
  const expected = cookieHmac(wp, cookie.username, storedPasswordHash(user), cookie.expiration, cookie.token, cookie.scheme);
  if (!hashEquals(expected, cookie.hmac)) return { status: 'bad_hash', userId: 0 };
  if (!wp.sessions.verify(user.id, cookie.token)) return { status: 'bad_session_token', userId: 0 };
  return { status: 'valid', userId: user.id };
}

/** What `wp_set_auth_cookie()` did: the session token it created and the headers it sent. */
export interface AuthCookiesSet {
  readonly token: string;
  readonly expiration: number;
  /** `Set-Cookie` values; empty when `send_auth_cookies` is false */
  readonly setCookies: readonly string[];
}

/**
 * `wp_set_auth_cookie( $user_id, $remember )`: a new session (2 days, or 14 with `remember`), the auth
 * cookie on the plugins and admin paths and the logged-in cookie on the site path. `send` = false is the
 * `send_auth_cookies` filter returning false: the session is created, no cookie is sent.
 */
export function setAuthCookie(wp: WpContext, user: UserRecord, remember: boolean, send: boolean): AuthCookiesSet {
  const now = wpTime(wp);
  const expiration = now + (remember ? 14 : 2) * 86400;
  const expires = remember ? expiration + 12 * 3600 : 0;
  const secure = isSsl(wp.siteUrl);
  const scheme: CookieScheme = secure ? 'secure_auth' : 'auth';
  const names = cookieConstants(wp.siteUrl);
  const token = wp.sessions.create(user.id, expiration);
  if (!send) return { token, expiration, setCookies: [] };
  const auth = generateAuthCookie(wp, user, expiration, scheme, token);
  const loggedIn = generateAuthCookie(wp, user, expiration, 'logged_in', token);
  const authName = secure ? names.secureAuth : names.auth;
  const options = { expires, secure, httponly: true };
  const setCookies = [
    phpSetcookie(authName, auth, { ...options, path: names.pluginsCookiePath }, now),
    phpSetcookie(authName, auth, { ...options, path: names.adminCookiePath }, now),
    phpSetcookie(names.loggedIn, loggedIn, { ...options, path: names.cookiePath, secure }, now),
  ];
  if (names.cookiePath !== names.siteCookiePath) setCookies.push(phpSetcookie(names.loggedIn, loggedIn, { ...options, path: names.siteCookiePath, secure }, now));
  return { token, expiration, setCookies };
}

/** `wp_clear_auth_cookie()`: every WordPress login cookie, old names included, expired a year ago. */
export function clearAuthCookie(wp: Pick<WpContext, 'siteUrl' | 'now'>, currentUserId: number): string[] {
  const n = cookieConstants(wp.siteUrl);
  const now = wpTime(wp);
  const gone = (name: string, path: string): string => phpSetcookie(name, ' ', { expires: now - 365 * 86400, path }, now);
  return [
    gone(n.auth, n.adminCookiePath), gone(n.secureAuth, n.adminCookiePath),
    gone(n.auth, n.pluginsCookiePath), gone(n.secureAuth, n.pluginsCookiePath),
    gone(n.loggedIn, n.cookiePath), gone(n.loggedIn, n.siteCookiePath),
    gone(`wp-settings-${currentUserId}`, n.siteCookiePath), gone(`wp-settings-time-${currentUserId}`, n.siteCookiePath),
    gone(n.auth, n.cookiePath), gone(n.auth, n.siteCookiePath), gone(n.secureAuth, n.cookiePath), gone(n.secureAuth, n.siteCookiePath),
    gone(n.user, n.cookiePath), gone(n.pass, n.cookiePath), gone(n.user, n.siteCookiePath), gone(n.pass, n.siteCookiePath),
    gone(`wp-postpass_${n.hash}`, n.cookiePath),
  ];
}

/** A string PHP 8 arithmetic accepts (numeric, or leading-numeric with a warning). */
const LEADING_NUMBER = /^[ \t\n\r\v\f]*[+-]?(\d|\.\d)/;

/** PHP's string → int conversion of a cookie's expiration (`"12abc"` → 12, `"abc"` → 0). */
function phpIntval(text: string): number {
  const m = /^\s*[+-]?\d+/.exec(text);
  return m ? Number.parseInt(m[0], 10) : 0;
}
