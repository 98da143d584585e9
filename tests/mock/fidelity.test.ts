/**
 * Root causes found by `npm run compare` against a real WordPress 6.1.9 + AAM 6.9.32 site, one test each:
 * what the real site answered is what the mock must answer (raw requests, header order included).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send } from '../../compare/http.js';
import { createMock, startMock } from '../../mock/index.js';
import type { Mock, RunningMock } from '../../mock/index.js';
import { SECRET, SITE, T0 } from './helpers.js';

let mock: Mock;
let origin = '';
let close: () => void;
let admin = '';
before(async () => {
  mock = createMock({ siteUrl: SITE, secret: SECRET, now: () => T0 * 1000 });
  const server = createServer(mock.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => {
    server.close();
    server.closeAllConnections();
  };
  admin = mock.issueToken('admin');
});
after(() => close());

const SERVER = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
const BASE = ['Content-Type', 'X-Robots-Tag', 'Link', 'X-Content-Type-Options', 'Access-Control-Expose-Headers', 'Access-Control-Allow-Headers'];
const NO_ROUTE = '{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}';
const CRITICAL = 'There has been a critical error on this website.';

async function call(method: string, target: string, headers: [string, string][] = [], body: string | null = null) {
  const a = await send(origin, { method, target, headers, body: body === null ? null : Buffer.from(body, 'latin1') });
  return { status: a.status, names: a.headers.map(([k]) => k).filter((k) => !SERVER.has(k.toLowerCase())), header: (n: string) => a.headers.find(([k]) => k.toLowerCase() === n)?.[1], body: a.body.toString('utf8') };
}
const bearer = (): [string, string] => ['Authorization', `Bearer ${admin}`];
const json: [string, string] = ['Content-Type', 'application/json'];

test('serve_request order: a logged-in answer sends Allow, then the no-cache headers (Debian WordPress 6.1.9)', async () => {
  const r = await call('POST', '/wp-json/aam/v2/jwt/validate', [bearer()]);
  assert.deepEqual(r.names, [...BASE, 'Allow', 'Expires', 'Cache-Control']);
});

test('serve_request order: CORS headers after Allow; a 4xx after X-HTTP-Method-Override gets the no-cache headers', async () => {
  const r = await call('POST', '/wp-json/aam/v2/service/jwt', [['Origin', 'http://example.com'], ['X-HTTP-Method-Override', 'PUT']]);
  assert.equal(r.status, 404);
  assert.deepEqual(r.names, [...BASE, 'Access-Control-Allow-Origin', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Credentials', 'Vary', 'Expires', 'Cache-Control']);
});

const routing: [string, string, number, string | null][] = [
  ['PHP\'s built-in server collapses // in PATH_INFO', '/wp-json//aam/v2/jwt//validate', 400, null],
  ['a trailing /. is dropped from PATH_INFO', '/wp-json/aam/v2/jwt/validate/.', 400, null],
  ['%2F is decoded in PATH_INFO', '/wp-json%2Faam%2Fv2%2Fjwt%2Fvalidate', 400, null],
  ['/index.php/wp-json/… is a REST rewrite rule', '/index.php/wp-json/aam/v2/jwt/validate', 400, null],
  ['a trailing %20 is part of the route', '/wp-json/aam/v2/jwt/validate%20', 404, NO_ROUTE],
  ['rest_route is not normalized', '/?rest_route=/aam/v2//jwt/validate', 404, NO_ROUTE],
  ['only the namespaces the path starts with (case-sensitive) are searched', '/wp-json/aam/v2/SERVICE/jwt', 404, NO_ROUTE],
  ['no namespace prefix: every route, case-insensitive', '/wp-json/AAM/v2/service/jwt', 401, null],
];
for (const [name, target, status, body] of routing) {
  test(`routing: ${name}`, async () => {
    const r = await call('POST', target);
    assert.equal(r.status, status);
    assert.equal(r.header('content-type'), 'application/json; charset=UTF-8');
    if (body !== null) assert.equal(r.body, body);
  });
}

test('routing: /WP-JSON/ is no rewrite rule: the theme\'s 404 page (visitor, logged-in with toolbar, JSON request without)', async () => {
  const visitor = await call('GET', '/WP-JSON/aam/v2/jwt/validate');
  assert.equal(visitor.status, 404);
  assert.deepEqual(visitor.names, ['Expires', 'Cache-Control', 'Content-Type', 'Link']);
  assert.match(visitor.body, /<title>Page not found &#8211; AAM 6\.9\.32 test site<\/title>/);
  assert.match(visitor.body, /<body class="error404 wp-embed-responsive">/);
  const user = await call('GET', '/WP-JSON/x', [bearer()]);
  assert.match(user.body, /<body class="error404 logged-in admin-bar no-customize-support wp-embed-responsive">/);
  assert.match(user.body, /Howdy, <span class="display-name">admin<\/span>/);
  const jsonUser = await call('POST', '/WP-JSON/x', [bearer(), json], '{}');
  assert.match(jsonUser.body, /<body class="error404 logged-in wp-embed-responsive">/);
  assert.doesNotMatch(jsonUser.body, /wpadminbar/);
});

test('routing: rest_route in both GET and POST with different values is wp_die(400) "A variable mismatch"', async () => {
  const r = await call('POST', '/?rest_route=/a', [['Content-Type', 'application/x-www-form-urlencoded']], 'rest_route=/b');
  assert.equal(r.status, 400);
  assert.deepEqual(r.names, ['Content-Type', 'Expires', 'Cache-Control']);
  assert.match(r.body, /<title>Sorry, you are not allowed to view this item\.<\/title>/);
  assert.match(r.body, /<div class="wp-die-message">A variable mismatch has been detected\.<\/div>/);
});

test('fatal errors: an array _method crashes strtoupper() — critical error after the headers already sent (HTML, or JSON for a JSON request)', async () => {
  const html = await call('GET', '/wp-json/aam/v2/jwt/validate?_method[]=x');
  assert.equal(html.status, 500);
  assert.deepEqual(html.names, [...BASE.slice(1), 'Content-Type', 'Expires', 'Cache-Control']);
  assert.equal(html.header('content-type'), 'text/html; charset=UTF-8');
  assert.match(html.body, /<title>WordPress &rsaquo; Error<\/title>/);
  assert.ok(html.body.includes(CRITICAL));
  const asJson = await call('GET', '/wp-json/aam/v2/jwt/validate?_method[]=x', [['Accept', 'application/json']]);
  assert.equal(asJson.header('content-type'), 'application/json; charset=UTF-8');
  assert.equal(JSON.parse(asJson.body).code, 'internal_server_error');
});

test('fatal errors: _embed on an answer whose data is an object (a WP_Error) cannot read $data[\'_links\']', async () => {
  const r = await call('POST', '/wp-json/aam/v1/authenticate?_embed', [json], '{"username":"nobody"}');
  assert.equal(r.status, 500);
  assert.equal(JSON.parse(r.body).code, 'internal_server_error');
  assert.deepEqual(r.names, [...BASE.slice(1), 'Allow', 'Content-Type', 'Expires', 'Cache-Control']);
});

test('_jsonp: a valid callback wraps the JSON, an invalid one is 400 rest_callback_invalid', async () => {
  const ok = await call('POST', '/wp-json/aam/v2/jwt/validate?_jsonp=cb');
  assert.equal(ok.header('content-type'), 'application/javascript; charset=UTF-8');
  assert.equal(ok.body, '/**/cb({"code":"rest_jwt_validation_failure","reason":"Wrong number of segments"})');
  const bad = await call('POST', '/wp-json/aam/v2/jwt/validate?_jsonp=x%20y');
  assert.equal(bad.status, 400);
  assert.equal(bad.body, '{"code":"rest_callback_invalid","message":"Invalid JSONP callback function."}');
});

