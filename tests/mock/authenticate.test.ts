import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, openSite } from './helpers.js';
import type { TestSite } from './helpers.js';

let site: TestSite;
before(async () => {
  site = await openSite();
});
after(() => site.close());

const A = '/wp-json/aam/v2/authenticate';
const LOST = '<a href=\\"http:\\/\\/127.0.0.1:8080\\/wp-login.php?action=lostpassword\\">Lost your password?<\\/a>';

const failures: [string, Record<string, unknown>, string][] = [
  ['empty body', {}, '{"code":"empty_username","reason":"<strong>Error:<\\/strong> The username field is empty."}'],
  ['empty password', { username: 'admin' }, '{"code":"empty_password","reason":"<strong>Error:<\\/strong> The password field is empty."}'],
  ['wrong password', { username: 'admin', password: 'x' }, `{"code":"incorrect_password","reason":"<strong>Error:<\\/strong> The password you entered for the username <strong>admin<\\/strong> is incorrect. ${LOST}"}`],
  ['unknown user', { username: 'x', password: 'x' }, '{"code":"invalid_username","reason":"<strong>Error:<\\/strong> The username <strong>x<\\/strong> is not registered on this site. If you are unsure of your username, try your email address instead."}'],
  ['unknown email', { username: 'nobody@example.org', password: 'x' }, '{"code":"invalid_email","reason":"Unknown email address. Check again or try your username."}'],
  ['wrong password by email', { username: 'admin@example.org', password: 'x' }, `{"code":"incorrect_password","reason":"<strong>Error:<\\/strong> The password you entered for the email address <strong>admin@example.org<\\/strong> is incorrect. ${LOST}"}`],
];
for (const [name, body, want] of failures) {
  test(`authenticate 403: ${name}`, async () => {
    const r = await site.call('POST', A, { json: body });
    assert.equal(r.status, 403);
    assert.equal(r.body, want);
  });
}

test('authenticate 200 without issueJWT: user and redirect only, no cookies', async () => {
  const r = await site.call('POST', A, { json: { username: 'admin', password: 'admin' } });
  assert.equal(r.body, '{"user":{"data":{"ID":1,"user_login":"admin","user_nicename":"admin","display_name":"admin","user_url":"","user_email":"admin@example.org","user_registered":"2024-01-01 00:00:00"}},"redirect":null}');
  assert.equal(r.headers.get('set-cookie'), null);
});

test('testAuthResponseContainsJwt: issueJWT=true (form "1" too) issues a registered token', async () => {
  for (const call of [{ json: { username: 'manager', password: 'manager', issueJWT: true } }, { form: { username: 'manager', password: 'manager', issueJWT: '1' } }]) {
    const r = await site.call('POST', A, call);
    const body = r.json();
    assert.deepEqual(Object.keys(body), ['user', 'redirect', 'jwt']);
    const { claims, payload } = decode(body.jwt.token);
    assert.match(payload, /^\{"iat":\d+,"iss":"[^"]+","exp":\d+,"jti":"[^"]+","userId":2,"revocable":true,"refreshable":null\}$/);
    assert.equal(body.jwt.token_expires, claims.exp);
    assert.equal((await site.call('POST', '/wp-json/aam/v2/jwt/validate', { json: { jwt: body.jwt.token } })).status, 200);
  }
});

test('login by email; includeRoles only as JSON true; redirect validated', async () => {
  const r = (await site.call('POST', A, { json: { username: 'admin@example.org', password: 'admin', issueJWT: true, includeRoles: true, redirect: '/wp-admin/' } })).json();
  assert.deepEqual(decode(r.jwt.token).claims.roles, ['administrator']);
  assert.equal(r.redirect, '/wp-admin/');
  const f = (await site.call('POST', A, { form: { username: 'admin', password: 'admin', issueJWT: 'true', includeRoles: 'true', redirect: 'https://evil.example/' } })).json();
  assert.equal(decode(f.jwt.token).claims.roles, undefined);
  assert.equal(f.redirect, null);
});

