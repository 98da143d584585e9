import { PhpObject, phpTruthy } from '../php/values.js';
import type { PhpValue } from '../php/values.js';
import type { RestRequest } from '../wp-rest/request.js';
import type { RouteRegistry } from '../wp-rest/routes.js';
import type { ArgSpec, RestResult } from '../wp-rest/types.js';
import { setAuthCookie } from '../wp/auth-cookies.js';
import { authCookieLogin } from '../wp/current-user.js';
import { wpValidateRedirect } from '../wp/redirect.js';
import { stripTags, wpSignon } from '../wp/signon.js';
import type { SignonError } from '../wp/signon.js';
import type { UserRecord } from '../wp/users.js';
import type { AamContext } from './context.js';
import { registerToken } from './registry.js';

const V2_ARGS: Record<string, ArgSpec> = {
  username: { description: 'Valid username.', type: 'string' },
  password: { description: 'Valid password.', type: 'string' },
  redirect: { description: 'Redirect URL after authentication.', type: 'string' },
  remember: { description: 'Prolong the user session.', type: 'boolean' },
  returnAuthCookies: { description: 'Return auth cookies.', type: 'boolean' },
  issueJWT: { description: 'Issue JWT Token', type: 'boolean' },
  refreshableJWT: { description: 'Issue a refreshable JWT Token', type: 'boolean' },
};
const V1_ARGS: Record<string, ArgSpec> = {
  username: { description: 'Valid username.', type: 'string' },
  password: { description: 'Valid password.', type: 'string' },
};

class LoginException extends Error {
  readonly code = 'ERR_AAM_LOGIN';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** `user` as AAM's login response shows it. */
function userData(user: UserRecord): PhpValue {
  return {
    data: {
      ID: user.id, user_login: user.login, user_nicename: user.nicename ?? user.login.toLowerCase().replace(/[^a-z0-9_-]/g, ''),
      display_name: user.displayName ?? user.login, user_url: user.url ?? '', user_email: user.email, user_registered: user.registered,
    },
  };
}

/** SJ `prepareLoginResponse()`: issue a registered token when `issueJWT` is exactly true. */
async function loginJwt(ctx: AamContext, req: RestRequest, user: UserRecord, issue: boolean): Promise<PhpValue | undefined> {
  if (!issue) return undefined;
  let refreshable = req.getParam('refreshableJWT') ?? null;
  if (phpTruthy(refreshable)) {
    refreshable = ctx.users.userCan(user, 'aam_issue_refreshable_jwt', ctx.users.byId(req.currentUserId));
    if (!refreshable) throw new LoginException('Current user is not allowed to issue refreshable JWT token', 400);
  }
  const claims = new Map<string, PhpValue>([['userId', user.id], ['revocable', true], ['refreshable', refreshable]]);
  if (req.getParam('includeRoles') === true) claims.set('roles', [user.role]);
  const issued = ctx.jwt.issue(claims);
  registerToken(ctx, user.id, issued.token, req.currentUserId);
  return { token: issued.token, token_expires: issued.claims.get('exp') ?? null };
}

function credentials(req: RestRequest): [string, string] {
  const s = (v: PhpValue | undefined): string => (typeof v === 'string' ? v : '');
  return [s(req.getParam('username')), s(req.getParam('password'))];
}

/** `wp_signon()`: the login (a valid auth cookie counts when neither username nor password is given). */
function signon(ctx: AamContext, req: RestRequest): UserRecord | SignonError {
  return wpSignon(ctx.users, ctx.siteUrl, ...credentials(req), () => authCookieLogin(ctx, req.php));
}

/**
 * `wp_signon()` → `wp_set_auth_cookie()`: a new session for the user, whose cookies are sent (`setcookie()`)
 * right away, so they are in the answer even when the request later fails. Secure Login's v2 route turns
 * them off (`send_auth_cookies`) unless `returnAuthCookies` is true; the legacy v1 route does not, so every
 * v1 login sends them (and starts a session either way).
 */
function sendAuthCookies(ctx: AamContext, req: RestRequest, user: UserRecord, legacy: boolean): void {
  const send = legacy || req.getParam('returnAuthCookies') === true;
  const remember = !legacy && phpTruthy(req.getParam('remember'));
  for (const c of setAuthCookie(ctx, user, remember, send).setCookies) req.php.out.set('Set-Cookie', c, false);
}

async function authenticate(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const user = signon(ctx, req);
  if (!('id' in user)) return { status: 403, data: { code: user.code, reason: user.message } };
  sendAuthCookies(ctx, req, user, false);
  // SL: `$redirect ? wp_validate_redirect($redirect) : null`, then Login Redirect's filter replaces an empty
  // value, or exactly `admin_url()`, with the user's configured login redirect — none here, so `null`
  // ("" and "0" are PHP-falsy).
  const raw = req.getParam('redirect');
  const validated = typeof raw === 'string' && phpTruthy(raw) ? wpValidateRedirect(raw, ctx.siteUrl, null) : null;
  const redirect = validated === '' || validated === `${ctx.siteUrl}/wp-admin/` ? null : validated;
  try {
    const jwt = await loginJwt(ctx, req, user, req.getParam('issueJWT') === true);
    const data = new Map<string, PhpValue>([['user', userData(user)], ['redirect', redirect]]);
    if (jwt !== undefined) data.set('jwt', jwt);
    return { status: 200, data };
  } catch (err) {
    if (err instanceof LoginException) return { status: err.status, data: { reason: err.message } };
    throw err;
  }
}

async function legacyAuthenticate(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const user = signon(ctx, req);
  if (!('id' in user)) {
    const error = new Map<string, PhpValue>([['errors', { rest_jwt_auth_failure: [stripTags(user.message)] }], ['error_data', []]]);
    return { status: 403, data: new PhpObject(error) };
  }
  sendAuthCookies(ctx, req, user, true);
  // the legacy route does not catch AAM's exception: a refreshable JWT the user may not have is a fatal error
  const jwt = (await loginJwt(ctx, req, user, true)) ?? null;
  return { status: 200, data: { user: userData(user), jwt, redirect: null } };
}

/** Secure Login's `/aam/v2/authenticate` (with the JWT service's extra args) and legacy `/aam/v1/authenticate`. */
export function registerAuthRoutes(registry: RouteRegistry, ctx: AamContext): void {
  registry.register('aam/v2', '/authenticate', { methods: ['POST'], permission: () => true, args: V2_ARGS, callback: (req) => authenticate(ctx, req) });
  registry.register('aam/v1', '/authenticate', { methods: ['POST'], permission: () => true, args: V1_ARGS, callback: (req) => legacyAuthenticate(ctx, req) });
}
