/**
 * AAM 7.1.1's public routes in the mock: the deprecated `/aam/v2/jwt/{validate,refresh,revoke}`, `/aam/v2/authenticate`
 * (anonymous callers only) and how a request's user is determined from its token.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0, aamError, decode, forge, openSite, siteForEachTest } from './helpers.js';

const fx = siteForEachTest({ aamVersion: '7.1.1' });

const V = '/wp-json/aam/v2/jwt/validate';
const AUTH = '/wp-json/aam/v2/authenticate';
const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ jti: '11111111-2222-4333-8444-555555555555', revocable: false, refreshable: false, iat: T0 - 10, iss: 'x', exp: T0 + 3600, user_id: 4, ...extra });

async function create(body: Record<string, unknown>): Promise<any> {
  const r = await fx.site.call('POST', '/wp-json/aam/v2/jwts?user_id=4&fields=claims', { json: { expires_in: '+1 hour', ...body }, token: fx.admin });
  assert.equal(r.status, 200, r.body);
  return r.json();
}

const VALIDATE_CASES: [string, () => unknown, number, string][] = [
  ['no jwt', () => ({}), 400, aamError('rest_invalid_argument', 'Invalid JWT token', 400)],
  ['jwt "0"', () => ({ jwt: '0' }), 400, aamError('rest_invalid_argument', 'Invalid JWT token', 400)],
  ['not three segments', () => ({ jwt: 'garbage' }), 400, aamError('rest_invalid_argument', 'Wrong number of segments', 400)],
  ['payload not JSON', () => ({ jwt: 'aaa.bbb.ccc' }), 400, aamError('rest_invalid_argument', 'Failed to decode JSON: 4', 400)],
  ['payload a scalar', () => ({ jwt: forge('5') }), 400, aamError('rest_invalid_argument', 'Unexpected segment value', 400)],
  ['no owner claim', () => ({ jwt: forge({}) }), 400, aamError('rest_invalid_argument', 'Invalid user identifier', 400)],
  ['owner that does not exist', () => ({ jwt: forge(claims({ user_id: 999 })) }), 404, aamError('rest_not_found', 'Cannot find user by identifier 999', 404)],
  ['owner by login', () => ({ jwt: forge(claims({ user_id: 'jwt-target' })) }), 200, ''],
  ['signed with another key', () => ({ jwt: forge(claims(), { secret: 'other' }) }), 507, aamError('rest_insufficient_storage', 'Invalid token signature', 507)],
  ['header not JSON', () => ({ jwt: forge(claims(), { header: '{bad' }) }), 507, aamError('rest_insufficient_storage', 'Failed to decode JSON: 4', 507)],
  ['no alg', () => ({ jwt: forge(claims(), { header: '{"typ":"JWT"}' }) }), 507, aamError('rest_insufficient_storage', 'Empty algorithm', 507)],
  ['alg none', () => ({ jwt: forge(claims(), { header: '{"typ":"JWT","alg":"none"}' }) }), 507, aamError('rest_insufficient_storage', 'Algorithm not supported', 507)],
  ['EdDSA (short signature)', () => ({ jwt: forge(claims(), { header: '{"typ":"JWT","alg":"EdDSA"}' }) }), 507,
    aamError('rest_insufficient_storage', 'sodium_crypto_sign_verify_detached(): Argument #1 ($signature) must be SODIUM_CRYPTO_SIGN_BYTES bytes long', 507)],
  ['nbf in the future', () => ({ jwt: forge(claims({ nbf: 4102444800 })) }), 507, aamError('rest_insufficient_storage', 'Cannot take token prior to 2100-01-01T00:00:00+00:00', 507)],
  ['expired', () => ({ jwt: forge(claims({ exp: T0 })) }), 507, aamError('rest_insufficient_storage', 'Expired token', 507)],
  ['revocable but not registered', () => ({ jwt: forge(claims({ revocable: true })) }), 507, aamError('rest_insufficient_storage', 'Unregistered token', 507)],
  ['Bearer prefix', () => ({ jwt: `Bearer ${fx.admin}` }), 507, aamError('rest_insufficient_storage', 'Failed to decode JSON: 3', 507)],
  ['jwt a number', () => ({ jwt: 123 }), 400, '{"code":"rest_invalid_param","message":"Invalid parameter(s): jwt","data":{"status":400,"params":{"jwt":"jwt is not of type string."},"details":{"jwt":{"code":"rest_invalid_type","message":"jwt is not of type string.","data":{"param":"jwt"}}}}}'],
];
for (const [name, body, status, want] of VALIDATE_CASES) {
  test(`validate: ${name} → ${status}`, async () => {
    const r = await fx.site.call('POST', V, { json: body() });
    assert.equal(r.status, status, r.body);
    if (want !== '') assert.equal(r.body, want);
    assert.equal(r.headers.get('allow'), 'POST, PUT, PATCH');
  });
}

test('validate answers the decoded claims for POST, PUT and PATCH; GET is no route', async () => {
  for (const method of ['POST', 'PUT', 'PATCH']) {
    const r = await fx.site.call(method, V, { json: { jwt: fx.admin } });
    assert.equal(r.body, decode(fx.admin).payload.replaceAll('/', '\\/'));
  }
  assert.equal((await fx.site.call('GET', V)).status, 404);
  // for a JWT manager a GET reaches /jwt/{id} (id "validate" is no UUID)
  assert.equal((await fx.site.call('GET', `${V}?user_id=4`, { token: fx.admin })).json().data.details.id.code, 'rest_invalid_uuid');
});

test('refresh: same jti and claims with rat; old token revoked; not refreshable → 409', async () => {
  const t = await create({ is_refreshable: true, additional_claims: { team: 'a' } });
  fx.site.clock.seconds += 5;
  const r = await fx.site.call('POST', '/wp-json/aam/v2/jwt/refresh', { json: { jwt: t.token } });
  assert.deepEqual(Object.keys(r.json()), ['token', 'claims']);
  assert.deepEqual([r.json().claims.jti, r.json().claims.team, r.json().claims.rat], [t.id, 'a', T0 + 5]);
  assert.equal((await fx.site.call('POST', V, { json: { jwt: t.token } })).status, 507);
  assert.equal((await fx.site.call('POST', V, { json: { jwt: r.json().token } })).status, 200);
  const plain = await create({});
  assert.equal((await fx.site.call('PATCH', '/wp-json/aam/v2/jwt/refresh', { json: { jwt: plain.token } })).body, aamError('rest_workflow_error', 'The given token is not refreshable', 409));
});

test('revoke: 200, then 507; a non-revocable token is a 404 and keeps working', async () => {
  const t = await create({});
  assert.equal((await fx.site.call('PUT', '/wp-json/aam/v2/jwt/revoke', { json: { jwt: t.token } })).body, '{"message":"Token revoked successfully"}');
  assert.equal((await fx.site.call('POST', '/wp-json/aam/v2/jwt/revoke', { json: { jwt: t.token } })).status, 507);
  const nr = await create({ is_revocable: false });
  assert.equal((await fx.site.call('POST', '/wp-json/aam/v2/jwt/revoke', { json: { jwt: nr.token } })).body, aamError('rest_not_found', 'Provided token is not registered', 404));
  assert.equal((await fx.site.call('POST', V, { json: { jwt: nr.token } })).status, 200);
});

test('the owner is claim userId before user_id: a non-revocable token with userId 1 authenticates as user 1', async () => {
  const nr = await create({ is_revocable: false, additional_claims: { userId: 1 } });
  assert.equal((await fx.site.call('GET', '/wp-json/aam/v2/jwts?user_id=4', { token: nr.token })).status, 200);
  const revocable = await create({ additional_claims: { userId: 1 } });
  assert.equal((await fx.site.call('GET', '/wp-json/aam/v2/jwts?user_id=4', { token: revocable.token })).status, 404);
  assert.equal((await fx.site.call('POST', V, { json: { jwt: revocable.token } })).status, 507);
  const nobody = await create({ additional_claims: { userId: 0 } });
  assert.equal((await fx.site.call('POST', V, { json: { jwt: nobody.token } })).body, aamError('rest_not_found', 'Cannot find user by identifier 0', 404));
});

test('token transport: Authorization with or without Bearer, Authentication, the aam-jwt form field and cookie', async () => {
  const list = '/wp-json/aam/v2/jwts?user_id=4';
  const ok: Record<string, string>[] = [{ Authorization: fx.admin }, { Authentication: `Bearer ${fx.admin}` }, { Cookie: `aam_jwt_token=${fx.admin}` }];
  for (const headers of ok) assert.equal((await fx.site.call('GET', list, { headers })).status, 200, JSON.stringify(Object.keys(headers)));
  const anonymous: Record<string, string>[] = [{ Authorization: `bearer ${fx.admin}` }, { Authorization: `Bearer  ${fx.admin}` }, { Cookie: `aam_jwt_token=${fx.admin}`, Authorization: 'Bearer x' }];
  for (const headers of anonymous) assert.equal((await fx.site.call('GET', list, { headers })).status, 404);
  assert.equal((await fx.site.call('POST', list, { form: { 'aam-jwt': fx.admin, expires_in: '+1 hour' } })).status, 200);
  fx.site.clock.seconds += 86400;
  assert.equal((await fx.site.call('GET', list, { token: fx.admin })).status, 404, 'the login token expired');
});

test('authenticate: anonymous callers only; ID and fields first, then jwt', async () => {
  const r = await fx.site.call('POST', `${AUTH}?fields=user_login,display_name,roles,caps,user_level,nope,ID`, { json: { username: 'manager', password: 'manager', issue_jwt: true } });
  assert.deepEqual(Object.keys(r.json()), ['ID', 'user_login', 'display_name', 'roles', 'caps', 'user_level', 'jwt']);
  assert.deepEqual([r.json().ID, r.json().roles, r.json().caps, r.json().user_level], [2, ['editor'], { editor: true, aam_manager: true, aam_manage_jwt: true }, '7']);
  assert.deepEqual(Object.keys(decode(r.json().jwt.token).claims), ['jti', 'revocable', 'refreshable', 'iat', 'iss', 'exp', 'user_id']);
  assert.equal(r.json().jwt.token_expires, T0 + 86400);
  assert.equal((await fx.site.call('POST', AUTH, { json: { username: 'admin', password: 'admin' }, token: fx.admin })).status, 404);
});

const AUTH_CASES: [string, Record<string, unknown>, number, (body: any) => void][] = [
  ['no token asked for', { issue_jwt: 0 }, 200, (b) => assert.deepEqual(b, { ID: 3 })],
  ['"false" is PHP-truthy', { issue_jwt: 'false' }, 200, (b) => assert.equal(typeof b.jwt.token, 'string')],
  ['a subscriber gets a refreshable token', { issue_refreshable_jwt: true }, 200, (b) => assert.equal(decode(b.jwt.token).claims.refreshable, true)],
  ['the 6.x names', { issueJWT: true, refreshableJWT: true }, 200, (b) => assert.equal(decode(b.jwt.token).claims.refreshable, true)],
  ['a refreshable flag that is no boolean fails silently', { issue_jwt: true, issue_refreshable_jwt: 'true' }, 200, (b) => assert.deepEqual(b.jwt, { token: null, token_expires: null })],
  ['remember "yes"', { remember: 'yes' }, 400, (b) => assert.equal(b.data.params.remember, 'remember is not of type boolean.')],
];
for (const [name, extra, status, check] of AUTH_CASES) {
  test(`authenticate: ${name}`, async () => {
    const r = await fx.site.call('POST', AUTH, { json: { username: 'subscriber1', password: 'subscriber1', ...extra } });
    assert.equal(r.status, status, r.body);
    check(r.json());
  });
}

test('authenticate failures: 401 with WordPress\' message, 400 for missing parameters', async () => {
  const wrong = await fx.site.call('POST', AUTH, { json: { username: 'admin', password: 'x' } });
  assert.equal(wrong.status, 401);
  assert.match(wrong.json().errors.rest_unauthorized[0], /^<strong>Error:<\/strong> The password you entered for the username <strong>admin<\/strong> is incorrect\./);
  assert.equal((await fx.site.call('POST', AUTH, { json: { username: 'nobody@example.org', password: 'x' } })).json().errors.rest_unauthorized[0], 'Unknown email address. Check again or try your username.');
  assert.equal((await fx.site.call('POST', AUTH, { json: {} })).body, '{"code":"rest_missing_callback_param","message":"Missing parameter(s): username, password","data":{"status":400,"params":["username","password"]}}');
});

test('authenticate: fields=wp_aam_jwt_registry returns the caller\'s own registry; cookies only with return_auth_cookies', async () => {
  const r = await fx.site.call('POST', `${AUTH}?fields=wp_aam_jwt_registry`, { json: { username: 'admin', password: 'admin', return_auth_cookies: true } });
  assert.deepEqual(r.json().wp_aam_jwt_registry, [fx.admin]);
  assert.equal(r.headers.getSetCookie().length, 3);
  const quiet = await fx.site.call('POST', AUTH, { json: { username: 'admin', password: 'admin', returnAuthCookies: true } });
  assert.equal(quiet.headers.getSetCookie().length, 0);
});

test('WP_DEBUG adds the deprecation headers of the public routes and the 6.x login parameters', async () => {
  await fx.reopen({ wpDebug: true });
  const v = await fx.site.call('POST', V, { json: { jwt: fx.admin } });
  assert.equal(v.headers.get('x-wp-deprecatedfunction'), '/aam/v2/jwt/validate (since 7.1.1; use Deprecated /jwt/validate REST API endpoint will be removed in 7.5.0 instead)');
  const a = await fx.site.call('POST', AUTH, { json: { username: 'admin', password: 'admin', issueJWT: true } });
  assert.equal(a.headers.get('x-wp-deprecatedparam'), '/authenticate (since 7.1.1; The REST issueJWT parameter is deprecated. Replace it with issue_jwt)');
  const bad = await fx.site.call('POST', V, { json: { jwt: 'garbage' } });
  assert.deepEqual(bad.json().error_data.rest_invalid_argument, { status: 400, details: { trace: [] } });
});

test('the theme\'s 404 page: AAM\'s "Manager Access" toolbar item for the administrator, not for a user holding aam_manager directly (compare, seed 1, #433)', async () => {
  const item = "<li id='wp-admin-bar-aam'>";
  const admin = await fx.site.call('GET', '/no-such-page', { token: fx.admin });
  assert.equal(admin.status, 404);
  assert.ok(admin.body.includes(item));
  const manager = await fx.site.call('GET', '/no-such-page', { token: fx.site.mock.issueToken('manager') });
  assert.equal(manager.status, 404);
  assert.ok(manager.body.includes("<li id='wp-admin-bar-dashboard'>") && !manager.body.includes(item));
  const on6951 = await openSite({ aamVersion: '6.9.51' });
  try {
    const r = await on6951.call('GET', '/no-such-page', { token: on6951.mock.issueToken('manager') });
    assert.ok(r.body.includes(item), '6.9.x counts the caps given to the user');
  } finally {
    await on6951.close();
  }
});

test('the aam/v2 index: a route registered in PHP\'s regex spelling describes itself without _links, like WordPress (measured on the real 7.1.1 site)', async () => {
  const index = await fx.site.call('GET', '/wp-json/aam/v2', { token: fx.admin });
  assert.equal(index.status, 200);
  const routes = index.json().routes as Record<string, Record<string, unknown>>;
  assert.ok('_links' in (routes['/aam/v2/jwts'] ?? {}));
  assert.ok('/aam/v2/jwt/(?P<id>[\\w\\-]+)' in routes);
  assert.ok(!('_links' in (routes['/aam/v2/jwt/(?P<id>[\\w\\-]+)'] ?? { _links: true })));
});
