/**
 * The life of a WordPress login in the mock, on its injected clock: cookie expiry, sessions, logout, AAM's
 * signed-URL login and the access expiration it stores — as measured on the real 6.9.32 site (and on 6.9.51, which
 * stores none).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { cookieConstants, generateAuthCookie, validateAuthCookie } from '../../mock/wp/auth-cookies.js';
import { defaultSalts } from '../../mock/wp/salts.js';
import { SessionTokens } from '../../mock/wp/session-tokens.js';
import { UserOptions } from '../../mock/wp/user-options.js';
import { UserStore, loadUsers } from '../../mock/wp/users.js';
import { SITE, T0, cookieHeader, cookiesOf, openSite, setCookies } from './helpers.js';
import type { TestSite } from './helpers.js';

const HASH = createHash('md5').update(SITE).digest('hex');
const LOGGED_IN = `wordpress_logged_in_${HASH}`;
const LIST = '/wp-json/aam/v2/service/jwt?user_id=4&fields=id';
const NONCE_URL = '/wp-admin/admin-ajax.php?action=rest-nonce';

async function loginCookies(site: TestSite, login: string, extra: Record<string, unknown> = {}): Promise<Record<string, string>> {
  const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: login, password: login, returnAuthCookies: true, ...extra } });
  assert.equal(reply.status, 200);
  return cookiesOf(reply);
}

const loggedIn = (cookies: Record<string, string>): { Cookie: string } => ({ Cookie: cookieHeader({ [LOGGED_IN]: cookies[LOGGED_IN] ?? '' }) });

describe('wp_validate_auth_cookie: expiry, HMAC and the session token', () => {
  test('a login cookie lasts 2 days (14 with remember): after that it is ignored and the bearer authenticates', async () => {
    const site = await openSite();
    try {
      const bearer = site.mock.issueToken('admin');
      for (const [remember, life] of [[false, 2 * 86400], [true, 14 * 86400]] as const) {
        const cookies = await loginCookies(site, 'admin', { remember });
        site.clock.seconds = T0 + life;
        assert.equal((await site.call('GET', LIST, { headers: loggedIn(cookies), token: bearer })).status, 401, 'the last second: still valid, so no nonce = anonymous');
        site.clock.seconds = T0 + life + 1;
        const token = site.mock.issueToken('admin'); // the first bearer has expired by now
        assert.equal((await site.call('GET', LIST, { headers: loggedIn(cookies), token })).status, 200, 'expired: ignored');
        site.clock.seconds = T0;
      }
    } finally {
      await site.close();
    }
  });

  test('an expired cookie has an hour of grace on POST and admin-ajax requests (when its session still lives)', () => {
    let now = T0;
    const users = new UserStore(loadUsers());
    const wp = { users, userOptions: new UserOptions(), sessions: new SessionTokens(() => now), salts: defaultSalts('secret'), siteUrl: SITE, now: () => now * 1000 };
    const admin = users.byLogin('admin');
    assert.ok(admin);
    const token = wp.sessions.create(admin.id, T0 + 86400);
    const value = generateAuthCookie(wp, admin, T0 - 1800, 'logged_in', token);
    const check = (grace: boolean): string => validateAuthCookie(wp, { value, scheme: 'logged_in', grace }).status;
    assert.equal(check(false), 'expired');
    assert.equal(check(true), 'valid');
    now = T0 + 1801;
    assert.equal(check(true), 'expired', 'more than an hour late');
    assert.throws(() => validateAuthCookie(wp, { value: 'admin|abc|x|y', scheme: 'logged_in', grace: true }), { code: 'ERR_PHP_TYPE' }, 'PHP 8: "abc" + 3600 is a TypeError');
    assert.equal(validateAuthCookie(wp, { value: 'admin|abc|x|y', scheme: 'logged_in', grace: false }).status, 'expired');
  });

  test('each way a cookie fails validation leaves the request to the bearer', async () => {
    const site = await openSite();
    try {
      const cookies = await loginCookies(site, 'admin');
      const good = cookies[LOGGED_IN] ?? '';
      const [login = '', expiration = '', token = '', hmac = ''] = decodeURIComponent(good).split('|');
      const names = cookieConstants(SITE);
      assert.equal(names.loggedIn, LOGGED_IN);
      const bearer = site.mock.issueToken('manager');
      const table: Array<[string, string]> = [
        ['three parts', encodeURIComponent(`${login}|${expiration}|${token}`)],
        ['an unknown user', encodeURIComponent(`nobody|${expiration}|${token}|${hmac}`)],
        ['a later expiration (bad HMAC)', encodeURIComponent(`${login}|${Number(expiration) + 1}|${token}|${hmac}`)],
        ['another token (bad HMAC)', encodeURIComponent(`${login}|${expiration}|${'x'.repeat(43)}|${hmac}`)],
        ['the login upper-cased (bad HMAC)', encodeURIComponent(`${login.toUpperCase()}|${expiration}|${token}|${hmac}`)],
      ];
      for (const [name, value] of table) {
        const reply = await site.call('GET', LIST, { headers: { Cookie: cookieHeader({ [LOGGED_IN]: value }) }, token: bearer });
        assert.equal(reply.status, 200, name);
      }
    } finally {
      await site.close();
    }
  });

  test('a cookie whose expiration is not a number kills PHP on a POST: 500 critical error, JSON or HTML like the request', async () => {
    const site = await openSite();
    try {
      const cookie = cookieHeader({ [LOGGED_IN]: 'x%7Cabc%7Cy%7Cz' });
      const json = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { headers: { Cookie: cookie }, json: { jwt: 'x' } });
      assert.equal(json.status, 500);
      assert.equal(json.json().code, 'internal_server_error');
      assert.deepEqual([...json.headers.keys()].filter((h) => !['date', 'connection', 'keep-alive', 'content-length'].includes(h)), ['cache-control', 'content-type', 'expires']);
      const form = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { headers: { Cookie: cookie }, form: { jwt: 'x' } });
      assert.equal(form.status, 500);
      assert.match(form.body, /^<!DOCTYPE html>[\s\S]*There has been a critical error on this website\.[\s\S]*<\/html>\s*$/);
      const ajax = await site.call('GET', NONCE_URL, { headers: { Cookie: cookie } });
      assert.deepEqual([ajax.status, ajax.body, ajax.headers.get('content-type')], [500, '', 'text/html; charset=UTF-8']);
      const get = await site.call('GET', LIST, { headers: { Cookie: cookie } });
      assert.equal(get.status, 401, 'a GET compares the text and goes on');
    } finally {
      await site.close();
    }
  });
});

describe("AAM's signed-URL login and the access expiration it stores", () => {
  test('302 to the admin URL (or a same-host redirect_to), X-Redirect-By, three cookies, PHP\'s default Content-type last', async () => {
    const site = await openSite();
    try {
      const token = site.mock.issueToken('jwt-target');
      const table: Array<[string, string]> = [
        ['', `${SITE}/wp-admin/`],
        ['&redirect_to=/wp-json/', '/wp-json/'],
        ['&redirect_to=https://evil.example/x', `${SITE}/wp-admin/`],
      ];
      for (const [query, location] of table) {
        const reply = await site.call('GET', `/?aam-jwt=${token}${query}`);
        assert.equal(reply.status, 302);
        assert.equal(reply.headers.get('location'), location, query);
        assert.equal(reply.headers.get('x-redirect-by'), 'WordPress');
        assert.equal(setCookies(reply).length, 3);
        assert.equal(reply.body, '');
      }
    } finally {
      await site.close();
    }
  });

  test('no redirect when a valid cookie already names a user, or when the token is not valid', async () => {
    const site = await openSite();
    try {
      const token = site.mock.issueToken('jwt-target');
      const cookies = await loginCookies(site, 'subscriber1');
      assert.equal((await site.call('GET', `/?aam-jwt=${token}`, { headers: loggedIn(cookies) })).status, 200);
      assert.equal((await site.call('GET', '/?aam-jwt=not-a-token')).status, 200);
    } finally {
      await site.close();
    }
  });

  test("the token's exp becomes the user's access expiration: once it passed, the next request logs the user out", async () => {
    const site = await openSite();
    try {
      const admin = site.mock.issueToken('admin');
      const created = await site.call('POST', '/wp-json/aam/v2/service/jwt?user_id=4&fields=token', { token: admin, json: { expires_in: '+1 hour' } });
      const login = await site.call('GET', `/?aam-jwt=${created.json().token}`);
      const cookies = cookiesOf(login);
      assert.match((await site.call('GET', NONCE_URL, { headers: loggedIn(cookies) })).body, /^[0-9a-f]{10}$/, 'logged in');
      site.clock.seconds = T0 + 3600;
      const out = await site.call('GET', NONCE_URL, { headers: loggedIn(cookies) });
      assert.deepEqual([out.status, out.body], [400, '0'], 'logged out at exp');
      const cleared = setCookies(out);
      assert.equal(cleared.length, 17);
      assert.ok(cleared.every((line) => / expires=Wed, 01 Jan 2025 01:00:00 GMT; Max-Age=0; path=\//.test(line)), cleared.join('\n'));
      assert.ok(cleared.includes('wp-settings-4=%20; expires=Wed, 01 Jan 2025 01:00:00 GMT; Max-Age=0; path=/'));
      const again = await site.call('GET', NONCE_URL, { headers: loggedIn(cookies) });
      assert.deepEqual([again.status, setCookies(again).length], [400, 0], 'the session was destroyed, the expiration removed');
    } finally {
      await site.close();
    }
  });

  test('a trigger claim overrides the expiration; on a REST request the logout leaves the stale cookie status, so no bearer helps', async () => {
    const site = await openSite();
    try {
      const admin = site.mock.issueToken('admin');
      const created = await site.call('POST', '/wp-json/aam/v2/service/jwt?user_id=4&fields=token', { token: admin, json: { additional_claims: { trigger: { expires: 1 } } } });
      const cookies = cookiesOf(await site.call('GET', `/?aam-jwt=${created.json().token}`));
      const reply = await site.call('GET', LIST, { headers: loggedIn(cookies), token: admin });
      assert.equal(reply.status, 401);
      assert.equal(setCookies(reply).length, 17);
      assert.equal((await site.call('GET', LIST, { headers: loggedIn(cookies), token: admin })).status, 200, 'next time the dead cookie is ignored');
    } finally {
      await site.close();
    }
  });
});

describe("AAM 6.9.51's signed-URL login stores no access expiration (measured on the real 6.9.51 site)", () => {
  test('neither exp nor a passed trigger logs the session out: the cookie keeps its user logged in', async () => {
    const site = await openSite({ aamVersion: '6.9.51' });
    try {
      const admin = site.mock.issueToken('admin');
      for (const claims of [{}, { trigger: { expires: 1, action: 'logout' } }]) {
        const created = await site.call('POST', '/wp-json/aam/v2/service/jwts?user_id=4', { token: admin, json: { expires_in: '+1 hour', additional_claims: claims } });
        assert.equal(created.status, 200, created.body);
        const login = await site.call('GET', `/aam-contract-signed-url?aam-jwt=${created.json().token}`);
        assert.deepEqual([login.status, setCookies(login).length], [302, 3]);
        const cookies = cookiesOf(login);
        site.clock.seconds = T0 + 7200; // past the token's exp
        const nonce = await site.call('GET', NONCE_URL, { headers: loggedIn(cookies) });
        assert.deepEqual([nonce.status, setCookies(nonce).length], [200, 0], JSON.stringify(claims));
        assert.match(nonce.body, /^[0-9a-f]{10}$/);
        site.clock.seconds = T0;
      }
    } finally {
      await site.close();
    }
  });
});

describe('logins through cookies (wp_authenticate_cookie) and the legacy login', () => {
  test('POST /aam/v2/authenticate with neither username nor password: the auth cookie logs its user in', async () => {
    const site = await openSite();
    try {
      const cookies = await loginCookies(site, 'admin');
      const auth = `wordpress_${HASH}`;
      const table: Array<[string, string, number, string]> = [
        ['the auth cookie', cookieHeader({ [auth]: cookies[auth] ?? '' }), 200, 'admin'],
        ['a bad auth cookie', cookieHeader({ [auth]: 'admin%7C1%7Cx%7Cy' }), 403, 'expired_session'],
        ['the logged-in cookie only', cookieHeader({ [LOGGED_IN]: cookies[LOGGED_IN] ?? '' }), 403, 'empty_username'],
      ];
      for (const [name, cookie, status, what] of table) {
        const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { headers: { Cookie: cookie }, json: {} });
        assert.equal(reply.status, status, name);
        assert.equal(status === 200 ? reply.json().user.data.user_login : reply.json().code, what, name);
      }
    } finally {
      await site.close();
    }
  });

  test('the legacy login with refreshableJWT for a user lacking the capability dies: 500 after its cookies', async () => {
    const site = await openSite();
    try {
      const reply = await site.call('POST', '/wp-json/aam/v1/authenticate', { json: { username: 'subscriber1', password: 'subscriber1', refreshableJWT: true } });
      assert.equal(reply.status, 500);
      assert.equal(reply.json().code, 'internal_server_error');
      assert.equal(setCookies(reply).length, 3);
      assert.equal(reply.headers.get('allow'), null);
    } finally {
      await site.close();
    }
  });

  test("redirect equal to the site's admin URL comes back null (AAM's Login Redirect replaces exactly admin_url())", async () => {
    const site = await openSite();
    try {
      const table: Array<[string, string | null]> = [[`${SITE}/wp-admin/`, null], [`${SITE}/wp-admin`, `${SITE}/wp-admin`], ['/wp-admin/', '/wp-admin/']];
      for (const [redirect, want] of table) {
        const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: 'admin', password: 'admin', redirect } });
        assert.equal(reply.json().redirect, want, redirect);
      }
    } finally {
      await site.close();
    }
  });
});
