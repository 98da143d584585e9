import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { T0, decode, openSite } from './helpers.js';
import type { TestSite } from './helpers.js';

let site: TestSite;
let admin: string;
beforeEach(async () => {
  await site?.close();
  site = await openSite();
  admin = site.mock.issueToken('admin');
});
after(() => site.close());

const ERR_500 = '{"errors":{"rest_unexpected_error":["Unexpected application error"]},"error_data":{"rest_unexpected_error":{"status":500}}}';
const NOT_FOUND = '{"errors":{"rest_not_found":["Token does not exist"]},"error_data":{"rest_not_found":{"status":404}}}';
const J = '/wp-json/aam/v2/service/jwt';

async function create(body: Record<string, unknown> = {}, token = admin): Promise<any> {
  const r = await site.call('POST', J, { json: { user_id: 4, ...body }, token });
  assert.equal(r.status, 200, r.body);
  return r.json();
}

test('list without fields: the default-fields bug gives {"token","":null}', async () => {
  for (const q of ['', '?fields=']) {
    const r = await site.call('GET', J + q, { token: admin });
    assert.equal(r.body, `[{"token":"${admin}","":null}]`);
  }
});

test('list fields are split on "," without trimming; unknown fields are null', async () => {
  const id = decode(admin).claims.jti;
  const a = await site.call('GET', `${J}?fields=id,%20is_valid`, { token: admin });
  assert.equal(a.body, `[{"token":"${admin}","id":"${id}"," is_valid":null}]`);
  const b = (await site.call('GET', `${J}?fields=id,is_valid,claims,signed_url,error,foo`, { token: admin })).json()[0];
  assert.deepEqual(Object.keys(b), ['token', 'id', 'is_valid', 'claims', 'signed_url', 'error', 'foo']);
  assert.equal(b.signed_url, `http://127.0.0.1:8080?aam-jwt=${admin}`);
  assert.equal(b.error, null);
  assert.equal(b.foo, null);
});

test('list of another user via user_id; empty registry is []', async () => {
  assert.equal((await site.call('GET', `${J}?user_id=4`, { token: admin })).body, '[]');
  const t = await create();
  assert.equal((await site.call('GET', `${J}?user_id=4&fields=id`, { token: admin })).body, `[{"token":"${t.token}","id":"${t.id}"}]`);
});

test('create answers 200 {"token","id"} with AAM claim order', async () => {
  const t = await create({ additional_claims: { trigger: { action: 'x' } } });
  assert.deepEqual(Object.keys(t), ['token', 'id']);
  const { header, claims, payload } = decode(t.token);
  assert.equal(header, '{"typ":"JWT","alg":"HS256"}');
  assert.deepEqual(Object.keys(claims), ['iat', 'iss', 'exp', 'jti', 'trigger', 'refreshable', 'revocable', 'userId']);
  assert.ok(payload.includes('"iss":"http://127.0.0.1:8080"'));
  assert.equal(claims.exp - claims.iat, 86400);
  assert.deepEqual([claims.refreshable, claims.revocable, claims.userId], [false, true, 4]);
});

test('additional_claims can override iat, iss, jti but not userId/refreshable/revocable', async () => {
  const t = await create({ additional_claims: { iss: 'x', jti: 'j', userId: 1, refreshable: true, revocable: false }, is_revocable: true });
  const c = decode(t.token).claims;
  assert.deepEqual([c.iss, c.jti, c.userId, c.refreshable, c.revocable], ['x', 'j', 4, false, true]);
  assert.equal(t.id, 'j');
});

test('additional_claims as a JSON array gives claims "0","1"', async () => {
  const { payload } = decode((await create({ additional_claims: ['a', 'b'] })).token);
  assert.match(payload, /^\{"iat":\d+,"iss":"[^"]+","exp":\d+,"jti":"[^"]+","0":"a","1":"b","refreshable":false,"revocable":true,"userId":4\}$/);
});

test('expires_at wins over expires_in; expires_in "3600" is the year 3600; "+1 hour"', async () => {
  assert.equal(decode((await create({ expires_at: '2030-01-01T00:00:00Z', expires_in: '+1 hour' })).token).claims.exp, Date.UTC(2030, 0, 1) / 1000);
  assert.equal(decode((await create({ expires_in: '+1 hour' })).token).claims.exp, T0 + 3600);
  assert.equal(decode((await create({ expires_in: '3600' })).token).claims.exp, Date.UTC(3600, 0, 1) / 1000);
});

test('unparseable expires_at → exp false, stored, and always "Expired token"', async () => {
  const t = await create({ expires_at: 'not a date', fields: 'claims,is_valid,error' });
  assert.equal(decode(t.token).claims.exp, false);
  assert.deepEqual([t.is_valid, t.error], [false, 'Expired token']);
  const v = await site.call('POST', '/wp-json/aam/v2/jwt/validate', { json: { jwt: t.token } });
  assert.equal(v.body, '{"code":"rest_jwt_validation_failure","reason":"Expired token"}');
});

test('create with a past exp and fields=claims,is_valid,error reports the error', async () => {
  const t = await create({ additional_claims: { exp: T0 - 10 }, fields: 'claims,is_valid,error' });
  assert.deepEqual(Object.keys(t), ['token', 'claims', 'is_valid', 'error']);
  assert.deepEqual([t.is_valid, t.error], [false, 'Expired token']);
  assert.deepEqual(Object.keys(await create({ fields: 'token' })), ['token']);
});

