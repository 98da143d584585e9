/**
 * `wp-login.php` as far as a client ending its session uses it: `?action=logout`. Without a valid `log-out`
 * nonce, `check_admin_referer()` answers `wp_nonce_ays()`'s 403 page with the logout link (a fresh nonce); with
 * one, `wp_logout()` ends the session of the request's cookie, expires every login cookie and redirects to
 * `wp-login.php?loggedout=true`. Headers and page as WordPress 6.1 sends them (measured on the real sites).
 * The login form and the other actions are not modelled.
 */
import { requestVar, type PhpRequest } from '../php/request.js';
import { phpSetcookie, phpUrlencode } from '../php/setcookie.js';
import { phpEmpty, phpIsset } from '../php/values.js';
import { cookieConstants } from './auth-cookies.js';
import { wpDie, nocacheHeaders, type DieResult } from './die.js';
import { wpValidateRedirect } from './redirect.js';

/** What wp-login.php needs from the rest of WordPress for one request. */
export interface LoginPageContext {
  readonly siteUrl: string;
  readonly blogName: string;
  readonly now: () => number;
  /** `wp_verify_nonce()` / `wp_create_nonce()` of the `log-out` action for the request's user and session */
  readonly verifyNonce: (nonce: string) => boolean;
  readonly createNonce: () => string;
  /** `wp_logout()` for the current user: session destroyed, login cookies expired (sent to the request's headers) */
  readonly logout: () => void;
}

/** The path WordPress serves as its login page. */
export function isWpLogin(php: PhpRequest, siteUrl: string): boolean {
  return php.path === `${cookieConstants(siteUrl).siteCookiePath}wp-login.php`;
}

/** wp-login.php for one request; `null` where it would do something not modelled (the login form, other actions). */
export function wpLogin(php: PhpRequest, wp: LoginPageContext): DieResult | null {
  const action = requestVar(php, 'action');
  if (action !== 'logout' || phpIsset(php.get, 'key') || phpIsset(php.get, 'checkemail')) return null;
  const out = php.out;
  // the top of wp-login.php, then login_init's send_frame_options_header()
  nocacheHeaders(out);
  out.set('Content-Type', 'text/html; charset=UTF-8');
  const now = Math.floor(wp.now() / 1000);
  out.set('Set-Cookie', phpSetcookie('wordpress_test_cookie', 'WP Cookie check', { path: cookieConstants(wp.siteUrl).cookiePath }, now), false);
  out.set('X-Frame-Options', 'SAMEORIGIN');
  const redirectTo = requestVar(php, 'redirect_to');
  // check_admin_referer( 'log-out' ): a missing or wrong nonce is wp_nonce_ays( 'log-out' )
  const nonce = requestVar(php, '_wpnonce');
  if (typeof nonce !== 'string' || nonce === '' || !wp.verifyNonce(nonce)) {
    const title = `You are attempting to log out of ${wp.blogName}`;
    const redirect = typeof redirectTo === 'string' && redirectTo !== '' ? `&amp;redirect_to=${phpUrlencode(redirectTo)}` : '';
    const url = `${wp.siteUrl}/wp-login.php?action=logout${redirect}&amp;_wpnonce=${wp.createNonce()}`;
    return wpDie(php, { title, message: `${title}</p><p>Do you really want to <a href="${url}">log out</a>?`, status: 403, code: 'wp_die' });
  }
  wp.logout();
  // wp_safe_redirect(): a redirect_to elsewhere falls back to the admin URL
  const location = typeof redirectTo === 'string' && !phpEmpty(redirectTo)
    ? (wpValidateRedirect(redirectTo, wp.siteUrl, `${wp.siteUrl}/wp-admin/`) ?? `${wp.siteUrl}/wp-admin/`)
    : `${wp.siteUrl}/wp-login.php?loggedout=true&wp_lang=en_US`;
  out.set('X-Redirect-By', 'WordPress');
  out.set('Location', location);
  return { status: 302, headers: out.entries(), body: '' };
}
