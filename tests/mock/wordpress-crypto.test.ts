import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { phpRawUrlencode, phpSetcookie } from '../../mock/php/setcookie.js';
import { cookieConstants, generateAuthCookie, parseAuthCookie } from '../../mock/wp/auth-cookies.js';
import { createNonce, nonceTick, verifyNonce } from '../../mock/wp/nonces.js';
import type { WpSalts } from '../../mock/wp/salts.js';
import type { UserRecord } from '../../mock/wp/users.js';

/** Vectors WordPress 6.1.9 computed itself (tests/fixtures/wordpress/known-answers.php). */
const KAT = JSON.parse(readFileSync(new URL('../fixtures/wordpress/known-answers.json', import.meta.url), 'utf8')) as {
  siteurl: string; cookiehash: string; salts: WpSalts; user: { login: string; passHash: string }; token: string;
  cookies: Array<{ scheme: 'auth' | 'secure_auth' | 'logged_in'; expiration: number; value: string }>;
  nonces: Array<{ tick: number; action: string; userId: number; token: string; nonce: string }>;
  createNonce: { tick: number; nonce: string; verify: number };
};
const USER: UserRecord = { id: 999, login: KAT.user.login, email: 'v@example.org', password: 'unused', passHash: KAT.user.passHash, role: 'subscriber', registered: '2024-01-01 00:00:00' };
const wp = { salts: KAT.salts };

test('COOKIEHASH is md5 of the site URL, as WordPress computed it', () => {
  assert.equal(cookieConstants(KAT.siteurl).hash, KAT.cookiehash);
  assert.equal(cookieConstants(KAT.siteurl).loggedIn, `wordpress_logged_in_${KAT.cookiehash}`);
});

for (const vector of KAT.cookies) {
  test(`wp_generate_auth_cookie, scheme ${vector.scheme}: byte for byte what WordPress generated`, () => {
    assert.equal(generateAuthCookie(wp, USER, vector.expiration, vector.scheme, KAT.token), vector.value);
    assert.deepEqual(parseAuthCookie(vector.value, vector.scheme), { username: USER.login, expiration: String(vector.expiration), token: KAT.token, hmac: vector.value.split('|')[3], scheme: vector.scheme });
  });
}

for (const vector of KAT.nonces) {
  test(`wp_rest nonce of user ${vector.userId} ${vector.token === '' ? 'without a session token' : 'with a session token'} at tick ${vector.tick}`, () => {
    const owner = { userId: vector.userId, token: vector.token };
    const start = (vector.tick - 1) * 43200 + 1; // the first second of the tick
    assert.equal(nonceTick(start), vector.tick);
    assert.equal(createNonce(KAT.salts, start, vector.action, owner), vector.nonce);
  });
}

test("WordPress' own wp_create_nonce() gives what the mock creates for the same owner and tick", () => {
  const seconds = KAT.createNonce.tick * 43200;
  assert.equal(createNonce(KAT.salts, seconds, 'wp_rest', { userId: 999, token: KAT.token }), KAT.createNonce.nonce);
});

test('wp_verify_nonce: 1 in its own tick, 2 in the next one, false after 24 hours or for another user, token or action', () => {
  const owner = { userId: 999, token: KAT.token };
  const made = (KAT.createNonce.tick - 1) * 43200 + 1;
  const nonce = createNonce(KAT.salts, made, 'wp_rest', owner);
  const table: Array<[string, number, string, { userId: number; token: string }, string, 1 | 2 | false]> = [
    ['same second', made, nonce, owner, 'wp_rest', 1],
    ['end of its tick (12 h)', made + 43199, nonce, owner, 'wp_rest', 1],
    ['next tick', made + 43200, nonce, owner, 'wp_rest', 2],
    ['end of the next tick (24 h)', made + 86399, nonce, owner, 'wp_rest', 2],
    ['two ticks later', made + 86400, nonce, owner, 'wp_rest', false],
    ['another user', made, nonce, { userId: 1, token: KAT.token }, 'wp_rest', false],
    ['another session token', made, nonce, { userId: 999, token: '' }, 'wp_rest', false],
    ['another action', made, nonce, owner, 'log-out', false],
    ['empty nonce', made, '', owner, 'wp_rest', false],
    ['"0"', made, '0', owner, 'wp_rest', false],
  ];
  for (const [name, now, given, who, action, want] of table) assert.equal(verifyNonce(KAT.salts, now, given, action, who), want, name);
});

test("PHP 8.2's setcookie(): raw URL encoding, expires + Max-Age, path, secure, HttpOnly; an empty value deletes", () => {
  const now = 1767225600;
  const table: Array<[string, string, Parameters<typeof phpSetcookie>[2], string]> = [
    ['session cookie', 'a|1|t|h', { path: '/', httponly: true }, 'n=a%7C1%7Ct%7Ch; path=/; HttpOnly'],
    ['persistent', 'v', { expires: now + 1252800, path: '/wp-admin', httponly: true }, 'n=v; expires=Thu, 15 Jan 2026 12:00:00 GMT; Max-Age=1252800; path=/wp-admin; HttpOnly'],
    ['in the past', ' ', { expires: now - 31536000, path: '/' }, 'n=%20; expires=Wed, 01 Jan 2025 00:00:00 GMT; Max-Age=0; path=/'],
    ['secure', 'v', { path: '/', secure: true, httponly: true }, 'n=v; path=/; secure; HttpOnly'],
    ['deleted', '', { path: '/' }, 'n=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/'],
  ];
  for (const [name, value, options, want] of table) assert.equal(phpSetcookie('n', value, options, now), want, name);
  assert.equal(phpRawUrlencode("a b+c~!*'()@é"), 'a%20b%2Bc~%21%2A%27%28%29%40%C3%A9');
});
