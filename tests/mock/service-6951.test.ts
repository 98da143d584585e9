/**
 * The AAM 6.9.51 mock's token-management routes (`/aam/v2/service/jwts`, `/aam/v2/service/jwt/{id}`), request by
 * request as the real 6.9.51 site answered them (transcripts-6.9.51.md and the probes behind the spec).
 */
import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { T0, decode, openSite } from './helpers.js';
import type { TestSite } from './helpers.js';

let site: TestSite;
let admin: string;
beforeEach(async () => {
  await site?.close();
  site = await openSite({ aamVersion: '6.9.51' });
  admin = site.mock.issueToken('admin');
});
after(() => site.close());

const C = '/wp-json/aam/v2/service/jwts';
const I = '/wp-json/aam/v2/service/jwt';
const NOT_FOUND = '{"errors":{"rest_not_found":["Token does not exist"]},"error_data":{"rest_not_found":{"status":404}}}';
const storage = (message: string): string => `{"errors":{"rest_insufficient_storage":["${message}"]},"error_data":{"rest_insufficient_storage":{"status":507}}}`;
const invalidParam = (param: string, message: string, details: string): string =>
  `{"code":"rest_invalid_param","message":"Invalid parameter(s): ${param}","data":{"status":400,"params":{"${param}":"${message}"},"details":{"${param}":${details}}}}`;
const notInteger = invalidParam('user_id', 'user_id is not of type integer.', '{"code":"rest_invalid_type","message":"user_id is not of type integer.","data":{"param":"user_id"}}');

async function create(query = 'user_id=4', body: Record<string, unknown> = {}): Promise<any> {
  const r = await site.call('POST', `${C}?${query}`, { json: body, token: admin });
  assert.equal(r.status, 200, r.body);
  return r.json();
}

