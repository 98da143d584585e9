/**
 * `wp-admin/admin-ajax.php` as far as REST clients use it: `?action=rest-nonce` gives a logged-in user a
 * `wp_rest` nonce (`wp_ajax_rest_nonce()`); every other request is refused with `0` the way admin-ajax
 * refuses it. No other ajax action is implemented.
 */
import type { HeaderList } from '../php/headers.js';
import { header, requestVar } from '../php/request.js';
import type { PhpRequest } from '../php/request.js';
import { phpEmpty, phpGet } from '../php/values.js';
import { nocacheHeaders } from './die.js';

/** What admin-ajax needs to know about the request's user. */
export interface AjaxUser {
  /** the current user (0 = logged out) */
  readonly userId: number;
  /** `wp_create_nonce( 'wp_rest' )` for that user and the request's session token */
  readonly restNonce: () => string;
}

export interface AjaxAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** `get_allowed_http_origins()`: http and https on the hosts (not the ports) of the admin and home URLs. */
function allowedOrigin(php: PhpRequest, siteUrl: string): string | undefined {
  const origin = header(php, 'origin');
  if (origin === undefined || origin === '') return undefined;
  const host = new URL(siteUrl).hostname;
  return [`http://${host}`, `https://${host}`].includes(origin) ? origin : undefined;
}

/** `wp_die( $message, $status )` inside admin-ajax: the status, no-cache headers again, the message. */
function die(out: HeaderList, status: number, message: string): AjaxAnswer {
  nocacheHeaders(out);
  return { status, headers: out.sent(), body: message };
}

/** admin-ajax.php for one request, after what the request sent before (e.g. the cookies of a logout). */
export function adminAjax(php: PhpRequest, siteUrl: string, user: AjaxUser): AjaxAnswer {
  const headers = php.out;
  // send_origin_headers()
  const origin = allowedOrigin(php, siteUrl);
  if (origin !== undefined) {
    headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Allow-Credentials', 'true');
  }
  if (php.method === 'OPTIONS') return { status: origin === undefined ? 403 : 200, headers: headers.sent(), body: '' };
  headers.set('Content-Type', 'text/html; charset=UTF-8');
  headers.set('X-Robots-Tag', 'noindex');
  // $_REQUEST = array_merge( $_GET, $_POST )
  const action = requestVar(php, 'action');
  if (phpEmpty(action) || typeof action !== 'string') return die(headers, 400, '0');
  headers.set('X-Content-Type-Options', 'nosniff');
  nocacheHeaders(headers);
  // admin_init: wp_admin_headers(), send_frame_options_header()
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  headers.set('X-Frame-Options', 'SAMEORIGIN');
  // `rest-nonce` is a core GET action: its handler is hooked only when `$_GET['action']` names it
  const restNonceHooked = phpGet(php.get, 'action') === 'rest-nonce';
  if (user.userId > 0 && action === 'rest-nonce' && restNonceHooked) {
    return { status: 200, headers: headers.sent(), body: user.restNonce() };
  }
  return die(headers, 400, '0');
}
