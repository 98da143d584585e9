/**
 * The cookie half of WordPress' `determine_current_user` (`wp_validate_auth_cookie` at priority 10, then
 * `wp_validate_logged_in_cookie` at 20), with what `rest_cookie_collect_status` remembers of it, and
 * `wp_logout()`. Plugins hooked later (AAM's JWT at `PHP_INT_MAX`) run only when no cookie named a user.
 */
import type { PhpRequest } from '../php/request.js';
import { clearAuthCookie, cookieConstants, isSsl, validateAuthCookie } from './auth-cookies.js';
import type { CookieStatus } from './auth-cookies.js';
import type { WpContext } from './context.js';
import { sessionToken } from './nonces.js';
import type { AuthCookieLogin } from './signon.js';

/** `$wp_rest_auth_cookie`: true once a valid auth cookie authenticated the request, else the last failure seen. */
export type RestAuthCookie = true | Exclude<CookieStatus, 'valid' | 'bad_session_token'> | undefined;

/** Who the cookies say the request is from. */
export interface CookieUser {
  /** 0 = no cookie named a user */
  readonly userId: number;
  readonly restAuthCookie: RestAuthCookie;
}

/** The path WordPress serves as admin-ajax (`DOING_AJAX`). */
export function isAdminAjax(php: PhpRequest, siteUrl: string): boolean {
  return php.path === `${cookieConstants(siteUrl).siteCookiePath}wp-admin/admin-ajax.php`;
}

/** Auth and logged-in cookies of the request, in WordPress' order; the first valid one names the user. */
export function determineCookieUser(wp: WpContext, php: PhpRequest): CookieUser {
  const names = cookieConstants(wp.siteUrl);
  // wp_validate_auth_cookie(): an expired cookie has an hour of grace on POST and admin-ajax requests
  const grace = php.method === 'POST' || isAdminAjax(php, wp.siteUrl);
  let restAuthCookie: RestAuthCookie;
  const note = (status: CookieStatus): void => {
    if (status === 'valid') restAuthCookie = true;
    else if (status !== 'bad_session_token') restAuthCookie = status;
  };
  const secure = isSsl(wp.siteUrl);
  const auth = validateAuthCookie(wp, { value: php.cookies.get(secure ? names.secureAuth : names.auth), scheme: secure ? 'secure_auth' : 'auth', grace });
  note(auth.status);
  if (auth.userId > 0) return { userId: auth.userId, restAuthCookie };
  // wp_validate_logged_in_cookie(): skipped when the cookie is empty (no action fires)
  const loggedIn = php.cookies.get(names.loggedIn);
  if (loggedIn === undefined || loggedIn === '' || loggedIn === '0') return { userId: 0, restAuthCookie };
  const check = validateAuthCookie(wp, { value: loggedIn, scheme: 'logged_in', grace });
  note(check.status);
  return { userId: check.userId, restAuthCookie };
}

/** `wp_authenticate_cookie()`'s view of the request: the user of a valid auth cookie, and whether one was sent. */
export function authCookieLogin(wp: WpContext, php: PhpRequest): AuthCookieLogin {
  const names = cookieConstants(wp.siteUrl);
  const secure = isSsl(wp.siteUrl);
  const value = php.cookies.get(secure ? names.secureAuth : names.auth);
  const check = validateAuthCookie(wp, { value, scheme: secure ? 'secure_auth' : 'auth', grace: php.method === 'POST' || isAdminAjax(php, wp.siteUrl) });
  return { userId: check.userId, present: value !== undefined && value !== '' && value !== '0' };
}

/** The session token of the request's logged-in cookie (`wp_get_session_token()`, unverified). */
export function requestSessionToken(wp: Pick<WpContext, 'siteUrl'>, php: PhpRequest): string {
  return sessionToken(php.cookies.get(cookieConstants(wp.siteUrl).loggedIn));
}

/**
 * `wp_logout()`: destroys the session of the request's logged-in cookie (for the current user), clears every
 * login cookie (`setcookie()`, to the request's header list) and leaves the request anonymous.
 */
export function wpLogout(wp: WpContext, php: PhpRequest, currentUserId: number): void {
  const token = requestSessionToken(wp, php);
  if (token !== '') wp.sessions.destroy(currentUserId, token);
  for (const cookie of clearAuthCookie(wp, currentUserId)) php.out.set('Set-Cookie', cookie, false);
}