test('_envelope: 200 with body, status and the response headers', async () => {
  const r = await call('POST', '/wp-json/aam/v2/jwt/validate?_envelope');
  assert.equal(r.status, 200);
  assert.equal(r.body, '{"body":{"code":"rest_jwt_validation_failure","reason":"Wrong number of segments"},"status":400,"headers":{"Allow":"POST"}}');
  assert.equal(r.header('allow'), undefined);
});

test('_fields filters a successful answer, _pretty pretty-prints it', async () => {
  const r = await call('POST', '/wp-json/aam/v2/service/jwt?user_id=4&_fields=id&_pretty', [bearer()]);
  assert.equal(r.status, 200);
  assert.match(r.body, /^\{\n {4}"id": "[0-9a-f-]{36}"\n\}$/);
});

test('rest_cookie_check_errors: an anonymous request with a nonce is 403 rest_cookie_invalid_nonce', async () => {
  const r = await call('GET', '/wp-json/aam/v2/service/jwt', [['X-WP-Nonce', 'abc']]);
  assert.equal(r.status, 403);
  assert.equal(r.body, '{"code":"rest_cookie_invalid_nonce","message":"Cookie check failed","data":{"status":403}}');
});

test('multipart/form-data fills $_POST', async () => {
  const body = '--b\r\nContent-Disposition: form-data; name="jwt"\r\n\r\nx.y\r\n--b--\r\n';
  const r = await call('POST', '/wp-json/aam/v2/jwt/validate', [['Content-Type', 'multipart/form-data; boundary=b']], body);
  assert.equal(r.body, '{"code":"rest_jwt_validation_failure","reason":"Wrong number of segments"}');
});