test('refreshableJWT: admins may (aam_* cap unassigned → administrator), the manager may not', async () => {
  const ok = (await site.call('POST', A, { json: { username: 'admin', password: 'admin', issueJWT: true, refreshableJWT: true } })).json();
  assert.equal(decode(ok.jwt.token).claims.refreshable, true);
  const no = await site.call('POST', A, { json: { username: 'manager', password: 'manager', issueJWT: true, refreshableJWT: true } });
  assert.equal(no.status, 400);
  assert.equal(no.body, '{"reason":"Current user is not allowed to issue refreshable JWT token"}');
});

test('returnAuthCookies=true sends the WordPress auth cookies', async () => {
  const r = await site.call('POST', A, { json: { username: 'admin', password: 'admin', returnAuthCookies: true } });
  const cookies = r.headers.getSetCookie();
  assert.equal(cookies.length, 3);
  assert.match(cookies[2] ?? '', /^wordpress_logged_in_[0-9a-f]{32}=admin%7C\d+%7C.+; path=\/; HttpOnly$/);
});

test('type errors → 400 shape A', async () => {
  const r = await site.call('POST', A, { json: { username: 1, issueJWT: 'yes' } });
  assert.equal(r.body, '{"code":"rest_invalid_param","message":"Invalid parameter(s): username, issueJWT","data":{"status":400,"params":{"username":"username is not of type string.","issueJWT":"issueJWT is not of type boolean."},"details":{"username":{"code":"rest_invalid_type","message":"username is not of type string.","data":{"param":"username"}},"issueJWT":{"code":"rest_invalid_type","message":"issueJWT is not of type boolean.","data":{"param":"issueJWT"}}}}}');
});

test('v1 authenticate: always a JWT, key order user, jwt, redirect; failures are shape C with HTML stripped', async () => {
  const r = (await site.call('POST', '/wp-json/aam/v1/authenticate', { json: { username: 'admin', password: 'admin' } })).json();
  assert.deepEqual(Object.keys(r), ['user', 'jwt', 'redirect']);
  assert.equal(r.redirect, null);
  const bad = await site.call('POST', '/wp-json/aam/v1/authenticate', { json: { username: 'admin', password: 'x' } });
  assert.equal(bad.status, 403);
  assert.equal(bad.body, '{"errors":{"rest_jwt_auth_failure":["Error: The password you entered for the username admin is incorrect. Lost your password?"]},"error_data":[]}');
});

test('returnAuthCookies with remember=true: PHP 8.2 setcookie() expiry format (no dashes), 14 days + 12 h', async () => {
  const r = await site.call('POST', A, { json: { username: 'admin', password: 'admin', returnAuthCookies: true, remember: true } });
  const cookies = r.headers.getSetCookie();
  assert.equal(cookies.length, 3);
  // frozen clock T0 = 2026-01-01T00:00:00Z: expiration T0 + 14 d, cookie expiry 12 h later
  for (const c of cookies) assert.match(c, /=admin%7C1768435200%7C[^;]+; expires=Thu, 15 Jan 2026 12:00:00 GMT; Max-Age=1252800; path=\/[^;]*; HttpOnly$/);
});

test('redirect "" / "0" / blank (PHP-falsy or empty after validation) → null, like an absent redirect', async () => {
  for (const redirect of ['', '0', '   ']) {
    const r = await site.call('POST', A, { json: { username: 'admin', password: 'admin', redirect } });
    assert.equal(r.body, '{"user":{"data":{"ID":1,"user_login":"admin","user_nicename":"admin","display_name":"admin","user_url":"","user_email":"admin@example.org","user_registered":"2024-01-01 00:00:00"}},"redirect":null}', JSON.stringify(redirect));
  }
  const form = await site.call('POST', A, { form: { username: 'admin', password: 'admin', redirect: '' } });
  assert.equal(form.json().redirect, null);
});

test('(measured on the real site) a multipart/form-data login works like a form', async () => {
  const site = await openSite();
  try {
    const form = new FormData();
    form.set('username', 'subscriber1');
    form.set('password', 'subscriber1');
    form.set('issueJWT', 'true');
    const body = new Response(form);
    const reply = await site.call('POST', '/wp-json/aam/v2/authenticate', { raw: Buffer.from(await body.arrayBuffer()), headers: { 'Content-Type': body.headers.get('content-type') ?? '' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.json().user.data.user_login, 'subscriber1');
    assert.equal(typeof reply.json().jwt.token, 'string');
  } finally {
    await site.close();
  }
});
