import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0, decode, forge, openSite } from './helpers.js';

const J = '/wp-json/aam/v2/service/jwt';
const V = '/wp-json/aam/v2/jwt/validate';

test('testTokenRegistryPopulated: issuing a token adds exactly that token', async () => {
  const s = await openSite();
  const admin = s.mock.issueToken('admin');
  assert.equal((await s.call('GET', `${J}?fields=`, { token: admin })).body, `[{"token":"${admin}","":null}]`);
  await s.close();
});

test('testTokenRegistryOverflow: registry_size=1 evicts the first token', async () => {
  const s = await openSite({ registrySize: 1 });
  const first = s.mock.issueToken('admin');
  const second = s.mock.issueToken('admin');
  assert.equal((await s.call('POST', V, { json: { jwt: first } })).json().reason, 'Token has been revoked');
  assert.equal((await s.call('POST', V, { json: { jwt: second } })).status, 200);
  await s.close();
});

test('registry limit 10: the 11th login evicts the oldest (FIFO, order kept)', async () => {
  const s = await openSite();
  const tokens = Array.from({ length: 12 }, () => s.mock.issueToken('admin'));
  const listed = (await s.call('GET', `${J}?fields=id`, { token: tokens[11] })).json().map((x: { token: string }) => x.token);
  assert.deepEqual(listed, tokens.slice(2));
  await s.close();
});

test('testTokenRevoked: revoking removes the token from the registry', async () => {
  const s = await openSite();
  const a = s.mock.issueToken('admin');
  const b = s.mock.issueToken('admin');
  await s.call('POST', '/wp-json/aam/v2/jwt/revoke', { json: { jwt: a } });
  assert.deepEqual((await s.call('GET', J, { token: b })).json().map((x: { token: string }) => x.token), [b]);
  await s.close();
});

const ttls: [string, string | number, number][] = [
  ['testTokenCustomExpirationString: "1 hour"', '1 hour', 3600],
  ['testTokenCustomExpirationNumber: 20', 20, 20],
  ['default +24 hours', '+24 hours', 86400],
];
for (const [name, ttl, lifetime] of ttls) {
  test(name, async () => {
    const s = await openSite({ ttl });
    const c = decode(s.mock.issueToken('admin')).claims;
    assert.equal(c.iat, T0);
    assert.equal(c.exp - c.iat, lifetime);
    await s.close();
  });
}

test('testTokenCustomSigningAlg: HS512 → header alg HS512', async () => {
  const s = await openSite({ algorithm: 'HS512' });
  const t = s.mock.issueToken('admin');
  assert.equal(decode(t).header, '{"typ":"JWT","alg":"HS512"}');
  assert.equal((await s.call('POST', V, { json: { jwt: t } })).status, 200);
  await s.close();
});

test('testTokenCustomSigningSecret: secret "123" → issued token validates, foreign ones do not', async () => {
  const s = await openSite({ secret: '123' });
  assert.equal((await s.call('POST', V, { json: { jwt: s.mock.issueToken('admin') } })).status, 200);
  const claims = { iat: T0, exp: T0 + 60, userId: 1, revocable: false };
  assert.equal((await s.call('POST', V, { json: { jwt: forge(claims, { secret: '123' }) } })).status, 200);
  assert.equal((await s.call('POST', V, { json: { jwt: forge(claims, { secret: 'x' }) } })).json().reason, 'Invalid token signature');
  await s.close();
});

test('RS256 with PEM keys signs and verifies; HS256 tokens still verify with the secret', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const s = await openSite({
    algorithm: 'RS256',
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  const t = s.mock.issueToken('admin');
  assert.equal(decode(t).header, '{"typ":"JWT","alg":"RS256"}');
  assert.equal((await s.call('GET', J, { token: t })).status, 200);
  assert.equal((await s.call('POST', V, { json: { jwt: forge({ userId: 1, revocable: false }) } })).status, 200);
  await s.close();
});

test('isRevocableDefault=false makes REST-created tokens non-revocable', async () => {
  const s = await openSite({ isRevocableDefault: false });
  const r = await s.call('POST', J, { json: { user_id: 1 }, token: s.mock.issueToken('admin') });
  assert.equal(decode(r.json().token).claims.revocable, false);
  await s.close();
});
