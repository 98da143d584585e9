/**
 * WordPress nonces (`wp-includes/pluggable.php`): `wp_nonce_tick`, `wp_create_nonce`, `wp_verify_nonce`, and
 * `wp_get_session_token` (the token part of the logged-in cookie, unverified). A nonce is tied to the action,
 * the user and that session token, and lives one tick (12 h) plus the previous one: 12–24 hours.
 */
import { hashEquals } from '../php/hash-equals.js';
import { parseAuthCookie } from './auth-cookies.js';
import { wpHash } from './salts.js';
import type { WpSalts } from './salts.js';

/** `DAY_IN_SECONDS`: the default `nonce_life`. */
export const NONCE_LIFE = 86400;

/** Who a nonce is for: the current user (0 = anonymous) and the session token of the request's logged-in cookie. */
export interface NonceOwner {
  readonly userId: number;
  readonly token: string;
}

/** `wp_nonce_tick()`: the current half of the nonce life. */
export function nonceTick(nowSeconds: number): number {
  return Math.ceil(nowSeconds / (NONCE_LIFE / 2));
}

function nonceAt(salts: WpSalts, tick: number, action: string, owner: NonceOwner): string {
  return wpHash(salts, `${tick}|${action}|${owner.userId}|${owner.token}`, 'nonce').slice(-12, -2);
}

/** `wp_create_nonce( $action )`: 10 hex characters. */
export function createNonce(salts: WpSalts, nowSeconds: number, action: string, owner: NonceOwner): string {
  return nonceAt(salts, nonceTick(nowSeconds), action, owner);
}

/** `wp_verify_nonce( $nonce, $action )`: 1 (this tick), 2 (the previous one) or false. */
export function verifyNonce(salts: WpSalts, nowSeconds: number, nonce: string, action: string, owner: NonceOwner): 1 | 2 | false {
  if (nonce === '' || nonce === '0') return false;
  const tick = nonceTick(nowSeconds);
  if (hashEquals(nonceAt(salts, tick, action, owner), nonce)) return 1;
  if (hashEquals(nonceAt(salts, tick - 1, action, owner), nonce)) return 2;
  return false;
}

/** `wp_get_session_token()`: the token of the logged-in cookie as sent, or `''`. */
export function sessionToken(loggedInCookie: string | undefined): string {
  const token = parseAuthCookie(loggedInCookie, 'logged_in')?.token ?? '';
  return token === '0' ? '' : token;
}
