/**
 * WordPress cookie authentication on the AAM 7.1.1 mock: the shared cookie layer under AAM 7's routes that are
 * registered for the user WordPress determined first. Every row was measured on the real 7.1.1 site
 * (../shared/real-aam, instance d) before it became a test.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SITE, T0, cookieHeader, cookiesOf, openSite, setCookies } from './helpers.js';
import type { CallOptions, Reply, TestSite } from './helpers.js';

const HASH = createHash('md5').update(SITE).digest('hex');
const AUTH = `wordpress_${HASH}`;
const LOGGED_IN = `wordpress_logged_in_${HASH}`;
const LOGIN = '/wp-json/aam/v2/authenticate';
const LIST = '/wp-json/aam/v2/jwts?user_id=4';
const ITEM = '/wp-json/aam/v2/jwt/00000000-0000-4000-8000-000000000000?user_id=4';
const NONCE_URL = '/wp-admin/admin-ajax.php?action=rest-nonce';
const NO_ROUTE = { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } };
const FORBIDDEN_401 = { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 401 } };
const BAD_NONCE = { code: 'rest_cookie_invalid_nonce', message: 'Cookie check failed', data: { status: 403 } };

describe('AAM 7.1.1: WordPress cookies next to the bearer', () => {
  let site: TestSite;
  let admin: Record<string, string>;
  let subscriber: Record<string, string>;
  let adminNonce = '';
  let subscriberNonce = '';
  let bearer = '';
  const login = async (username: string, extra: object = {}): Promise<Reply> =>
    site.call('POST', LOGIN, { json: { username, password: username, ...extra } });
  const nonceFor = async (cookies: Record<string, string>): Promise<string> => (await site.call('GET', NONCE_URL, { headers: { Cookie: cookieHeader(cookies) } })).body;

  before(async () => {
    site = await openSite({ aamVersion: '7.1.1' });
    admin = cookiesOf(await login('admin', { return_auth_cookies: true }));
    subscriber = cookiesOf(await login('jwt-target', { return_auth_cookies: true }));
    adminNonce = await nonceFor({ [LOGGED_IN]: admin[LOGGED_IN] ?? '' });
    subscriberNonce = await nonceFor({ [LOGGED_IN]: subscriber[LOGGED_IN] ?? '' });
    bearer = site.mock.issueToken('admin');
  });
  after(() => site.close());

  test('authenticate sends the three cookies only with return_auth_cookies: true; remember makes them last 14 days', async () => {
    assert.deepEqual(setCookies(await login('admin')), []);
    assert.deepEqual(setCookies(await login('admin', { returnAuthCookies: true })), [], 'the 6.x name is ignored');
    const session = setCookies(await login('admin', { return_auth_cookies: true })).map((line) => line.replace(/=[^;]*/, '=V'));
    assert.deepEqual(session, [`${AUTH}=V; path=/wp-content/plugins; HttpOnly`, `${AUTH}=V; path=/wp-admin; HttpOnly`, `${LOGGED_IN}=V; path=/; HttpOnly`]);
    const remembered = setCookies(await login('admin', { return_auth_cookies: true, remember: true }));
    assert.equal(remembered.length, 3);
    for (const line of remembered) assert.match(line, /; expires=[^;]+; Max-Age=1252800; path=/);
    assert.match(admin[LOGGED_IN] ?? '', new RegExp(`^admin%7C${T0 + 2 * 86400}%7C[A-Za-z0-9]{43}%7C[0-9a-f]{64}$`));
  });

  const logged = (cookies: () => Record<string, string>): string => cookieHeader({ [LOGGED_IN]: cookies()[LOGGED_IN] ?? '' });
  const ROWS: ReadonlyArray<readonly [string, string, string, () => CallOptions, number, unknown]> = [
    ['admin cookie, no nonce', 'GET', LIST, () => ({ headers: { Cookie: logged(() => admin) } }), 401, FORBIDDEN_401],
    ['admin cookie, no nonce, admin bearer', 'GET', LIST, () => ({ token: bearer, headers: { Cookie: logged(() => admin) } }), 401, FORBIDDEN_401],
    ['admin cookie, no nonce: refresh by id (PUT)', 'PUT', ITEM, () => ({ headers: { Cookie: logged(() => admin) } }), 401, FORBIDDEN_401],
    ['admin cookie, no nonce, no user_id (permission before AAM\'s check)', 'GET', '/wp-json/aam/v2/jwts', () => ({ headers: { Cookie: logged(() => admin) } }), 401, FORBIDDEN_401],
    ['the auth cookie alone, no nonce', 'GET', LIST, () => ({ headers: { Cookie: cookieHeader({ [AUTH]: admin[AUTH] ?? '' }) } }), 401, FORBIDDEN_401],
    ['admin cookie, wrong nonce, admin bearer', 'GET', LIST, () => ({ token: bearer, headers: { Cookie: logged(() => admin), 'X-WP-Nonce': 'abc' } }), 403, BAD_NONCE],
    ['subscriber cookie, no nonce, admin bearer: no route for the cookie\'s user', 'GET', LIST, () => ({ token: bearer, headers: { Cookie: logged(() => subscriber) } }), 404, NO_ROUTE],
    ['subscriber cookie with its nonce', 'GET', LIST, () => ({ headers: { Cookie: logged(() => subscriber), 'X-WP-Nonce': subscriberNonce } }), 404, NO_ROUTE],
    ['subscriber cookie with the admin\'s nonce', 'GET', LIST, () => ({ headers: { Cookie: logged(() => subscriber), 'X-WP-Nonce': adminNonce } }), 403, BAD_NONCE],
    ['no cookie, the admin\'s nonce', 'GET', LIST, () => ({ headers: { 'X-WP-Nonce': adminNonce } }), 403, BAD_NONCE],
    ['the auth cookie with the logged-in cookie\'s nonce', 'GET', LIST, () => ({ headers: { Cookie: cookieHeader({ [AUTH]: admin[AUTH] ?? '' }), 'X-WP-Nonce': adminNonce } }), 403, BAD_NONCE],
    ['a wrong nonce on validate (anonymous)', 'POST', '/wp-json/aam/v2/jwt/validate', () => ({ json: { jwt: 'x' }, headers: { 'X-WP-Nonce': '0000000000' } }), 403, BAD_NONCE],
    ['a wrong nonce on the login (anonymous)', 'POST', LOGIN, () => ({ json: { username: 'x', password: 'y' }, headers: { 'X-WP-Nonce': '0000000000' } }), 403, BAD_NONCE],
    ['the login with a valid cookie and no nonce: not registered', 'POST', LOGIN, () => ({ json: { username: 'x', password: 'y' }, headers: { Cookie: logged(() => admin) } }), 404, NO_ROUTE],
    ['the login with a valid cookie and its nonce: not registered', 'POST', LOGIN, () => ({ json: { username: 'x', password: 'y' }, headers: { Cookie: logged(() => admin), 'X-WP-Nonce': adminNonce } }), 404, NO_ROUTE],
  ];
  for (const [name, method, url, options, status, body] of ROWS) {
    test(`${name} → ${status}`, async () => {
      const reply = await site.call(method, url, options());
      assert.equal(reply.status, status, reply.body);
      assert.deepEqual(reply.json(), body);
      assert.equal(reply.headers.get('allow'), null);
    });
  }

  test('a cookie without a nonce: no no-cache headers (user 0); a wrong nonce: the no-cache headers', async () => {
    const anonymous = await site.call('GET', LIST, { headers: { Cookie: logged(() => admin) } });
    assert.equal(anonymous.headers.get('cache-control'), null);
    const refused = await site.call('GET', LIST, { headers: { Cookie: logged(() => admin), 'X-WP-Nonce': 'abc' } });
    assert.match(refused.headers.get('cache-control') ?? '', /^no-cache, must-revalidate, max-age=0/);
  });

  test('the cookie with its nonce (header or _wpnonce) runs as the cookie\'s user, with a fresh nonce; a nonce alone is ignored next to a bearer', async () => {
    const ways: ReadonlyArray<readonly [string, CallOptions]> = [
      [LIST, { headers: { Cookie: logged(() => admin), 'X-WP-Nonce': adminNonce } }],
      [`${LIST}&_wpnonce=${adminNonce}`, { headers: { Cookie: logged(() => admin) } }],
    ];
    for (const [url, options] of ways) {
      const reply = await site.call('GET', url, options);
      assert.equal(reply.status, 200, reply.body);
      assert.match(reply.headers.get('x-wp-nonce') ?? '', /^[0-9a-f]{10}$/);
      assert.equal(reply.headers.get('allow'), 'GET, POST, DELETE');
    }
    assert.equal((await site.call('GET', LIST, { token: bearer, headers: { 'X-WP-Nonce': adminNonce } })).status, 200);
    assert.equal((await site.call('GET', LIST, { token: bearer, headers: { Cookie: `${logged(() => admin)}0` } })).status, 200, 'a tampered cookie is ignored');
  });

  test('public routes ignore a cookie without a nonce; OPTIONS describes the routes registered for the cookie\'s user', async () => {
    const validate = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { json: { jwt: bearer }, headers: { Cookie: logged(() => admin) } });
    assert.equal(validate.status, 200);
    assert.equal(validate.json().user_id, 1);
    const options = await site.call('OPTIONS', LIST, { headers: { Cookie: logged(() => admin) } });
    assert.deepEqual(options.json().methods, ['GET', 'POST', 'DELETE']);
  });

  test('a signed URL (?aam-jwt=) logs its user in with cookies and redirects to the admin URL', async () => {
    const reply = await site.call('GET', `/?aam-jwt=${bearer}`);
    assert.equal(reply.status, 302);
    assert.equal(reply.headers.get('location'), `${SITE}/wp-admin/`);
    assert.equal(setCookies(reply).length, 3);
    assert.match(cookiesOf(reply)[LOGGED_IN] ?? '', /^admin%7C/);
  });
});