test('list: id and token first, then each requested field the token has, once', async () => {
  const id = decode(admin).claims.jti;
  const cases: [string, string[]][] = [
    ['', ['id', 'token']],
    ['?fields=', ['id', 'token']],
    ['?fields=0', ['id', 'token']],
    ['?fields=is_valid', ['id', 'token', 'is_valid']],
    ['?fields=claims,is_valid,signed_url,error,token,id', ['id', 'token', 'claims', 'is_valid', 'signed_url']],
    ['?fields=,is_valid,foo,IS_VALID,is_valid,claims', ['id', 'token', 'is_valid', 'claims']],
  ];
  for (const [query, keys] of cases) {
    const r = await site.call('GET', C + query, { token: admin });
    assert.equal(r.status, 200, query);
    assert.deepEqual(Object.keys(r.json()[0]), keys, query);
    assert.equal(r.json()[0].id, id);
  }
  assert.match((await site.call('GET', `${C}?fields=signed_url`, { token: admin })).body, /"signed_url":"http:\\\/\\\/127\.0\.0\.1:8080\?aam-jwt=/);
});

const badFields: [string, string][] = [
  ['bad!field', 'bad!field'],
  ['id,Bad,x%20y,%20is_valid', 'x y,  is_valid'],
  ['a.b,c;d', 'a.b, c;d'],
];
for (const [fields, named] of badFields) {
  test(`fields=${fields} → 400 naming only the bad items, before the permission check`, async () => {
    const want = invalidParam('fields', `Invalid fields: ${named}`, `{"code":"rest_invalid_param","message":"Invalid fields: ${named}","data":{"status":400}}`);
    for (const token of [admin, undefined]) {
      const r = await site.call('GET', `${C}?fields=${fields}`, token === undefined ? {} : { token });
      assert.equal(r.status, 400);
      assert.equal(r.body, want);
    }
  });
}

test('fields that is not a string → 400 rest_invalid_type (create)', async () => {
  const r = await site.call('POST', `${C}?user_id=4`, { json: { fields: 5 }, token: admin });
  assert.equal(r.body, invalidParam('fields', 'fields is not of type string.', '{"code":"rest_invalid_type","message":"fields is not of type string.","data":{"param":"fields"}}'));
});

test('user_id: an integer in WordPress\' sense, else 400 (anonymous too)', async () => {
  await create();
  for (const userId of ['4', '4.0', '4e0', '%204', '%2B4']) {
    const r = await site.call('GET', `${C}?user_id=${userId}`, { token: admin });
    assert.equal(r.json().length, 1, userId);
  }
  for (const userId of ['abc', '', '1.5', '0x1']) {
    for (const token of [admin, undefined]) {
      const r = await site.call('DELETE', `${C}?user_id=${userId}`, token === undefined ? {} : { token });
      assert.deepEqual([r.status, r.body], [400, notInteger], userId);
    }
  }
  for (const userId of [true, null, 1.5]) {
    const r = await site.call('POST', C, { json: { user_id: userId }, token: admin });
    assert.deepEqual([r.status, r.body], [400, notInteger], String(userId));
  }
  const whole = await site.call('POST', C, { raw: '{"user_id":4.0}', headers: { 'Content-Type': 'application/json' }, token: admin });
  assert.equal(decode(whole.json().token).claims.userId, 4);
});

test('without a valid user_id reads use the caller\'s registry and writes fail with 507', async () => {
  const own = decode(admin).claims.jti;
  for (const query of ['', '?user_id=0', '?user_id=-1', '?user_id=999']) {
    assert.equal((await site.call('GET', C + query, { token: admin })).json()[0].id, own, query);
    const c = await site.call('POST', C + query, { json: {}, token: admin });
    assert.deepEqual([c.status, c.body], [507, storage('Failed to register token')], query);
    const r = await site.call('DELETE', C + query, { token: admin });
    assert.deepEqual([r.status, r.body], [507, storage('Failed to reset tokens')], query);
  }
  const d = await site.call('DELETE', `${I}/${own}`, { token: admin });
  assert.deepEqual([d.status, d.body], [507, storage('Failed to revoke the token')]);
  assert.equal((await site.call('GET', `${I}/${own}`, { token: admin })).status, 200, 'the token is still there');
  assert.equal((await site.call('DELETE', `${I}/${(await create()).id}`, { token: admin })).body, NOT_FOUND, 'another user\'s token is not found');
});

test('access_level=user checks user_id: the user must exist and the caller list (GET) or edit it', async () => {
  const manager = site.mock.issueToken('manager');
  const notEditable = (id: number): string =>
    invalidParam('user_id', `The user with ID '${id}' does not exist or is not editable`, `{"code":"rest_not_found","message":"The user with ID '${id}' does not exist or is not editable","data":{"status":404}}`);
  const cases: [string, string, string | undefined, number, string | undefined][] = [
    ['GET', `${C}?user_id=999&access_level=user`, admin, 400, notEditable(999)],
    ['GET', `${C}?user_id=0&access_level=user`, admin, 400, notEditable(0)],
    ['GET', `${C}?user_id=1.5&access_level=user`, admin, 400, notInteger],
    ['GET', `${C}?user_id=4&access_level=user`, undefined, 400, notEditable(4)],
    ['GET', `${C}?user_id=4&access_level=user`, admin, 200, '[]'],
    ['GET', `${C}?user_id=4&access_level=user`, manager, 400, notEditable(4)],
    ['DELETE', `${C}?user_id=4&access_level=user`, manager, 400, notEditable(4)],
    ['DELETE', `${C}?user_id=2&access_level=user`, manager, 200, '[]'],
    ['GET', `${C}?user_id=4&access_level=role`, admin, 200, '[]'],
  ];
  for (const [method, path, token, status, body] of cases) {
    const r = await site.call(method, path, token === undefined ? {} : { token });
    assert.deepEqual([r.status, r.body], [status, body], `${method} ${path}`);
  }
});

test('create: 200 {"id","token"} plus fields; is_revocable defaults to true whatever the site setting', async () => {
  await site.close();
  site = await openSite({ aamVersion: '6.9.51', isRevocableDefault: false });
  admin = site.mock.issueToken('admin');
  const t = await create('user_id=4&fields=claims', { additional_claims: { userId: 2, iss: 'evil', refreshable: true } });
  assert.deepEqual(Object.keys(t), ['id', 'token', 'claims']);
  assert.deepEqual(Object.keys(t.claims), ['iat', 'iss', 'exp', 'jti', 'userId', 'refreshable', 'revocable']);
  assert.deepEqual([t.claims.iss, t.claims.userId, t.claims.refreshable, t.claims.revocable], ['evil', 4, false, true]);
  const expired = await create('user_id=4&fields=claims,is_valid,error,signed_url', { expires_in: '-1 hour' });
  assert.deepEqual(Object.keys(expired), ['id', 'token', 'claims', 'is_valid', 'error']);
  assert.deepEqual([expired.claims.exp, expired.is_valid, expired.error], [T0 - 3600, false, 'Expired token']);
});

test('create with an expires_at array: WordPress\' fatal-error answer with the headers already sent, nothing stored', async () => {
  const r = await site.call('POST', `${C}?user_id=4`, { json: { expires_at: ['x'] }, token: admin });
  assert.equal(r.status, 500);
  assert.equal(r.json().code, 'internal_server_error');
  assert.deepEqual(r.json().data, { status: 500 });
  for (const name of ['x-robots-tag', 'link', 'x-content-type-options', 'access-control-expose-headers', 'expires', 'cache-control']) assert.ok(r.headers.has(name), name);
  assert.equal(r.headers.get('allow'), null);
  assert.equal((await site.call('GET', `${C}?user_id=4`, { token: admin })).body, '[]');
});

test('get: fields as in the list, the query id wins, the newest of equal jtis, a non-string jti is never found', async () => {
  const t = await create();
  const full = (await site.call('GET', `${I}/${t.id}?user_id=4&fields=signed_url,is_valid,claims`, { token: admin })).json();
  assert.deepEqual(Object.keys(full), ['id', 'token', 'signed_url', 'is_valid', 'claims']);
  assert.equal((await site.call('GET', `${I}/not-this-one?user_id=4&id=${t.id}`, { token: admin })).json().id, t.id);
  await create('user_id=4', { additional_claims: { jti: 'dup', n: 1 } });
  await create('user_id=4', { additional_claims: { jti: 'dup', n: 2 } });
  assert.equal((await site.call('GET', `${I}/dup?user_id=4&fields=claims`, { token: admin })).json().claims.n, 2);
  assert.equal((await site.call('DELETE', `${I}/dup?user_id=4`, { token: admin })).body, '{"success":true}');
  assert.equal((await site.call('GET', `${I}/dup?user_id=4&fields=claims`, { token: admin })).json().claims.n, 1);
  assert.equal((await create('user_id=4', { additional_claims: { jti: 5 } })).id, 5);
  for (const path of [`${I}/5?user_id=4`, `${I}/reset?user_id=4`, `${I}/${t.id}`]) {
    const r = await site.call('GET', path, { token: admin });
    assert.deepEqual([r.status, r.body], [404, NOT_FOUND], path);
  }
});

test('delete: {"success":true}, the token is revoked, a second delete is 404', async () => {
  const t = await create();
  const r = await site.call('DELETE', `${I}/${t.id}?user_id=4`, { token: admin });
  assert.deepEqual([r.status, r.body, r.headers.get('allow')], [200, '{"success":true}', 'GET, DELETE']);
  const v = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { json: { jwt: t.token } });
  assert.equal(v.body, '{"code":"rest_jwt_validation_failure","reason":"Token has been revoked"}');
  assert.deepEqual([(await site.call('DELETE', `${I}/${t.id}?user_id=4`, { token: admin })).body], [NOT_FOUND]);
});

