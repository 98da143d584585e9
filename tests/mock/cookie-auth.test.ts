/**
 * Every row of ../shared/reference/wp-cookie-auth.md (WordPress cookie authentication next to AAM's bearer,
 * observed on a real 6.9.32 site), as a test of the mock on its injected clock.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SITE, T0, cookieHeader, cookiesOf, openSite, setCookies } from './helpers.js';
import type { Reply, TestSite } from './helpers.js';

const HASH = createHash('md5').update(SITE).digest('hex');
const AUTH = `wordpress_${HASH}`;
const LOGGED_IN = `wordpress_logged_in_${HASH}`;
const LIST = '/wp-json/aam/v2/service/jwt?user_id=4&fields=id';
const NONCE_URL = '/wp-admin/admin-ajax.php?action=rest-nonce';
/** `login|expiration|token|hmac`, URL-encoded by setcookie() */
const VALUE = (login: string, expiration: number): RegExp => new RegExp(`^${login}%7C${expiration}%7C[A-Za-z0-9]{43}%7C[0-9a-f]{64}$`);

interface Login {
  cookies: Record<string, string>;
  token: string;
  nonce: string;
}

async function nonceFor(site: TestSite, cookies: Record<string, string>): Promise<string> {
  const reply = await site.call('GET', NONCE_URL, { headers: { Cookie: cookieHeader(cookies) } });
  assert.equal(reply.status, 200);
  return reply.body;
}

describe('wp-cookie-auth.md: which answers set WordPress auth cookies', () => {
  let site: TestSite;
  before(async () => { site = await openSite(); });
  after(() => site.close());

  const threeCookies = (reply: Reply, login: string, expiration: number, attributes: string): void => {
    const lines = setCookies(reply);
    assert.equal(lines.length, 3, lines.join('\n'));
    const value = cookiesOf(reply);
    assert.match(value[AUTH] ?? '', VALUE(login, expiration));
    assert.match(value[LOGGED_IN] ?? '', VALUE(login, expiration));
    assert.deepEqual(lines.map((line) => line.replace(/=[^;]*/, '=V')), [
      `${AUTH}=V${attributes}; path=/wp-content/plugins; HttpOnly`,
      `${AUTH}=V${attributes}; path=/wp-admin; HttpOnly`,
      `${LOGGED_IN}=V${attributes}; path=/; HttpOnly`,
    ]);
  };

  test('POST /aam/v1/authenticate (success): always the auth cookie twice and the logged-in cookie, session cookies', async () => {
    const reply = await site.call('POST', '/wp-json/aam/v1/authenticate', { json: { username: 'subscriber1', password: 'subscriber1' } });
    assert.equal(reply.status, 200);
    threeCookies(reply, 'subscriber1', T0 + 2 * 86400, '');
  });

  test('POST /aam/v2/authenticate with returnAuthCookies: the same three session cookies', async () => {
    const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: 'admin', password: 'admin', returnAuthCookies: true } });
    assert.equal(reply.status, 200);
    threeCookies(reply, 'admin', T0 + 2 * 86400, '');
  });

  test('with remember: expires + Max-Age=1252800 (14.5 days), the value expiring in 14 days', async () => {
    const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: 'admin', password: 'admin', returnAuthCookies: true, remember: true } });
    threeCookies(reply, 'admin', T0 + 14 * 86400, '; expires=Thu, 15 Jan 2026 12:00:00 GMT; Max-Age=1252800');
  });

  for (const issueJWT of [undefined, true]) {
    test(`POST /aam/v2/authenticate without returnAuthCookies (issueJWT ${String(issueJWT)}): no cookie`, async () => {
      const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: 'admin', password: 'admin', issueJWT } });
      assert.equal(reply.status, 200);
      assert.deepEqual(setCookies(reply), []);
    });
  }

  test('any URL with ?aam-jwt=<valid token>: 302 with the same three cookies', async () => {
    const token = site.mock.issueToken('jwt-target');
    const reply = await site.call('GET', `/some/page?aam-jwt=${token}`);
    assert.equal(reply.status, 302);
    threeCookies(reply, 'jwt-target', T0 + 2 * 86400, '');
  });
});

