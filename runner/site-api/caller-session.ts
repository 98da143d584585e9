/**
 * How the runner authenticates its own calls (detection, registry listings, clean-up) as the caller:
 * - with `--token`/AAM_TOKEN: that bearer token (the runner never revokes it);
 * - with a login: a WordPress cookie session (no token issued, so the caller's registry can be listed before the
 *   run's login and a token that login evicts can be named), ended again at the end;
 * - when the site offers no cookie session (admin-ajax.php blocked, or a server that is not WordPress such as the
 *   reference mock): one JWT login of the runner's own, revoked last in the clean-up.
 */
import { logout, login, openCookieSession, type CookieJar } from './login.js';
import type { SiteHttp } from './http.js';
import type { SiteLedger } from './site-ledger.js';

export interface CallerSession {
  readonly kind: 'token' | 'cookie' | 'login-token';
  /** How the caller is named in messages: `admin (user 1)`. */
  readonly name: string;
  readonly userId: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The token of a `login-token` session (in the caller's registry until the clean-up revokes it). */
  readonly ownToken: string | undefined;
  readonly jar: CookieJar | undefined;
}

export type CallerSessionResult = { readonly ok: true; readonly session: CallerSession } | { readonly ok: false; readonly reason: string };

/** Opens the caller's session for a login (`username`/`password`); records on `ledger` what it leaves. */
export async function openLoginSession(http: SiteHttp, adminUrl: string, username: string, password: string, ledger: SiteLedger): Promise<CallerSessionResult> {
  const cookie = await openCookieSession(http, adminUrl, username, password);
  if (cookie.ok) {
    ledger.sessionOpened();
    const { session } = cookie;
    return { ok: true, session: { kind: 'cookie', name: `${username} (user ${session.userId})`, userId: session.userId, headers: session.headers, ownToken: undefined, jar: session.jar } };
  }
  if (cookie.refused) return { ok: false, reason: `the site refuses the login of ${username}: ${cookie.reason}` };
  ledger.sessionOpened();
  if (cookie.ended === undefined) ledger.sessionEnded();
  else ledger.sessionLeft(`${username}'s login session opened to look for a cookie session (${cookie.ended})`);
  ledger.note(`no WordPress cookie session for the runner (${cookie.reason}): it logs ${username} in with a JWT of its own instead (revoked at the end), and cannot list ${username}'s registry before that login`);
  const jwt = await login(http, { username, password, jwt: true, cookies: false });
  if (!jwt.ok) return { ok: false, reason: `the site refuses the login of ${username}: ${jwt.reason}` };
  ledger.sessionOpened();
  ledger.sessionLeft(`${username}'s login session of the runner's JWT login (WordPress never sent its cookie)`);
  if (jwt.token === undefined) return { ok: false, reason: `the login of ${username} worked but returned no JWT: AAM's JWT service seems off (and the site offers no cookie session)` };
  return {
    ok: true,
    session: { kind: 'login-token', name: `${username} (user ${jwt.userId})`, userId: jwt.userId, headers: { Authorization: `Bearer ${jwt.token}` }, ownToken: jwt.token, jar: undefined },
  };
}

/** The caller's session for a given token. */
export function tokenSession(token: string, userId: string): CallerSession {
  return { kind: 'token', name: `user ${userId} (from the token)`, userId, headers: { Authorization: `Bearer ${token}` }, ownToken: undefined, jar: undefined };
}

/**
 * Ends a cookie session; records the outcome on `ledger`. The runner's own login token is left to the clean-up
 * (it is revoked last), unless `revokeOwnToken` (the preflight failed: there is no clean-up).
 */
export async function closeCallerSession(http: SiteHttp, adminUrl: string, session: CallerSession, ledger: SiteLedger, revokeOwnToken = false): Promise<void> {
  if (revokeOwnToken && session.ownToken !== undefined) {
    // The public revoke route has the same path and body on every generation.
    const answer = await http.rest('POST', '/aam/v2/jwt/revoke', { json: { jwt: session.ownToken } }).catch((err: Error) => err);
    if (answer instanceof Error || answer.status !== 200) ledger.note(`the runner's own login token of ${session.name} could not be revoked`);
  }
  if (session.kind !== 'cookie' || session.jar === undefined) return;
  let failure: string | undefined;
  try {
    failure = await logout(http, adminUrl, session.jar);
  } catch (err) {
    failure = (err as Error).message;
  }
  if (failure === undefined) ledger.sessionEnded();
  else ledger.sessionLeft(`the runner's cookie session of ${session.name} (${failure})`);
}
