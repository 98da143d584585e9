import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeys } from '../../mock/jwt/keys.js';
import { JwtManager } from '../../mock/jwt/manager.js';
import { SignatureVerifier } from '../../mock/jwt/verifier.js';
import { PhpObject } from '../../mock/php/values.js';
import type { PhpValue } from '../../mock/php/values.js';
import { SECRET, SITE, T0, forge, openSite } from './helpers.js';

const V = '/wp-json/aam/v2/jwt/validate';
const J = '/wp-json/aam/v2/service/jwt';
const claims = { iat: T0, iss: SITE, exp: T0 + 3600, jti: 'j', userId: 1, revocable: false, refreshable: false };

function manager(clock: { seconds: number }, secret = SECRET, signatureCacheSize?: number): JwtManager {
  return new JwtManager({ keys: createKeys('HS256', secret), siteUrl: SITE, ttl: 3600, now: () => clock.seconds * 1000, signatureCacheSize });
}

test('signature cache: a verified token string is remembered once; failures are not remembered', async () => {
  const v = new SignatureVerifier(createKeys('HS256', SECRET));
  const good = forge(claims);
  assert.equal(await v.verify(good, 'HS256'), true);
  assert.equal(v.cacheSize, 1);
  assert.equal(await v.verify(good, 'HS256'), true);
  assert.equal(v.cacheSize, 1);
  const tampered = `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`;
  assert.equal(await v.verify(tampered, 'HS256'), false);
  assert.equal(await v.verify(forge(claims, { secret: 'other' }), 'HS256'), false);
  assert.equal(v.cacheSize, 1);
});

test('signature cache: another key never hits it (same token string, different secret)', async () => {
  const token = forge(claims);
  const mine = new SignatureVerifier(createKeys('HS256', SECRET));
  const theirs = new SignatureVerifier(createKeys('HS256', 'another-secret'));
  assert.equal(await mine.verify(token, 'HS256'), true);
  assert.equal(await theirs.verify(token, 'HS256'), false);
  assert.equal(theirs.cacheSize, 0);
  // and over HTTP: a token cached as verified by one site is rejected by a site with another secret
  const a = await openSite();
  const b = await openSite({ secret: 'another-secret' });
  const issued = a.mock.issueToken('admin');
  assert.equal((await a.call('POST', V, { json: { jwt: issued } })).status, 200);
  const r = await b.call('POST', V, { json: { jwt: issued } });
  assert.equal(r.status, 400);
  assert.equal(r.json().reason, 'Invalid token signature');
  await a.close();
  await b.close();
});

test('signature cache: the alg is part of the entry (an RS256 site does not reuse an HS256 verification)', async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const keys = createKeys('RS256', SECRET, pem);
  const v = new SignatureVerifier(keys);
  const hs = forge(claims);
  assert.equal(await v.verify(hs, 'HS256'), true, 'HS* tokens still verify with the secret on an RS* site');
  assert.equal(await v.verify(hs, 'RS256'), false);
  assert.equal(v.cacheSize, 1);
});

test('signature cache: bounded, least recently used entry goes first', async () => {
  const v = new SignatureVerifier(createKeys('HS256', SECRET), 2);
  const [a, b, c] = ['a', 'b', 'c'].map((jti) => forge({ ...claims, jti }));
  assert.ok(a && b && c);
  await v.verify(a, 'HS256');
  await v.verify(b, 'HS256');
  await v.verify(a, 'HS256'); // a is now the most recent
  await v.verify(c, 'HS256'); // evicts b
  assert.equal(v.cacheSize, 2);
  for (const t of [a, b, c]) assert.equal(await v.verify(t, 'HS256'), true);
  const none = new SignatureVerifier(createKeys('HS256', SECRET), 0);
  assert.equal(await none.verify(a, 'HS256'), true);
  assert.equal(none.cacheSize, 0);
});

test('signature cache: an expired token fails after being cached as verified (time checks run every time)', async () => {
  const clock = { seconds: T0 };
  const jwt = manager(clock);
  const token = jwt.issue(new Map<string, PhpValue>([['userId', 1]])).token;
  const first = await jwt.check(token);
  assert.equal(first.valid, true);
  assert.equal(jwt.verifier.cacheSize, 1);
  clock.seconds = T0 + 3600;
  const later = await jwt.check(token);
  assert.deepEqual(later.valid ? 'valid' : later.error, 'Expired token');
  assert.ok(!later.valid && later.claims instanceof PhpObject);
  clock.seconds = T0 - 10; // iat in the future again
  const before = await jwt.check(token);
  assert.equal(before.valid ? 'valid' : before.error, `Cannot handle token prior to 2026-01-01T00:00:00+00:00`);
});

test('signature cache: revoked, evicted and reset tokens still fail after being cached (registry check runs every time)', async () => {
  const s = await openSite({ registrySize: 2 });
  const admin = s.mock.issueToken('admin');
  const other = s.mock.issueToken('admin');
  for (const t of [admin, other]) assert.equal((await s.call('POST', V, { json: { jwt: t } })).status, 200);
  assert.equal((await s.call('GET', `${J}?fields=id`, { token: other })).status, 200);
  // revoke: the same, already verified string is now refused, as a bearer token too
  assert.equal((await s.call('POST', '/wp-json/aam/v2/jwt/revoke', { json: { jwt: other } })).status, 200);
  assert.equal((await s.call('POST', V, { json: { jwt: other } })).json().reason, 'Token has been revoked');
  assert.equal((await s.call('GET', `${J}?fields=id`, { token: other })).status, 401);
  // eviction by overflow
  s.mock.issueToken('admin');
  s.mock.issueToken('admin');
  assert.equal((await s.call('POST', V, { json: { jwt: admin } })).json().reason, 'Token has been revoked');
  // expiry over HTTP
  const fresh = s.mock.issueToken('admin');
  assert.equal((await s.call('POST', V, { json: { jwt: fresh } })).status, 200);
  s.clock.seconds += 24 * 3600;
  const expired = await s.call('POST', V, { json: { jwt: fresh } });
  assert.equal(expired.json().reason, 'Expired token');
  assert.equal((await s.call('GET', `${J}?fields=id`, { token: fresh })).status, 401);
  await s.close();
});