describe('wp-cookie-auth.md: what a request carrying them gets on GET /aam/v2/service/jwt', () => {
  let site: TestSite;
  let admin: Login;
  let subscriber: Login;
  before(async () => {
    site = await openSite();
    const adminLogin = await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: 'admin', password: 'admin', returnAuthCookies: true, issueJWT: true } });
    const subLogin = await site.call('POST', '/wp-json/aam/v1/authenticate', { json: { username: 'subscriber1', password: 'subscriber1' } });
    const adminCookies = cookiesOf(adminLogin);
    const subCookies = cookiesOf(subLogin);
    admin = { cookies: adminCookies, token: adminLogin.json().jwt.token, nonce: await nonceFor(site, { [LOGGED_IN]: adminCookies[LOGGED_IN] ?? '' }) };
    subscriber = { cookies: subCookies, token: subLogin.json().jwt.token, nonce: await nonceFor(site, { [LOGGED_IN]: subCookies[LOGGED_IN] ?? '' }) };
  });
  after(() => site.close());

  const loggedIn = (login: Login): Record<string, string> => ({ [LOGGED_IN]: login.cookies[LOGGED_IN] ?? '' });
  type Row = [name: string, cookies: () => Record<string, string>, nonce: () => string | undefined, bearer: () => string | undefined, status: number, code: string | null];
  const rows: Row[] = [
    ['valid admin logged_in cookie, no nonce, no bearer: 401, the request runs as user 0', () => loggedIn(admin), () => undefined, () => undefined, 401, 'rest_forbidden'],
    ['valid admin logged_in cookie, no nonce, a valid admin bearer: 401, the bearer does not help', () => loggedIn(admin), () => undefined, () => admin.token, 401, 'rest_forbidden'],
    ['valid admin logged_in cookie, a wrong nonce: 403 rest_cookie_invalid_nonce', () => loggedIn(admin), () => 'abc', () => undefined, 403, 'rest_cookie_invalid_nonce'],
    ['valid admin logged_in cookie, a wrong nonce and the bearer: 403 rest_cookie_invalid_nonce', () => loggedIn(admin), () => 'abc', () => admin.token, 403, 'rest_cookie_invalid_nonce'],
    ['valid admin logged_in cookie, its nonce: 200 as the cookie user', () => loggedIn(admin), () => admin.nonce, () => undefined, 200, null],
    ['valid admin logged_in cookie, its nonce and the bearer: 200', () => loggedIn(admin), () => admin.nonce, () => admin.token, 200, null],
    ['valid subscriber logged_in cookie, no nonce, the admin bearer: 401', () => loggedIn(subscriber), () => undefined, () => admin.token, 401, 'rest_forbidden'],
    ["valid subscriber logged_in cookie, the subscriber's nonce: 403 rest_forbidden (authenticated, lacks the capabilities)", () => loggedIn(subscriber), () => subscriber.nonce, () => undefined, 403, 'rest_forbidden'],
    ["valid subscriber logged_in cookie, the admin's nonce: 403 rest_cookie_invalid_nonce", () => loggedIn(subscriber), () => admin.nonce, () => undefined, 403, 'rest_cookie_invalid_nonce'],
    ["only the wordpress_<hash> auth cookie, the admin's nonce: 403 (the nonce is tied to the logged_in cookie's token)", () => ({ [AUTH]: admin.cookies[AUTH] ?? '' }), () => admin.nonce, () => undefined, 403, 'rest_cookie_invalid_nonce'],
    ['no cookie, a valid nonce: 403 (verified for user 0)', () => ({}), () => admin.nonce, () => undefined, 403, 'rest_cookie_invalid_nonce'],
    ['a malformed logged_in cookie, no nonce, the bearer: 200 (a cookie that fails validation is ignored)', () => ({ [LOGGED_IN]: 'garbage' }), () => undefined, () => admin.token, 200, null],
    ['a tampered logged_in cookie (bad HMAC), no nonce, the bearer: 200', () => ({ [LOGGED_IN]: `${admin.cookies[LOGGED_IN] ?? ''}0` }), () => undefined, () => admin.token, 200, null],
  ];
  for (const [name, cookies, nonce, bearer, status, code] of rows) {
    test(name, async () => {
      const headers: Record<string, string> = {};
      const jar = cookies();
      if (Object.keys(jar).length > 0) headers.Cookie = cookieHeader(jar);
      const given = nonce();
      if (given !== undefined) headers['X-WP-Nonce'] = given;
      const token = bearer();
      const reply = await site.call('GET', LIST, { headers, ...(token === undefined ? {} : { token }) });
      assert.equal(reply.status, status, reply.body);
      if (code !== null) assert.equal(reply.json().code, code);
      else assert.deepEqual(reply.json().map((t: { token: string }) => Object.keys(t)), reply.json().map(() => ['token', 'id']));
    });
  }

  test('answers keep WordPress headers: 401 without no-cache, 403 bad nonce with them, 200 with a fresh X-WP-Nonce', async () => {
    const cookie = cookieHeader(loggedIn(admin));
    const anonymous = await site.call('GET', LIST, { headers: { Cookie: cookie } });
    assert.equal(anonymous.headers.get('vary'), 'Origin');
    assert.equal(anonymous.headers.get('expires'), null);
    const badNonce = await site.call('GET', LIST, { headers: { Cookie: cookie, 'X-WP-Nonce': 'abc' } });
    assert.equal(badNonce.headers.get('cache-control'), 'no-cache, must-revalidate, max-age=0');
    assert.equal(badNonce.headers.get('allow'), null);
    assert.deepEqual(badNonce.json(), { code: 'rest_cookie_invalid_nonce', message: 'Cookie check failed', data: { status: 403 } });
    const ok = await site.call('GET', LIST, { headers: { Cookie: cookie, 'X-WP-Nonce': admin.nonce } });
    assert.equal(ok.headers.get('x-wp-nonce'), admin.nonce);
    assert.equal(ok.headers.get('allow'), 'GET, POST');
  });

  test('the nonce may come as _wpnonce (query or form), which wins over X-WP-Nonce; an empty or array value is a wrong one', async () => {
    const cookie = cookieHeader(loggedIn(admin));
    const table: Array<[string, string, Record<string, string>, number]> = [
      ['_wpnonce in the query', `${LIST}&_wpnonce=${admin.nonce}`, {}, 200],
      ['a wrong _wpnonce wins over a right header', `${LIST}&_wpnonce=abc`, { 'X-WP-Nonce': admin.nonce }, 403],
      ['an empty X-WP-Nonce', LIST, { 'X-WP-Nonce': '' }, 403],
      ['_wpnonce[] (an array)', `${LIST}&_wpnonce[]=${admin.nonce}`, {}, 403],
    ];
    for (const [name, path, headers, status] of table) {
      const reply = await site.call('GET', path, { headers: { Cookie: cookie, ...headers } });
      assert.equal(reply.status, status, name);
    }
    const form = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { headers: { Cookie: cookie }, form: { jwt: 'x', _wpnonce: admin.nonce } });
    assert.equal(form.status, 400, 'a form _wpnonce passes the check (then the token fails)');
    const json = await site.call('POST', '/wp-json/aam/v2/service/jwt?user_id=4', { headers: { Cookie: cookie }, json: { _wpnonce: admin.nonce } });
    assert.equal(json.status, 401, 'a JSON body is not $_REQUEST: no nonce');
  });

  test('a wrong nonce fails every REST route before routing, public ones included', async () => {
    const headers = { Cookie: cookieHeader(loggedIn(admin)), 'X-WP-Nonce': 'abc' };
    for (const [method, path] of [['POST', '/wp-json/aam/v2/jwt/validate'], ['GET', '/wp-json/aam/v2/no-such-route']] as const) {
      const reply = await site.call(method, path, { headers, json: method === 'POST' ? { jwt: 'x' } : undefined });
      assert.equal(reply.status, 403, path);
      assert.equal(reply.json().code, 'rest_cookie_invalid_nonce');
    }
  });

  test('public routes ignore all this: validate with the admin cookie and no nonce is 200', async () => {
    const reply = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { headers: { Cookie: cookieHeader(loggedIn(admin)) }, json: { jwt: admin.token } });
    assert.equal(reply.status, 200);
    assert.equal(reply.json().userId, 1);
  });

  test('public routes ignore all this: /aam/v2/authenticate with a cookie jar and no nonce logs the posted user in', async () => {
    const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { headers: { Cookie: cookieHeader(admin.cookies) }, json: { username: 'subscriber1', password: 'subscriber1' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.json().user.data.user_login, 'subscriber1');
  });
});

