/**
 * wp-login.php?action=logout, as the real 6.9.32 site answers it (WordPress 6.1): the "Do you really want to
 * log out?" page without a valid nonce, the logout with one. The runner ends the sessions it opened this way.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SITE, cookieHeader, cookiesOf, openSite, setCookies } from './helpers.js';
import type { TestSite } from './helpers.js';

const LOGGED_IN = `wordpress_logged_in_${createHash('md5').update(SITE).digest('hex')}`;
const LIST = '/wp-json/aam/v2/service/jwt?user_id=4&fields=id';
const NONCE_URL = '/wp-admin/admin-ajax.php?action=rest-nonce';

describe('wp-login.php?action=logout', () => {
  let site: TestSite;
  before(async () => { site = await openSite(); });
  after(() => site.close());

  const login = async (): Promise<string> => {
    const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { json: { username: 'admin', password: 'admin', returnAuthCookies: true } });
    assert.equal(reply.status, 200);
    return cookieHeader(cookiesOf(reply));
  };
  const linkNonce = (body: string): string => /&amp;_wpnonce=([0-9a-f]{10})">log out/.exec(body)?.[1] ?? '';

  const refused: ReadonlyArray<readonly [string, (cookie: string) => string, boolean]> = [
    ['no nonce, logged in', () => '/wp-login.php?action=logout', true],
    ['a wrong nonce', () => '/wp-login.php?action=logout&_wpnonce=0123456789', true],
    ['no nonce, logged out', () => '/wp-login.php?action=logout', false],
  ];
  for (const [what, url, withCookie] of refused) {
    test(`${what}: 403, the confirmation page with a logout link, the session stays`, async () => {
      const cookie = await login();
      const reply = await site.call('GET', url(cookie), { headers: withCookie ? { Cookie: cookie } : {} });
      assert.equal(reply.status, 403);
      assert.equal(reply.headers.get('content-type'), 'text/html; charset=UTF-8');
      assert.equal(reply.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.equal(reply.headers.get('cache-control'), 'no-cache, must-revalidate, max-age=0');
      assert.deepEqual(setCookies(reply), ['wordpress_test_cookie=WP%20Cookie%20check; path=/']);
      assert.match(reply.body, /<title>You are attempting to log out of AAM 6\.9\.32 test site<\/title>/);
      assert.match(reply.body, /Do you really want to <a href="http:\/\/127\.0\.0\.1:8080\/wp-login\.php\?action=logout&amp;_wpnonce=[0-9a-f]{10}">log out<\/a>\?/);
      const nonce = await site.call('GET', NONCE_URL, { headers: { Cookie: cookie } });
      assert.equal(nonce.status, 200, 'the session is still valid');
    });
  }

  test('the link\'s nonce logs out: 302 to loggedout=true, 17 cookies expired, the session is gone', async () => {
    const cookie = await login();
    const page = await site.call('GET', '/wp-login.php?action=logout', { headers: { Cookie: cookie } });
    const reply = await site.call('GET', `/wp-login.php?action=logout&_wpnonce=${linkNonce(page.body)}`, { headers: { Cookie: cookie } });
    assert.equal(reply.status, 302);
    assert.equal(reply.headers.get('location'), `${SITE}/wp-login.php?loggedout=true&wp_lang=en_US`);
    assert.equal(reply.headers.get('x-redirect-by'), 'WordPress');
    assert.equal(reply.body, '');
    const lines = setCookies(reply);
    assert.equal(lines[0], 'wordpress_test_cookie=WP%20Cookie%20check; path=/');
    assert.equal(lines.length, 18);
    assert.ok(lines.slice(1).every((line) => /=%20; expires=[^;]+; Max-Age=0; path=\//.test(line)), lines.join('\n'));
    assert.ok(lines.some((line) => line.startsWith(`${LOGGED_IN}=%20;`)));
    const nonce = await site.call('GET', NONCE_URL, { headers: { Cookie: cookie } });
    assert.equal(nonce.body, '0', 'the cookie no longer names a session');
    const list = await site.call('GET', LIST, { headers: { Cookie: cookie } });
    assert.equal(list.status, 401);
  });

  test('a redirect_to on another host falls back to the admin URL; one on the site is kept', async () => {
    const cookie0 = await login();
    const measured = await site.call('GET', `/wp-login.php?action=logout&redirect_to=${encodeURIComponent('https://elsewhere.example/?a=1 b~')}`, { headers: { Cookie: cookie0 } });
    assert.match(measured.body, /action=logout&amp;redirect_to=https%3A%2F%2Felsewhere\.example%2F%3Fa%3D1\+b%7E&amp;_wpnonce=[0-9a-f]{10}"/, 'PHP urlencode(), as measured');
    for (const [to, want] of [['https://elsewhere.example/', `${SITE}/wp-admin/`], [`${SITE}/?p=1`, `${SITE}/?p=1`]] as const) {
      const cookie = await login();
      const page = await site.call('GET', `/wp-login.php?action=logout&redirect_to=${encodeURIComponent(to)}`, { headers: { Cookie: cookie } });
      const reply = await site.call('GET', `/wp-login.php?action=logout&redirect_to=${encodeURIComponent(to)}&_wpnonce=${linkNonce(page.body)}`, { headers: { Cookie: cookie } });
      assert.equal(reply.headers.get('location'), want);
    }
  });
});
