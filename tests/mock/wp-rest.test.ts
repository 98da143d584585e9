import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSite } from './helpers.js';
import type { TestSite } from './helpers.js';

let site: TestSite;
let admin: string;
before(async () => {
  site = await openSite();
  admin = site.mock.issueToken('admin');
});
after(() => site.close());

const NO_ROUTE = '{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}';
const FORBIDDEN_401 = '{"code":"rest_forbidden","message":"Sorry, you are not allowed to do that.","data":{"status":401}}';

const routing: [string, string, string, number, string | null][] = [
  ['unknown route', 'GET', '/wp-json/aam/v2/nope', 404, NO_ROUTE],
  ['wrong method is 404, never 405', 'PUT', '/wp-json/aam/v2/jwt/validate', 404, NO_ROUTE],
  ['GET on a POST-only route', 'GET', '/wp-json/aam/v2/jwt/validate', 404, NO_ROUTE],
  ['no v1 revoke route', 'POST', '/wp-json/aam/v1/revoke-jwt', 404, NO_ROUTE],
  ['id with an underscore does not match', 'GET', '/wp-json/aam/v2/service/jwt/a_b', 404, NO_ROUTE],
  ['case-insensitive, trailing slash ignored', 'GET', '/wp-json/AAM/V2/SERVICE/JWT/', 401, FORBIDDEN_401],
  ['?rest_route= form', 'GET', '/?rest_route=/aam/v2/service/jwt', 401, FORBIDDEN_401],
  ['validation runs before the permission check', 'POST', '/wp-json/aam/v2/service/jwt?is_refreshable=yes', 400,
    '{"code":"rest_invalid_param","message":"Invalid parameter(s): is_refreshable","data":{"status":400,"params":{"is_refreshable":"is_refreshable is not of type boolean."},"details":{"is_refreshable":{"code":"rest_invalid_type","message":"is_refreshable is not of type boolean.","data":{"param":"is_refreshable"}}}}}'],
];
for (const [name, method, path, status, body] of routing) {
  test(`routing: ${name}`, async () => {
    const r = await site.call(method, path);
    assert.equal(r.status, status);
    if (body !== null) assert.equal(r.body, body);
  });
}

test('malformed JSON body → rest_invalid_json on any route', async () => {
  for (const path of ['/wp-json/aam/v2/jwt/validate', '/wp-json/aam/v2/service/jwt']) {
    const r = await site.call('POST', path, { raw: '{"jwt":', headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 400);
    assert.equal(r.body, '{"code":"rest_invalid_json","message":"Invalid JSON body passed.","data":{"status":400,"json_error_code":4,"json_error_message":"Syntax error"}}');
  }
});

test('a body over post_max_size reaches WordPress as an empty body', async () => {
  const r = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { raw: Buffer.alloc(8 * 1024 * 1024 + 10, 0x7b), headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.body, '{"code":"rest_jwt_validation_failure","reason":"Wrong number of segments"}');
});

test('headers: anonymous 401 has no Allow and no no-cache headers', async () => {
  const r = await site.call('GET', '/wp-json/aam/v2/service/jwt');
  assert.equal(r.headers.get('allow'), null);
  assert.equal(r.headers.get('cache-control'), null);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=UTF-8');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-robots-tag'), 'noindex');
  assert.equal(r.headers.get('link'), '<http://127.0.0.1:8080/wp-json/>; rel="https://api.w.org/"');
});

test('headers: authorized call gets Allow and no-cache headers', async () => {
  const r = await site.call('GET', '/wp-json/aam/v2/service/jwt', { token: admin });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('allow'), 'GET, POST');
  assert.equal(r.headers.get('expires'), 'Wed, 11 Jan 1984 05:00:00 GMT');
  assert.equal(r.headers.get('cache-control'), 'no-cache, must-revalidate, max-age=0');
});

test('headers: 403 has no-cache headers but no Allow', async () => {
  const r = await site.call('GET', '/wp-json/aam/v2/service/jwt', { token: site.mock.issueToken('subscriber1') });
  assert.equal(r.status, 403);
  assert.equal(r.body, '{"code":"rest_forbidden","message":"Sorry, you are not allowed to do that.","data":{"status":403}}');
  assert.equal(r.headers.get('allow'), null);
  assert.equal(r.headers.get('cache-control'), 'no-cache, must-revalidate, max-age=0');
});

test('method override: _method=DELETE and X-HTTP-Method-Override', async () => {
  const a = await site.call('POST', '/wp-json/aam/v2/service/jwt/nope?_method=DELETE', { token: admin });
  const b = await site.call('POST', '/wp-json/aam/v2/service/jwt/nope', { token: admin, headers: { 'X-HTTP-Method-Override': 'DELETE' } });
  for (const r of [a, b]) {
    assert.equal(r.status, 404);
    assert.equal(r.body, '{"errors":{"rest_not_found":["Token does not exist"]},"error_data":{"rest_not_found":{"status":404}}}');
  }
});

test('OPTIONS describes the route; reset is described by the {id} route registered before it', async () => {
  const r = await site.call('OPTIONS', '/wp-json/aam/v2/jwt/validate');
  assert.equal(r.status, 200);
  assert.equal(r.body, '{"namespace":"aam\\/v2","methods":["POST"],"endpoints":[{"methods":["POST"],"args":{"jwt":{"description":"JWT token.","type":"string","required":false}}}],"_links":{"self":[{"href":"http:\\/\\/127.0.0.1:8080\\/wp-json\\/aam\\/v2\\/jwt\\/validate"}]}}');
  assert.equal(r.headers.get('allow'), 'POST');
  const reset = await site.call('OPTIONS', '/wp-json/aam/v2/service/jwt/reset');
  assert.deepEqual(reset.json().methods, ['GET', 'DELETE']);
});

test('namespace index and site index', async () => {
  const ns = await site.call('GET', '/wp-json/aam/v2/service');
  assert.equal(ns.status, 200);
  assert.deepEqual(Object.keys(ns.json().routes), ['/aam/v2/service', '/aam/v2/service/jwt', '/aam/v2/service/jwt/(?<id>[\\dA-Za-z\\-]+)', '/aam/v2/service/jwt/reset']);
  const root = await site.call('GET', '/wp-json/');
  assert.deepEqual(root.json().namespaces, ['aam/v2', 'aam/v1', 'aam/v2/service']);
  const viaQuery = await site.call('GET', '/?rest_route=/');
  assert.equal(viaQuery.body, root.body);
});

test('non-REST pages answer without JSON', async () => {
  assert.equal((await site.call('GET', '/')).status, 200);
  assert.equal((await site.call('GET', '/wp-login.php')).status, 404);
});
