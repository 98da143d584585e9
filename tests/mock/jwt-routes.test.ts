import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { T0, decode, forge, openSite } from './helpers.js';
import type { TestSite } from './helpers.js';

let site: TestSite;
beforeEach(async () => {
  await site?.close();
  site = await openSite();
});
after(() => site.close());

const V = '/wp-json/aam/v2/jwt/validate';
const fail = (reason: string): string => `{"code":"rest_jwt_validation_failure","reason":${JSON.stringify(reason)}}`;
const b64 = (s: string): string => Buffer.from(s).toString('base64url');
const base = { iat: T0, iss: 'http://127.0.0.1:8080', exp: T0 + 3600, jti: 'j', userId: 1, revocable: false, refreshable: false };

const messages: [string, () => string | undefined, string][] = [
  ['missing jwt', () => undefined, 'Wrong number of segments'],
  ['two segments', () => 'a.b', 'Wrong number of segments'],
  ['header not JSON', () => `${b64('{x')}.e30.sig`, 'Failed to decode JSON with error 4'],
  ['header with a control character', () => `${b64('{"a":"\u0001"}')}.e30.sig`, 'Failed to decode JSON with error 3'],
  ['header not an object', () => `${b64('"x"')}.e30.sig`, 'Unexpected segment value'],
  ['empty alg', () => `${b64('{"typ":"JWT"}')}.e30.sig`, 'Empty algorithm'],
  ['lower-case alg', () => `${b64('{"alg":"hs256"}')}.e30.sig`, 'Algorithm not supported'],
  ['alg none', () => `${b64('{"alg":"none"}')}.e30.`, 'Algorithm not supported'],
  ['bad signature before a garbage payload', () => `${b64('{"alg":"HS256"}')}.garbage.sig`, 'Invalid token signature'],
  ['wrong secret', () => forge(base, { secret: 'other' }), 'Invalid token signature'],
  ['payload not JSON, signature fine', () => forge('{nope'), 'Failed to decode JSON with error 4'],
  ['nbf in the future', () => forge({ ...base, nbf: Date.UTC(2026, 10, 28, 6, 23, 44) / 1000 }), 'Cannot handle token prior to 2026-11-28T06:23:44+00:00'],
  ['iat in the future', () => forge({ ...base, iat: T0 + 60 }), `Cannot handle token prior to 2026-01-01T00:01:00+00:00`],
  ['expired (exp 2018-01-01)', () => forge({ ...base, exp: Date.UTC(2018, 0, 1) / 1000 }), 'Expired token'],
  ['exp equal to now', () => forge({ ...base, exp: T0 }), 'Expired token'],
  ['revocable token never registered', () => forge({ ...base, revocable: true }), 'Token has been revoked'],
];
for (const [name, token, reason] of messages) {
  test(`validate 400: ${name} → ${reason}`, async () => {
    const jwt = token();
    const r = await site.call('POST', V, { json: jwt === undefined ? {} : { jwt } });
    assert.equal(r.status, 400);
    assert.equal(r.body, fail(reason));
  });
}

test('validate: a non-revocable token not in any registry is valid; claims echoed with \\/', async () => {
  const r = await site.call('POST', V, { json: { jwt: forge(base) } });
  assert.equal(r.status, 200);
  assert.equal(r.body, `{"iat":${T0},"iss":"http:\\/\\/127.0.0.1:8080","exp":${T0 + 3600},"jti":"j","userId":1,"revocable":false,"refreshable":false}`);
});

test('validate: an HS512 token is accepted by an HS256 site (token alg picks the hash)', async () => {
  assert.equal((await site.call('POST', V, { json: { jwt: forge(base, { alg: 'HS512' }) } })).status, 200);
});