test('reset: [] when a registry existed (even empty), 507 when none is left', async () => {
  const t = await create();
  await create();
  const r = await site.call('DELETE', `${C}?user_id=4`, { token: admin });
  assert.deepEqual([r.status, r.body, r.headers.get('allow')], [200, '[]', 'GET, POST, DELETE']);
  assert.deepEqual([(await site.call('DELETE', `${C}?user_id=4`, { token: admin })).status], [507]);
  const u = await create();
  await site.call('DELETE', `${I}/${u.id}?user_id=4`, { token: admin });
  assert.equal((await site.call('POST', `${C}?user_id=4&_method=DELETE`, { token: admin })).body, '[]', 'an existing, empty registry');
  const v = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { json: { jwt: t.token } });
  assert.equal(v.status, 400);
});

test('WP_DEBUG adds details.trace to the 404 and the 507', async () => {
  const dbg = await openSite({ aamVersion: '6.9.51', wpDebug: true });
  try {
    const token = dbg.mock.issueToken('admin');
    assert.equal((await dbg.call('GET', `${I}/nope`, { token })).body, '{"errors":{"rest_not_found":["Token does not exist"]},"error_data":{"rest_not_found":{"status":404,"details":{"trace":[]}}}}');
    assert.equal((await dbg.call('POST', C, { json: {}, token })).body, '{"errors":{"rest_insufficient_storage":["Failed to register token"]},"error_data":{"rest_insufficient_storage":{"status":507,"details":{"trace":[]}}}}');
  } finally {
    await dbg.close();
  }
});

test('routes: the 6.9.32 paths are gone, OPTIONS describes the args in their own key order', async () => {
  for (const [method, path] of [['GET', I], ['POST', I], ['POST', `${I}/reset`], ['PUT', C], ['POST', `${I}/abc`], ['GET', `${I}/abc_def`], ['GET', `${C}/extra`]] as const) {
    const r = await site.call(method, path, { token: admin });
    assert.equal(r.json().code, 'rest_no_route', `${method} ${path}`);
  }
  assert.equal((await site.call('OPTIONS', I, { token: admin })).body, '[]');
  const collection = (await site.call('OPTIONS', C)).json();
  assert.deepEqual(collection.methods, ['GET', 'POST', 'DELETE']);
  assert.deepEqual(collection.endpoints[1].args.is_revocable, { description: 'Wether issued JWT is revocable', type: 'boolean', default: true, required: false });
  assert.deepEqual(Object.keys(collection.endpoints[1].args), ['user_id', 'expires_at', 'expires_in', 'is_refreshable', 'is_revocable', 'additional_claims', 'fields']);
  const item = (await site.call('OPTIONS', `${I}/0000-11`, { token: admin })).json();
  assert.deepEqual(item.endpoints.map((e: any) => Object.keys(e.args)), [['user_id', 'id', 'fields'], ['user_id', 'id']]);
  assert.equal(item._links, undefined);
  const index = (await site.call('GET', '/wp-json/aam/v2/service')).json();
  assert.deepEqual(Object.keys(index.routes), ['/aam/v2/service', '/aam/v2/service/jwts', '/aam/v2/service/jwt/(?P<id>[\\dA-Za-z\\-]+)']);
});