const invalid: [string, Record<string, unknown>, string][] = [
  ['expires_in not a string', { expires_in: 5 }, '{"code":"rest_invalid_param","message":"Invalid parameter(s): expires_in","data":{"status":400,"params":{"expires_in":"expires_in is not of type string."},"details":{"expires_in":{"code":"rest_invalid_type","message":"expires_in is not of type string.","data":{"param":"expires_in"}}}}}'],
  ['expires_in unparseable', { expires_in: 'soon-ish' }, '{"code":"rest_invalid_param","message":"Invalid parameter(s): expires_in","data":{"status":400,"params":{"expires_in":"Invalid expires_in value"},"details":{"expires_in":{"code":"rest_invalid_param","message":"Invalid expires_in value","data":{"status":400}}}}}'],
  ['is_revocable not boolean', { is_revocable: 'maybe' }, '{"code":"rest_invalid_param","message":"Invalid parameter(s): is_revocable","data":{"status":400,"params":{"is_revocable":"is_revocable is not of type boolean."},"details":{"is_revocable":{"code":"rest_invalid_type","message":"is_revocable is not of type boolean.","data":{"param":"is_revocable"}}}}}'],
  ['additional_claims scalar', { additional_claims: 'x' }, '{"code":"rest_invalid_param","message":"Invalid parameter(s): additional_claims","data":{"status":400,"params":{"additional_claims":"additional_claims is not of type object."},"details":{"additional_claims":{"code":"rest_invalid_type","message":"additional_claims is not of type object.","data":{"param":"additional_claims"}}}}}'],
];
for (const [name, body, want] of invalid) {
  test(`create 400: ${name}`, async () => {
    const r = await site.call('POST', J, { json: { user_id: 4, ...body }, token: admin });
    assert.equal(r.status, 400);
    assert.equal(r.body, want);
  });
}

test('WP booleans accept "TRUE", "0", 1; create without a valid user_id is 500', async () => {
  const r = await site.call('POST', J, { form: { user_id: '4', is_refreshable: 'TRUE', is_revocable: '0' }, token: admin });
  const c = decode(r.json().token).claims;
  assert.deepEqual([c.refreshable, c.revocable], [true, false]);
  for (const user_id of [undefined, 0, 'abc', 999]) {
    const bad = await site.call('POST', J, { json: user_id === undefined ? {} : { user_id }, token: admin });
    assert.equal(bad.status, 500);
    assert.equal(bad.body, ERR_500);
  }
});

test('GET {id}: full model, fields ignored; unknown id, "reset" and other users → 500', async () => {
  const t = await create();
  const r = await site.call('GET', `${J}/${t.id}?user_id=4&fields=token`, { token: admin });
  const m = r.json();
  assert.deepEqual(Object.keys(m), ['id', 'is_valid', 'claims', 'signed_url', 'token']);
  assert.deepEqual([m.id, m.is_valid, m.token], [t.id, true, t.token]);
  for (const path of [`${J}/nope?user_id=4`, `${J}/reset`, `${J}/${t.id}`]) {
    const bad = await site.call('GET', path, { token: admin });
    assert.equal(bad.status, 500);
    assert.equal(bad.body, ERR_500);
  }
});

test('GET {id}: the query string id wins over the path id', async () => {
  const t = await create();
  const r = await site.call('GET', `${J}/anything?user_id=4&id=${t.id}`, { token: admin });
  assert.equal(r.json().id, t.id);
});

test('WP_DEBUG unmasks the 500 message', async () => {
  const dbg = await openSite({ wpDebug: true });
  const r = await dbg.call('GET', `${J}/nope`, { token: dbg.mock.issueToken('admin') });
  assert.equal(r.body, '{"errors":{"rest_unexpected_error":["Token does not exist"]},"error_data":{"rest_unexpected_error":{"status":500,"details":{"trace":[]}}}}');
  await dbg.close();
});

test('DELETE {id}: model of the removed token; unknown → 404; own token without user_id → 500 and kept', async () => {
  const t = await create();
  const r = await site.call('DELETE', `${J}/${t.id}?user_id=4`, { token: admin });
  assert.equal(r.status, 200);
  assert.equal(r.json().is_valid, true);
  assert.equal((await site.call('DELETE', `${J}/${t.id}?user_id=4`, { token: admin })).body, NOT_FOUND);
  const own = decode(admin).claims.jti;
  const w = await site.call('DELETE', `${J}/${own}`, { token: admin });
  assert.equal(w.status, 500);
  assert.equal((await site.call('GET', `${J}?fields=id`, { token: admin })).json().length, 1);
});

test('reset: count, then 500 once the row is gone; empty-but-existing registry resets to 0', async () => {
  assert.equal((await site.call('POST', `${J}/reset?user_id=4`, { token: admin })).body, ERR_500);
  await create();
  await create();
  assert.equal((await site.call('PUT', `${J}/reset?user_id=4`, { token: admin })).body, '{"deleted_token_count":2}');
  assert.equal((await site.call('PATCH', `${J}/reset?user_id=4`, { token: admin })).status, 500);
  const t = await create();
  await site.call('DELETE', `${J}/${t.id}?user_id=4`, { token: admin });
  assert.equal((await site.call('POST', `${J}/reset?user_id=4`, { token: admin })).body, '{"deleted_token_count":0}');
  assert.equal((await site.call('POST', `${J}/reset`, { token: admin })).status, 500);
  assert.equal((await site.call('DELETE', `${J}/reset`, { token: admin })).body, NOT_FOUND);
});

const permissions: [string, number][] = [['admin', 200], ['manager', 200], ['subscriber1', 403]];
for (const [login, status] of permissions) {
  test(`permission: ${login} → ${status}`, async () => {
    assert.equal((await site.call('GET', J, { token: site.mock.issueToken(login) })).status, status);
  });
}

test('invalid bearer leaves the request anonymous → 401', async () => {
  const r = await site.call('GET', J, { token: 'garbage' });
  assert.equal(r.status, 401);
});