test('validate: "Bearer " is not stripped; v1 route is identical; non-string jwt → 400 shape A', async () => {
  const t = site.mock.issueToken('admin');
  // "Bearer eyJ0…" decodes (PHP's lenient base64) to bytes starting with a control character: PHP's JSON
  // scanner reports JSON_ERROR_CTRL_CHAR (3), as the real 6.9.32 site does (compare run, seed 1)
  assert.equal((await site.call('POST', V, { json: { jwt: `Bearer ${t}` } })).body, fail('Failed to decode JSON with error 3'));
  const v2 = await site.call('POST', V, { form: { jwt: t } });
  const v1 = await site.call('POST', '/wp-json/aam/v1/validate-jwt', { form: { jwt: t } });
  assert.equal(v2.status, 200);
  assert.equal(v1.body, v2.body);
  const n = await site.call('POST', V, { json: { jwt: 5 } });
  assert.equal(n.body, '{"code":"rest_invalid_param","message":"Invalid parameter(s): jwt","data":{"status":400,"params":{"jwt":"jwt is not of type string."},"details":{"jwt":{"code":"rest_invalid_type","message":"jwt is not of type string.","data":{"param":"jwt"}}}}}');
  assert.equal((await site.call('POST', `${V}?jwt=${t}`)).status, 200, 'body params are also read from the query string');
});

test('refresh: registered refreshable token → new token with the same lifetime, old one revoked', async () => {
  const admin = site.mock.issueToken('admin');
  const created = (await site.call('POST', '/wp-json/aam/v2/service/jwt', { json: { user_id: 1, is_refreshable: true, expires_in: '+2 hours', additional_claims: { x: 1 } }, token: admin })).json();
  site.clock.seconds += 100;
  const r = await site.call('POST', '/wp-json/aam/v2/jwt/refresh', { json: { jwt: created.token } });
  assert.equal(r.status, 200);
  const body = r.json();
  assert.deepEqual(Object.keys(body), ['token', 'token_expires']);
  assert.equal(body.token_expires, T0 + 100 + 7200);
  assert.deepEqual(Object.keys(decode(body.token).claims), ['iat', 'iss', 'exp', 'jti', 'userId', 'revocable', 'refreshable']);
  assert.equal((await site.call('POST', V, { json: { jwt: created.token } })).body, fail('Token has been revoked'));
  assert.equal((await site.call('POST', '/wp-json/aam/v1/refresh-jwt', { json: { jwt: body.token } })).status, 200);
});

const refreshFailures: [string, () => string, number, string][] = [
  ['invalid token', () => 'invalid-token', 400, fail('Wrong number of segments')],
  ['expired refreshable', () => forge({ ...base, refreshable: true, exp: T0 - 1 }), 400, fail('Expired token')],
  ['not refreshable', () => forge(base), 405, fail('JWT token is not refreshable')],
];
for (const [name, token, status, body] of refreshFailures) {
  test(`refresh ${status}: ${name}`, async () => {
    const r = await site.call('POST', '/wp-json/aam/v2/jwt/refresh', { json: { jwt: token() } });
    assert.equal(r.status, status);
    assert.equal(r.body, body);
  });
}

test('revoke: 200 then "Token has been revoked"; a non-revocable token outside an existing registry → 409', async () => {
  const t = site.mock.issueToken('admin');
  const R = '/wp-json/aam/v2/jwt/revoke';
  assert.equal((await site.call('POST', R, { json: { jwt: t } })).body, '{"message":"Token revoked successfully"}');
  assert.equal((await site.call('POST', R, { json: { jwt: t } })).body, fail('Token has been revoked'));
  assert.equal((await site.call('POST', R, { json: { jwt: forge(base) } })).body, '{"code":"rest_jwt_revoking_failure","reason":"Failed to revoke provided token"}');
  assert.equal((await site.call('POST', R, { json: { jwt: forge({ ...base, userId: 4 }) } })).status, 200, 'no registry row yet: the write creates one');
});

test('(measured on the real site) a crit header is not looked at: the signature alone decides', async () => {
  const table: Array<[string, string, number]> = [
    ['crit naming an unknown parameter', JSON.stringify({ typ: 'JWT', alg: 'HS256', crit: ['x'] }), 200],
    ['crit that is not an array', JSON.stringify({ typ: 'JWT', alg: 'HS256', crit: 'x' }), 200],
    ['crit with b64 false (the payload is still base64url)', JSON.stringify({ typ: 'JWT', alg: 'HS256', crit: ['b64'], b64: false }), 200],
  ];
  for (const [name, header, status] of table) {
    const r = await site.call('POST', V, { json: { jwt: forge(base, { header }) } });
    assert.equal(r.status, status, name);
  }
  const wrong = forge(base, { header: JSON.stringify({ typ: 'JWT', alg: 'HS256', crit: ['x'] }), secret: 'another secret' });
  assert.equal((await site.call('POST', V, { json: { jwt: wrong } })).body, fail('Invalid token signature'));
});
