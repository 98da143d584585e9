import { phpEmpty, phpTruthy } from '../../php/values.js';
import type { PhpValue } from '../../php/values.js';
import type { RestRequest } from '../../wp-rest/request.js';
import type { RouteRegistry } from '../../wp-rest/routes.js';
import type { ArgSpec, RestResult } from '../../wp-rest/types.js';
import { setAuthCookie } from '../../wp/auth-cookies.js';
import { authCookieLogin } from '../../wp/current-user.js';
import { wpSignon } from '../../wp/signon.js';
import type { UserRecord } from '../../wp/users.js';
import type { AamContext } from '../../aam/context.js';
import { FIELDS_ARG } from './args.js';
import { PhpException, prepareErrorResponse } from './exceptions.js';
import { JwtsService } from './jwts-service.js';
import { userProperty } from './users.js';

const ARGS: Record<string, ArgSpec> = {
  username: { description: 'Valid username', type: 'string', required: true },
  password: { description: 'Valid password', type: 'string', required: true },
  remember: { description: 'Prolong the user session.', type: 'boolean', default: false },
  return_auth_cookies: { description: 'Return auth cookies.', type: 'boolean', default: false },
  fields: FIELDS_ARG,
};

/** `_get_backward_compatible_request_param()`: the 7.x name, else the 6.x one (raw: they are not registered). */
function compatParam(req: RestRequest, name: string, legacy: string, deprecated: string[]): PhpValue {
  let value = req.getParam(name);
  if (phpEmpty(value)) {
    value = req.getParam(legacy);
    if (!phpEmpty(value)) deprecated.push(`/authenticate (since 7.1.1; The REST ${legacy} parameter is deprecated. Replace it with ${name})`);
  }
  return value ?? false;
}

/**
 * The JWT service's `aam_rest_authenticated_user_data_filter`: with `issue_jwt`/`issueJWT` or
 * `issue_refreshable_jwt`/`refreshableJWT`, a login token. Its `aam_issue_refreshable_jwt` check runs while
 * nobody is logged in (and is inverted), so it never refuses. A refreshable flag that is not a boolean makes the
 * issue fail silently: `{"token": null, "token_expires": null}`.
 */
function loginJwt(ctx: AamContext, req: RestRequest, user: UserRecord, deprecated: string[]): PhpValue | undefined {
  const issue = compatParam(req, 'issue_jwt', 'issueJWT', deprecated);
  const refreshable = compatParam(req, 'issue_refreshable_jwt', 'refreshableJWT', deprecated);
  if (!phpTruthy(issue) && !phpTruthy(refreshable)) return undefined;
  try {
    const issued = new JwtsService(ctx, user.id).issue(new Map(), { refreshable });
    return { token: issued.token, token_expires: issued.claims.get('exp') ?? null };
  } catch (err) {
    if (err instanceof PhpException) return { token: null, token_expires: null };
    throw err;
  }
}

/** `_prepare_user_data()`: `ID` plus each requested user property that is set, then the JWT. */
function userData(ctx: AamContext, req: RestRequest, user: UserRecord, deprecated: string[]): PhpValue {
  const fields = req.getParam('fields');
  const props = [...new Set(['ID', ...(typeof fields === 'string' ? fields.split(',') : [])])];
  const out = new Map<string, PhpValue>();
  for (const prop of props) {
    const value = userProperty(ctx, user, prop);
    if (value !== undefined && value !== null) out.set(prop, value);
  }
  const jwt = loginJwt(ctx, req, user, deprecated);
  if (jwt !== undefined) out.set('jwt', jwt);
  return out;
}

async function authenticate(ctx: AamContext, req: RestRequest): Promise<RestResult> {
  const s = (v: PhpValue | undefined): string => (typeof v === 'string' ? v : '');
  const user = wpSignon(ctx.users, ctx.siteUrl, s(req.getParam('username')), s(req.getParam('password')), () => authCookieLogin(ctx, req.php));
  if (!('id' in user)) return prepareErrorResponse(new PhpException('DomainException', user.message), ctx.wpDebug);
  // wp_signon() → wp_set_auth_cookie(): a new session, its cookies sent right away unless `send_auth_cookies`
  // is off — AAM turns it off unless `return_auth_cookies` is exactly true (measured: no Set-Cookie without it)
  const send = req.getParam('return_auth_cookies') === true;
  for (const c of setAuthCookie(ctx, user, phpTruthy(req.getParam('remember')), send).setCookies) req.php.out.set('Set-Cookie', c, false);
  const deprecated: string[] = [];
  const data = userData(ctx, req, user, deprecated);
  const notices: [string, string][] = ctx.wpDebug ? deprecated.map((text) => ['X-WP-DeprecatedParam', text]) : [];
  return { status: 200, data, headers: notices };
}

/** `AAM_Restful_SecureLogin`: `POST /aam/v2/authenticate`, registered only while nobody is logged in. */
export function registerAuthenticateRoute(registry: RouteRegistry, ctx: AamContext): void {
  registry.register('aam/v2', '/authenticate', { methods: ['POST'], permission: () => true, args: ARGS, callback: (req) => authenticate(ctx, req) });
}
