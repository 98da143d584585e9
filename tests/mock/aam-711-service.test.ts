/**
 * AAM 7.1.1's token-management routes in the mock (`/aam/v2/jwts`, `/aam/v2/jwt/{id}`), answer by answer as the
 * real 7.1.1 site gives them (transcripts-7.1.1.md, and the instance the suite was checked against).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0, aamError, decode, siteForEachTest } from './helpers.js';

const fx = siteForEachTest({ aamVersion: '7.1.1' });

const J = '/wp-json/aam/v2/jwts';
const I = '/wp-json/aam/v2/jwt/';
const NO_ROUTE = '{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}';

async function create(body: Record<string, unknown> = {}, query = ''): Promise<any> {
  const r = await fx.site.call('POST', `${J}?user_id=4${query}`, { json: { expires_in: '+1 hour', ...body }, token: fx.admin });
  assert.equal(r.status, 200, r.body);
  return r.json();
}

test('the routes exist only for JWT managers: anonymous, subscriber, caps given to a user, bad token → 404', async () => {
  const callers: [string, Record<string, string>][] = [
    ['anonymous', {}],
    ['subscriber', { Authorization: `Bearer ${fx.site.mock.issueToken('subscriber1')}` }],
    ['manager (aam caps on the user, not on a role)', { Authorization: `Bearer ${fx.site.mock.issueToken('manager')}` }],
    ['garbage token', { Authorization: 'Bearer garbage.token.value' }],
  ];
  for (const [who, headers] of callers) {
    for (const [method, path] of [['GET', `${J}?user_id=4`], ['POST', `${J}?user_id=4`], ['DELETE', `${J}?user_id=4`], ['PATCH', `${I}00000000-0000-0000-0000-000000000000?user_id=4`]] as const) {
      const r = await fx.site.call(method, path, { headers });
      assert.equal(r.status, 404, `${who} ${method} ${path}`);
      assert.equal(r.body, NO_ROUTE);
      assert.equal(r.headers.get('allow'), null);
    }
  }
  assert.equal((await fx.site.call('OPTIONS', J)).body, '[]');
  const ok = await fx.site.call('GET', `${J}?user_id=4`, { token: fx.admin });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('allow'), 'GET, POST, DELETE');
});

const USER_ID_CASES: [string, string, number, string][] = [
  ['no user_id', '', 400, aamError('rest_invalid_argument', 'Invalid user identifier', 400)],
  ['user 0', '?user_id=0', 404, aamError('rest_not_found', 'Cannot find user by identifier 0', 404)],
  ['user 999', '?user_id=999', 404, aamError('rest_not_found', 'Cannot find user by identifier 999', 404)],
  ['user_id abc', '?user_id=abc', 400, '{"code":"rest_invalid_param","message":"Invalid parameter(s): user_id","data":{"status":400,"params":{"user_id":"user_id is not of type integer."},"details":{"user_id":{"code":"rest_invalid_type","message":"user_id is not of type integer.","data":{"param":"user_id"}}}}}'],
  ['access_level=user without user_id', '?access_level=user', 400, '{"code":"rest_invalid_param","message":"Invalid parameter(s): access_level","data":{"status":400,"params":{"access_level":"The user_id is required"},"details":{"access_level":{"code":"rest_invalid_param","message":"The user_id is required","data":{"status":400}}}}}'],
  ['access_level=role', '?access_level=role&role_id=administrator', 400, '{"code":"rest_invalid_param","message":"Invalid parameter(s): access_level","data":{"status":400,"params":{"access_level":"access_level is not user."},"details":{"access_level":{"code":"rest_not_in_enum","message":"access_level is not user.","data":null}}}}'],
  ['access_level=user, no such user', '?access_level=user&user_id=999', 400, '{"code":"rest_invalid_param","message":"Invalid parameter(s): user_id","data":{"status":400,"params":{"user_id":"The user with ID \'999\' does not exist or is not editable"},"details":{"user_id":{"code":"rest_not_found","message":"The user with ID \'999\' does not exist or is not editable","data":{"status":404}}}}}'],
  ['access_level=user, a listable user', '?access_level=user&user_id=4', 200, '[]'],
];
for (const [name, query, status, body] of USER_ID_CASES) {
  test(`list: ${name} → ${status}`, async () => {
    const r = await fx.site.call('GET', J + query, { token: fx.admin });
    assert.equal(r.status, status);
    assert.equal(r.body, body);
  });
}

test('create needs an expiry; claims come jti first, AAM claims after, given ones keep their place', async () => {
  const none = await fx.site.call('POST', `${J}?user_id=4`, { json: { additional_claims: { a: 1 } }, token: fx.admin });
  assert.equal(none.body, aamError('rest_invalid_argument', 'Invalid token ttl', 400));
  const t = await create({ additional_claims: { user_id: 2, userId: 2, iss: 'evil', refreshable: true, revocable: false, jti: 'x' } }, '&fields=claims');
  assert.deepEqual(Object.keys(t), ['id', 'token', 'is_valid', 'claims']);
  assert.deepEqual(Object.keys(t.claims), ['jti', 'user_id', 'userId', 'iss', 'refreshable', 'revocable', 'iat', 'exp']);
  assert.deepEqual([t.id, t.claims.user_id, t.claims.userId, t.claims.iss, t.claims.refreshable, t.claims.revocable], ['x', 4, 2, 'http://127.0.0.1:8080', false, true]);
  const plain = decode((await create()).token);
  assert.equal(plain.header, '{"typ":"JWT","alg":"HS256"}');
  assert.deepEqual(Object.keys(plain.claims), ['jti', 'revocable', 'refreshable', 'iat', 'iss', 'exp', 'user_id']);
  assert.deepEqual([plain.claims.iat, plain.claims.exp - plain.claims.iat], [T0, 3600]);
});

const TTL_CASES: [string, Record<string, unknown>, number | string][] = [
  ['numeric expires_in = seconds', { expires_in: '3600' }, T0 + 3600],
  ['expires_at wins', { expires_at: '2030-01-01T00:00:00Z', expires_in: '+1 hour' }, 1893456000],
  ['numeric expires_at = seconds from now', { expires_at: 600 }, T0 + 600],
  ['expires_at "0" is empty: expires_in applies', { expires_at: '0', expires_in: '+2 hours' }, T0 + 7200],
  ['expires_at an array', { expires_at: ['x'] }, aamError('rest_invalid_argument', 'Invalid token ttl', 400)],
  ['empty expires_in', { expires_in: '' }, aamError('rest_invalid_argument', 'Invalid token ttl', 400)],
  ['unparseable expires_at', { expires_at: 'not a date' }, aamError('rest_unexpected_error', 'Unexpected application error', 500)],
];
for (const [name, body, want] of TTL_CASES) {
  test(`create expiry: ${name}`, async () => {
    const r = await fx.site.call('POST', `${J}?user_id=4&fields=claims`, { json: body, token: fx.admin });
    if (typeof want === 'number') assert.equal(r.json().claims.exp, want, r.body);
    else assert.equal(r.body, want);
  });
}

test('additional_claims: a JSON string decodes, a non-JSON string is a PHP fatal (critical error, no Allow)', async () => {
  assert.deepEqual((await create({ additional_claims: '{"baz":1,"5":"x"}' }, '&fields=claims')).claims.baz, 1);
  assert.equal((await create({ additional_claims: { 5: 'x', b: {} } }, '&fields=claims')).claims['0'], 'x');
  for (const claims of ['not json', '', '5']) {
    const r = await fx.site.call('POST', `${J}?user_id=4`, { json: { expires_in: '+1 hour', additional_claims: claims }, token: fx.admin });
    assert.equal(r.status, 500);
    assert.equal(r.json().code, 'internal_server_error');
    assert.equal(r.headers.get('allow'), null);
    assert.equal(r.headers.get('expires'), 'Wed, 11 Jan 1984 05:00:00 GMT');
  }
  const nul = await fx.site.call('POST', `${J}?user_id=4`, { json: { expires_in: '+1 hour', additional_claims: null }, token: fx.admin });
  assert.equal(nul.json().data.params.additional_claims, 'additional_claims is not of type string,object.');
});

test('create answers is_valid true even for an expired token; list and get report it invalid and ignore fields', async () => {
  const t = await create({ expires_in: '-1 hour' }, '&fields=claims,error');
  assert.deepEqual([Object.keys(t), t.is_valid], [['id', 'token', 'is_valid', 'claims'], true]);
  const list = await fx.site.call('GET', `${J}?user_id=4&fields=claims,signed_url`, { token: fx.admin });
  assert.equal(list.body, JSON.stringify([{ id: t.id, token: t.token, is_valid: false, error: 'Expired token' }]));
  const one = await fx.site.call('GET', `${I}${t.id}?user_id=4&fields=claims`, { token: fx.admin });
  assert.equal(one.body, JSON.stringify({ id: t.id, token: t.token, is_valid: false, error: 'Expired token' }));
});

test('fields: validated names, unknown ones dropped, claims and signed_url added in order; description kept trimmed', async () => {
  const t = await create({ description: '  CI  ' });
  const r = (await fx.site.call('GET', `${J}?user_id=4&fields=signed_url,claims,claims,id,foo,error`, { token: fx.admin })).json();
  assert.deepEqual(Object.keys(r[0]), ['id', 'token', 'is_valid', 'description', 'signed_url', 'claims']);
  assert.equal(r[0].description, 'CI');
  assert.equal(r[0].signed_url, `http://127.0.0.1:8080?aam-jwt=${t.token}`);
  const bad = await fx.site.call('GET', `${J}?user_id=4&fields=id,Bad,x%20y,a.b`, { token: fx.admin });
  assert.equal(bad.json().data.params.fields, 'Invalid fields: x y, a.b');
  assert.equal((await create({ description: '   ' })).is_valid, true);
  assert.deepEqual((await fx.site.call('GET', `${J}?user_id=4`, { token: fx.admin })).json().map((e: any) => Object.keys(e).length), [4, 3]);
});

test('non-revocable tokens are never stored', async () => {
  const t = await create({ is_revocable: false });
  assert.equal((await fx.site.call('GET', `${J}?user_id=4`, { token: fx.admin })).body, '[]');
  assert.equal((await fx.site.call('GET', `${I}${t.id}?user_id=4`, { token: fx.admin })).body, aamError('rest_not_found', 'Token does not exist', 404));
  assert.equal((await fx.site.call('DELETE', `${J}?user_id=4`, { token: fx.admin })).body, '{"success":false}');
});

test('get by id: a lower-case UUID only; ?id= wins over the path; another registry is a 404', async () => {
  const t = await create();
  const uuid = '{"code":"rest_invalid_param","message":"Invalid parameter(s): id","data":{"status":400,"params":{"id":"id is not a valid UUID."},"details":{"id":{"code":"rest_invalid_uuid","message":"id is not a valid UUID.","data":null}}}}';
  for (const id of ['reset', 'abc_def', t.id.toUpperCase()]) assert.equal((await fx.site.call('GET', `${I}${id}?user_id=4`, { token: fx.admin })).body, uuid);
  assert.equal((await fx.site.call('GET', `${I}abc.def?user_id=4`, { token: fx.admin })).body, NO_ROUTE);
  assert.equal((await fx.site.call('GET', `${I}00000000-0000-0000-0000-000000000000?user_id=4&id=${t.id}`, { token: fx.admin })).json().id, t.id);
  assert.equal((await fx.site.call('GET', `${I}${t.id}?user_id=1`, { token: fx.admin })).status, 404);
});

test('refresh by id keeps the jti and claims, adds rat, replaces the token at the end and drops the description', async () => {
  const a = await create({ is_refreshable: true, description: 'CI', additional_claims: { team: 'a' } });
  const b = await create({ is_refreshable: true });
  fx.site.clock.seconds += 60;
  const r = await fx.site.call('PATCH', `${I}${a.id}?user_id=4`, { json: {}, token: fx.admin });
  assert.equal(r.status, 200, r.body);
  const { token, claims } = r.json();
  assert.deepEqual(Object.keys(claims), ['jti', 'team', 'revocable', 'refreshable', 'iat', 'iss', 'exp', 'user_id', 'rat']);
  assert.deepEqual([claims.jti, claims.iat, claims.exp - claims.iat, claims.rat], [a.id, T0 + 60, 3600, T0 + 60]);
  const list = (await fx.site.call('GET', `${J}?user_id=4`, { token: fx.admin })).json();
  assert.deepEqual(list.map((e: any) => [e.id, e.token, e.description]), [[b.id, b.token, undefined], [a.id, token, undefined]]);
  const old = await fx.site.call('POST', '/wp-json/aam/v2/jwt/validate', { json: { jwt: a.token } });
  assert.deepEqual([old.status, old.body], [507, aamError('rest_insufficient_storage', 'Unregistered token', 507)]);
  const again = await fx.site.call('POST', `${I}${a.id}?user_id=4`, { token: fx.admin });
  assert.equal(again.json().token, token, 'refreshing again in the same second gives the same token');
});

test('refresh by id: not refreshable → 409, expired → 404, unknown → 404', async () => {
  const plain = await create();
  assert.equal((await fx.site.call('PUT', `${I}${plain.id}?user_id=4`, { token: fx.admin })).body, aamError('rest_workflow_error', 'The given token is not refreshable', 409));
  const expired = await create({ expires_in: '-1 hour', is_refreshable: true });
  assert.equal((await fx.site.call('PATCH', `${I}${expired.id}?user_id=4`, { token: fx.admin })).body, aamError('rest_not_found', 'Token is invalid or does not exist', 404));
  assert.equal((await fx.site.call('POST', `${I}00000000-0000-0000-0000-000000000000?user_id=4`, { token: fx.admin })).body, aamError('rest_not_found', 'Token does not exist', 404));
});

test('delete answers {"success":true}, then 404; reset answers true, then false', async () => {
  const t = await create();
  assert.equal((await fx.site.call('DELETE', `${I}${t.id}?user_id=4`, { token: fx.admin })).body, '{"success":true}');
  assert.equal((await fx.site.call('POST', `${I}${t.id}?user_id=4`, { headers: { 'X-HTTP-Method-Override': 'DELETE' }, token: fx.admin })).body, aamError('rest_not_found', 'Token does not exist', 404));
  assert.equal((await fx.site.call('DELETE', `${J}?user_id=4`, { token: fx.admin })).body, '{"success":true}');
  assert.equal((await fx.site.call('DELETE', `${J}?user_id=4`, { token: fx.admin })).body, '{"success":false}');
});

test('the registry keeps the newest ten tokens', async () => {
  const first = await create();
  for (let i = 0; i < 10; i++) await create();
  const list = (await fx.site.call('GET', `${J}?user_id=4`, { token: fx.admin })).json();
  assert.equal(list.length, 10);
  assert.ok(!list.some((e: any) => e.id === first.id));
});

test('WP_DEBUG shows the trace and the real message of a 500', async () => {
  await fx.reopen({ wpDebug: true });
  const r = await fx.site.call('POST', `${J}?user_id=4`, { json: { expires_at: 'not a date' }, token: fx.admin });
  assert.equal(r.status, 500);
  assert.match(r.json().errors.rest_unexpected_error[0], /^Failed to parse time string \(not a date\)/);
  assert.deepEqual(r.json().error_data.rest_unexpected_error.details, { trace: [] });
});
