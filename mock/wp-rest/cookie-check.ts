/**
 * `rest_cookie_check_errors()` (`rest_authentication_errors`, priority 100): a request a valid auth cookie
 * authenticated needs a `wp_rest` nonce. Without one it runs as user 0 — whatever else (a bearer token)
 * authenticated it; with a wrong one it fails 403. Any other authentication is left alone.
 */
import { header, requestVar } from '../php/request.js';
import type { PhpRequest } from '../php/request.js';
import type { PhpValue } from '../php/values.js';
import type { RestAuthCookie } from '../wp/current-user.js';
import { WpError } from './errors.js';

/** What the REST server needs to run WordPress' cookie check. */
export interface RestCookieAuth {
  /** `$wp_rest_auth_cookie` as the last cookie validation before the check left it */
  readonly restAuthCookie: RestAuthCookie;
  /**
   * `wp_get_current_user()`: `serve_request()` forgets a current user that does not exist, so the first
   * call determines it again (cookies, then the bearer token).
   */
  readonly currentUser: () => Promise<number>;
  /** `wp_verify_nonce( $nonce, 'wp_rest' )` for a user */
  readonly verifyNonce: (nonce: string, userId: number) => 1 | 2 | false;
  /** `wp_create_nonce( 'wp_rest' )` for a user */
  readonly createNonce: (userId: number) => string;
}

export interface CookieCheckResult {
  /** who the request runs as from here on */
  readonly userId: number;
  /** the authentication error the request answers with */
  readonly error?: WpError;
  /** the `rest_send_nocache_headers` filter forced on */
  readonly nocache: boolean;
  /** headers sent by the check (a fresh `X-WP-Nonce`) */
  readonly headers: readonly [string, string][];
}

/** The nonce of the request: `$_REQUEST['_wpnonce']` (POST over GET), else the `X-WP-Nonce` header. */
function requestNonce(php: PhpRequest): string | undefined {
  const fromRequest = requestVar(php, '_wpnonce');
  if (fromRequest !== undefined) return phpStringCast(fromRequest);
  return header(php, 'x-wp-nonce');
}

/** `(string) $nonce`: an array is `"Array"`. */
function phpStringCast(value: PhpValue): string {
  return typeof value === 'string' ? value : 'Array';
}

export async function restCookieCheck(php: PhpRequest, auth: RestCookieAuth): Promise<CookieCheckResult> {
  // `true !== $wp_rest_auth_cookie && is_user_logged_in()`: the user is looked up only when no valid cookie was seen
  if (auth.restAuthCookie !== true) {
    const userId = await auth.currentUser();
    if (userId > 0) return { userId, nocache: false, headers: [] };
  }
  const nonce = requestNonce(php);
  // no nonce: wp_set_current_user( 0 )
  if (nonce === undefined) return { userId: 0, nocache: false, headers: [] };
  const userId = await auth.currentUser();
  if (auth.verifyNonce(nonce, userId) === false) {
    return { userId, nocache: true, headers: [], error: new WpError('rest_cookie_invalid_nonce', 'Cookie check failed', { status: 403 }) };
  }
  return { userId, nocache: false, headers: [['X-WP-Nonce', auth.createNonce(userId)]] };
}