test('signed-URL login: cookies, X-Redirect-By, Location, then PHP\'s default Content-type', async () => {
  const r = await call('GET', `/?aam-jwt=${mock.issueToken('jwt-target')}`);
  assert.equal(r.status, 302);
  assert.deepEqual(r.names, ['Set-Cookie', 'Set-Cookie', 'Set-Cookie', 'X-Redirect-By', 'Location', 'Content-type']);
});

test('a request line PHP\'s built-in server cannot parse is dropped without an answer', async () => {
  let site: RunningMock | undefined;
  try {
    site = await startMock({ port: 0 });
    const r = await send(site.url, { method: 'GET', target: '/wp-json/aam/v2/service/jwt/\u00e9', headers: [], body: null });
    assert.equal(r.status, 0);
    assert.match(r.error ?? '', /hang up|reset/);
  } finally {
    await site?.close();
  }
});

test('redirect_canonical: a front-end 404 GET whose path ends in punctuation is a 301 to the cleaned path', async () => {
  const r = await call('GET', '/WP-JSON/aam/v2/service/jwt/%20?user_id=3abc');
  assert.equal(r.status, 301);
  assert.deepEqual(r.names, ['Expires', 'Cache-Control', 'Content-Type', 'X-Redirect-By', 'Location']);
  assert.equal(r.header('location'), `${SITE}/WP-JSON/aam/v2/service/jwt/?user_id=3abc`);
  assert.equal((await call('POST', '/WP-JSON/aam/v2/service/jwt/%20')).status, 404);
});

test('a claim date() cannot take ("iat": "a" compares greater than time() in PHP 8) is a fatal error wherever the token is validated', async () => {
  const created = await call('POST', '/wp-json/aam/v2/service/jwt?user_id=4', [bearer(), json], '{"additional_claims":{"iat":"a"}}');
  assert.equal(created.status, 500);
  assert.ok(created.body.includes('internal_server_error'));
  // it was registered before the answer crashed: listing the registry with is_valid crashes too
  const listed = await call('GET', '/wp-json/aam/v2/service/jwt?user_id=4&fields=is_valid', [bearer()]);
  assert.equal(listed.status, 500);
  assert.ok(listed.body.includes(CRITICAL));
});

test('the legacy /aam/v1/authenticate does not catch AAM\'s refreshable-JWT exception: a fatal error', async () => {
  const r = await call('POST', '/wp-json/aam/v1/authenticate', [json], '{"username":"subscriber1","password":"subscriber1","refreshableJWT":true}');
  assert.equal(r.status, 500);
  assert.equal(JSON.parse(r.body).code, 'internal_server_error');
});

test('the legacy /aam/v1/authenticate always sends the auth cookies (no send_auth_cookies filter), before Allow', async () => {
  const r = await call('POST', '/wp-json/aam/v1/authenticate', [json], '{"username":"jwt-target","password":"jwt-target"}');
  assert.equal(r.status, 200);
  assert.deepEqual(r.names, [...BASE, 'Set-Cookie', 'Set-Cookie', 'Set-Cookie', 'Allow']);
  const v2 = await call('POST', '/wp-json/aam/v2/authenticate', [json], '{"username":"jwt-target","password":"jwt-target"}');
  assert.deepEqual(v2.names, [...BASE, 'Allow']);
});