describe('wp-cookie-auth.md: getting a nonce', () => {
  let site: TestSite;
  let cookies: Record<string, string>;
  before(async () => {
    site = await openSite();
    cookies = cookiesOf(await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: 'admin', password: 'admin', returnAuthCookies: true } }));
  });
  after(() => site.close());

  test('GET /wp-admin/admin-ajax.php?action=rest-nonce with the cookies: 200 text/html, the body is 10 hex characters', async () => {
    const reply = await site.call('GET', NONCE_URL, { headers: { Cookie: cookieHeader(cookies) } });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-type'), 'text/html; charset=UTF-8');
    assert.match(reply.body, /^[0-9a-f]{10}$/);
    assert.equal(reply.headers.get('x-frame-options'), 'SAMEORIGIN');
  });

  test('without a valid logged_in cookie: 400, body 0', async () => {
    for (const cookie of [undefined, cookieHeader({ [LOGGED_IN]: 'garbage' }), cookieHeader({ [LOGGED_IN]: `${cookies[LOGGED_IN] ?? ''}0` })]) {
      const reply = await site.call('GET', NONCE_URL, cookie === undefined ? {} : { headers: { Cookie: cookie } });
      assert.equal(reply.status, 400, cookie);
      assert.equal(reply.body, '0');
    }
  });

  test('(seen on the real site) the auth cookie alone logs in on admin-ajax: its nonce has no session token and works with that cookie only', async () => {
    const auth = { [AUTH]: cookies[AUTH] ?? '' };
    const nonce = await nonceFor(site, auth);
    assert.equal((await site.call('GET', LIST, { headers: { Cookie: cookieHeader(auth), 'X-WP-Nonce': nonce } })).status, 200);
    assert.equal((await site.call('GET', LIST, { headers: { Cookie: cookieHeader({ [LOGGED_IN]: cookies[LOGGED_IN] ?? '' }), 'X-WP-Nonce': nonce } })).status, 403);
  });

  test('the nonce lives the rest of its 12-hour tick and the next one (12–24 h), on the injected clock', async () => {
    const loggedIn = { [LOGGED_IN]: cookies[LOGGED_IN] ?? '' };
    const start = site.clock.seconds;
    const tickStart = Math.ceil(start / 43200) * 43200 + 1; // the first second of the next tick
    try {
      site.clock.seconds = tickStart;
      const nonce = await nonceFor(site, loggedIn);
      const use = async (at: number): Promise<number> => {
        site.clock.seconds = at;
        return (await site.call('GET', LIST, { headers: { Cookie: cookieHeader(loggedIn), 'X-WP-Nonce': nonce } })).status;
      };
      assert.equal(await use(tickStart + 43199), 200, 'the end of its own tick');
      assert.equal(await use(tickStart + 43200), 200, 'the next tick');
      assert.equal(await use(tickStart + 86399), 200, '24 hours minus a second');
      assert.equal(await use(tickStart + 86400), 403, 'two ticks later it is refused');
    } finally {
      site.clock.seconds = start;
    }
  });

  test('the nonce is tied to the session token: another login of the same user does not accept it', async () => {
    const other = cookiesOf(await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: 'admin', password: 'admin', returnAuthCookies: true } }));
    const nonce = await nonceFor(site, { [LOGGED_IN]: cookies[LOGGED_IN] ?? '' });
    const reply = await site.call('GET', LIST, { headers: { Cookie: cookieHeader({ [LOGGED_IN]: other[LOGGED_IN] ?? '' }), 'X-WP-Nonce': nonce } });
    assert.equal(reply.status, 403);
    assert.equal(reply.json().code, 'rest_cookie_invalid_nonce');
  });
});
