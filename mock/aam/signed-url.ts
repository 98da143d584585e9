/**
 * SJ `authenticateUser()` on `init`: a valid token in the query string (`?aam-jwt=`) logs its user in
 * with WordPress cookies, stores the token's `exp` (and `trigger` claim) as the user's access expiration
 * (6.9.11–6.9.32; 6.9.51 passes them under keys its user service ignores) and redirects (302) to
 * `redirect_to` or the admin URL, ending the request.
 */
import type { PhpRequest } from '../php/request.js';
import { phpGet } from '../php/values.js';
import { setAuthCookie } from '../wp/auth-cookies.js';
import { wpValidateRedirect } from '../wp/redirect.js';
import type { UserRecord } from '../wp/users.js';
import type { AamContext } from './context.js';
import { extractToken } from './transport.js';
import { setUserExpiration } from './user-expiration.js';
import { claimUserId, validateWithRegistry } from './validate.js';

export interface SignedUrlAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** The 302 of a signed-URL login (after what the request sent before); null when the token no longer logs anyone in. */
export async function signedUrlLogin(ctx: AamContext, php: PhpRequest): Promise<SignedUrlAnswer | null> {
  const token = extractToken(ctx, php);
  if (token === null) return null;
  const result = await validateWithRegistry(ctx, token.jwt, 0);
  if (!result.valid) return null;
  const user = ctx.users.byId(claimUserId(result.claims));
  if (user === undefined) return null;
  const claims = result.claims.props;
  return loginAndRedirect(ctx, php, user, () => setUserExpiration(ctx, user.id, claims.get('exp'), claims.get('trigger')));
}

/**
 * A signed-URL login that stores no access expiration, for the user `determine_current_user` took from the
 * token (`userId`): AAM 6.9.51 hands `exp`/`trigger` to its user service as `expires_at`/`trigger`, which reads
 * only `expiration`, so nothing is stored; 7.1.1 stores one, not modelled (mock/README.md).
 */
export function signedUrlLoginWithoutExpiration(ctx: AamContext, php: PhpRequest, userId: number): Promise<SignedUrlAnswer | null> {
  const user = ctx.users.byId(userId);
  return Promise.resolve(user === undefined ? null : loginAndRedirect(ctx, php, user));
}

/**
 * The login half of a signed-URL login, shared by the generations: `wp_set_auth_cookie()` (cookies sent),
 * `afterLogin` (AAM 6.9.11–6.9.32 stores the access expiration here), then `wp_safe_redirect()` to `redirect_to` or the
 * admin URL (302).
 */
export function loginAndRedirect(ctx: AamContext, php: PhpRequest, user: UserRecord, afterLogin: () => void = () => undefined): SignedUrlAnswer {
  const out = php.out;
  for (const cookie of setAuthCookie(ctx, user, false, true).setCookies) out.set('Set-Cookie', cookie, false);
  afterLogin();
  // wp_safe_redirect( apply_filters( 'login_redirect', $redirect_to ?: admin_url(), '', $user ) )
  const admin = `${ctx.siteUrl}/wp-admin/`;
  const to = phpGet(php.get, 'redirect_to');
  const wanted = typeof to === 'string' && to !== '' ? to : admin;
  const location = wpValidateRedirect(wanted, ctx.siteUrl, admin) ?? admin;
  out.set('X-Redirect-By', 'WordPress');
  out.set('Location', location);
  return { status: 302, headers: out.sent(), body: '' };
}
