/**
 * Logging a user in through AAM's `/aam/v2/authenticate`, and WordPress cookie sessions.
 *
 * The login body works on every generation: 6.9.x reads `issueJWT`/`returnAuthCookies`, 7.x `issue_jwt`/
 * `return_auth_cookies`, and each ignores the other's names. The answer is `{user:{data:{ID}},jwt}` (6.9.x) or
 * `{ID,jwt}` (7.x); a refused login is 403 `{code,reason}` (6.9.x) or 401 serialized WP_Error (7.x).
 *
 * Every successful login makes WordPress create a login session (`wp_set_auth_cookie()` runs even when AAM does
 * not send the cookies). A session whose cookies the runner holds can be ended again: {@link logout} goes through
 * `wp-login.php?action=logout` with the nonce WordPress offers on its "Do you really want to log out?" page.
 */
import { isObject } from '../../generators/lib/type-checks.js';
import { describe, errorInfo } from './answers.js';
import type { HttpAnswer, SiteHttp } from './http.js';

/** The cookies of one session (name → value); attributes are not needed for a handful of same-site requests. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();
  absorb(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /expires=([^;]+)/i.exec(line)?.[1];
      if (value === '' || value === 'deleted' || (expired !== undefined && Date.parse(expired) < Date.parse('2001-01-01'))) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  /** A jar holding one `name=value` cookie. */
  static of(pair: string): CookieJar {
    const jar = new CookieJar();
    const eq = pair.indexOf('=');
    if (eq > 0) jar.#cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    return jar;
  }
  /** Whether the jar holds a WordPress `logged_in` cookie (a login session). */
  hasSession(): boolean {
    return [...this.#cookies.keys()].some((name) => name.startsWith('wordpress_logged_in_'));
  }
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export type LoginResult =
  | { readonly ok: true; readonly userId: string; readonly token: string | undefined; readonly jar: CookieJar }
  | { readonly ok: false; readonly answer: HttpAnswer; readonly reason: string };

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
  /** Ask for a JWT (adds one token to the user's registry). */
  readonly jwt: boolean;
  /** Ask for the auth cookies (a session the runner can end with {@link logout}). */
  readonly cookies: boolean;
}

export async function login(http: SiteHttp, request: LoginRequest): Promise<LoginResult> {
  const json: Record<string, unknown> = { username: request.username, password: request.password };
  if (request.jwt) Object.assign(json, { issueJWT: true, issue_jwt: true });
  if (request.cookies) Object.assign(json, { returnAuthCookies: true, return_auth_cookies: true });
  const answer = await http.rest('POST', '/aam/v2/authenticate', { json });
  const jar = new CookieJar();
  jar.absorb(answer.headers);
  const body = answer.json;
  if (answer.status === 200 && isObject(body)) {
    const data = isObject(body.user) && isObject(body.user.data) ? body.user.data : body;
    const id = data.ID;
    const jwt = isObject(body.jwt) && typeof body.jwt.token === 'string' ? body.jwt.token : undefined;
    if ((typeof id === 'number' || typeof id === 'string') && String(id) !== '') return { ok: true, userId: String(id), token: jwt, jar };
  }
  const info = errorInfo(answer);
  return { ok: false, answer, reason: `${describe(answer)}${info.message === undefined ? '' : ` (${info.message.slice(0, 160)})`}` };
}

/** A logged-in WordPress session: its cookies plus a REST nonce authenticate REST requests as the user. */
export interface CookieSession {
  readonly userId: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly jar: CookieJar;
}

export type CookieSessionResult =
  | { readonly ok: true; readonly session: CookieSession }
  | { readonly ok: false; readonly refused: true; readonly reason: string }
  /** Logged in, but no usable session: `ended` says whether the runner could end the login session again. */
  | { readonly ok: false; readonly refused: false; readonly reason: string; readonly ended: string | undefined };

/**
 * Logs `username` in with cookies (no JWT), then asks `admin-ajax.php?action=rest-nonce` for the REST nonce
 * that makes WordPress accept the cookies on REST routes. `adminUrl` is the site's `siteurl` (where wp-admin
 * and wp-login.php live; it can differ from the REST API's home).
 */
export async function openCookieSession(http: SiteHttp, adminUrl: string, username: string, password: string): Promise<CookieSessionResult> {
  const result = await login(http, { username, password, jwt: false, cookies: true });
  if (!result.ok) return { ok: false, refused: true, reason: result.reason };
  if (!result.jar.hasSession()) return { ok: false, refused: false, reason: 'the login sent no WordPress auth cookies', ended: 'no cookie to end it with' };
  const nonce = await http.url('GET', `${adminUrl}wp-admin/admin-ajax.php`, { query: { action: 'rest-nonce' }, headers: { Cookie: result.jar.header(), Accept: '*/*' } });
  const value = nonce.text.trim();
  if (nonce.status !== 200 || !/^[0-9a-f]{6,32}$/i.test(value)) {
    const ended = await logout(http, adminUrl, result.jar);
    return { ok: false, refused: false, reason: `admin-ajax.php?action=rest-nonce answered ${describe(nonce)}`, ended };
  }
  return { ok: true, session: { userId: result.userId, jar: result.jar, headers: { Cookie: result.jar.header(), 'X-WP-Nonce': value } } };
}

/**
 * Ends the session of `jar` through wp-login.php; `undefined` when WordPress confirmed it (302 to
 * `loggedout=true`), otherwise why it could not.
 */
export async function logout(http: SiteHttp, adminUrl: string, jar: CookieJar): Promise<string | undefined> {
  const headers = { Cookie: jar.header(), Accept: 'text/html' };
  const page = await http.url('GET', `${adminUrl}wp-login.php`, { query: { action: 'logout' }, headers, follow: false });
  const nonce = /[?&](?:amp;)?_wpnonce=([0-9a-f]+)/i.exec(page.text)?.[1];
  if (nonce === undefined) return `wp-login.php?action=logout answered ${describe(page)} without a logout link`;
  const done = await http.url('GET', `${adminUrl}wp-login.php`, { query: { action: 'logout', _wpnonce: nonce }, headers, follow: false });
  const location = done.headers.get('location') ?? '';
  return done.status >= 300 && done.status < 400 && location.includes('loggedout=true') ? undefined : `the logout answered ${describe(done)}`;
}
