import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanUp, listRegistries, type Party } from '../../runner/cleanup.js';
import { readClaims, tokenLabel } from '../../runner/jwt-claims.js';
import type { RunObservations } from '../../runner/run-observer.js';
import { createSiteHttp, type HttpAnswer } from '../../runner/site-api/http.js';
import { adapterFor, type GenerationAdapter } from '../../runner/site-api/index.js';
import { createSiteApi } from '../../runner/site-api/site-api.js';
import { fakeToken, startFakeSite, type FakeAnswer, type FakeRequest } from './fake-site.js';

function answer(status: number, body: unknown): HttpAnswer {
  const text = JSON.stringify(body);
  return { url: 'http://x', status, headers: new Headers(), contentType: 'application/json', text, json: body };
}
const adapter = (version: string): GenerationAdapter => adapterFor(version) ?? assert.fail(`no adapter ${version}`);

// The requests each generation's adapter sends (routes from the real sites and the transcripts).
const requests: Array<[string, (a: GenerationAdapter) => unknown, unknown]> = [
  ['6.9.32', (a) => a.list('3'), { method: 'GET', route: '/aam/v2/service/jwt', query: { user_id: '3', fields: 'id,is_valid' } }],
  ['6.9.32', (a) => a.remove('3', 'ab-1'), { method: 'DELETE', route: '/aam/v2/service/jwt/ab-1', query: { user_id: '3' } }],
  ['6.9.32', (a) => a.reset('3'), { method: 'POST', route: '/aam/v2/service/jwt/reset', query: { user_id: '3' } }],
  ['6.9.51', (a) => a.list('3'), { method: 'GET', route: '/aam/v2/service/jwts', query: { user_id: '3', fields: 'is_valid' } }],
  ['6.9.51', (a) => a.remove('3', 'ab-1'), { method: 'DELETE', route: '/aam/v2/service/jwt/ab-1', query: { user_id: '3' } }],
  ['6.9.51', (a) => a.reset('3'), { method: 'DELETE', route: '/aam/v2/service/jwts', query: { user_id: '3' } }],
  ['7.1.1', (a) => a.list('3'), { method: 'GET', route: '/aam/v2/jwts', query: { user_id: '3' } }],
  ['7.1.1', (a) => a.remove('3', 'ab-1'), { method: 'DELETE', route: '/aam/v2/jwt/ab-1', query: { user_id: '3' } }],
  ['7.1.1', (a) => a.reset('3'), { method: 'DELETE', route: '/aam/v2/jwts', query: { user_id: '3' } }],
  ['7.1.1', (a) => a.revoke('t'), { method: 'POST', route: '/aam/v2/jwt/revoke', json: { jwt: 't' } }],
];
for (const [version, build, want] of requests) {
  test(`adapter ${version}: ${JSON.stringify(want)}`, () => {
    assert.deepEqual(build(adapter(version)), want);
  });
}

// Answers as the real sites give them (transcripts), and what the adapters make of them.
const revokes: Array<[string, number, unknown, string]> = [
  ['6.9.32', 200, { message: 'Token revoked successfully' }, 'revoked'],
  ['6.9.32', 400, { code: 'rest_jwt_validation_failure', reason: 'Token has been revoked' }, 'already-invalid'],
  ['6.9.32', 409, { code: 'rest_jwt_revoking_failure', reason: 'Failed to revoke provided token' }, 'not-revocable'],
  ['6.9.51', 409, { code: 'rest_jwt_revoking_failure', reason: 'Failed to revoke provided token' }, 'not-revocable'],
  ['7.1.1', 200, { message: 'Token revoked successfully' }, 'revoked'],
  ['7.1.1', 507, { errors: { rest_insufficient_storage: ['Unregistered token'] }, error_data: { rest_insufficient_storage: { status: 507 } } }, 'already-invalid'],
  ['7.1.1', 404, { errors: { rest_not_found: ['Provided token is not registered'] }, error_data: { rest_not_found: { status: 404 } } }, 'not-revocable'],
  ['7.1.1', 500, { code: 'internal_server_error' }, 'failed'],
];
for (const [version, status, body, want] of revokes) {
  test(`adapter ${version}: revoke answered ${status} is ${want}`, () => {
    assert.equal(adapter(version).classifyRevoke(answer(status, body)), want);
  });
}

const lists: Array<[string, HttpAnswer, unknown]> = [
  ['6.9.32', answer(200, [{ token: 'T1', id: 'i1', is_valid: true }]), [{ id: 'i1', token: 'T1', valid: true }]],
  ['6.9.51', answer(200, [{ id: 'i1', token: 'T1', is_valid: false }]), [{ id: 'i1', token: 'T1', valid: false }]],
  ['7.1.1', answer(200, [{ id: 'i1', token: 'T1', is_valid: false, error: 'Expired token' }, { id: 'i2', token: 'T2', is_valid: true, description: 'd' }]), [{ id: 'i1', token: 'T1', valid: false }, { id: 'i2', token: 'T2', valid: true }]],
  ['6.9.32', answer(403, { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 403 } }), undefined],
  ['7.1.1', answer(404, { code: 'rest_no_route' }), undefined],
  ['6.9.32', answer(200, [{ token: 'T1', '': null }]), undefined],
];
for (const [version, given, want] of lists) {
  test(`adapter ${version}: list ${given.status} ${given.text.slice(0, 40)}`, () => {
    assert.deepEqual(adapter(version).parseList(given), want);
  });
}

/**
 * A fake site with AAM's token registry, answering in the shapes of 6.9.51 or 7.x (from the transcripts), so the
 * clean-up of those generations runs over HTTP before their collections exist.
 */
function fakeRegistry(version: '6.9.51' | '7.1.1', registries: Map<string, string[]>): (req: FakeRequest) => FakeAnswer {
  const seven = version === '7.1.1';
  const collection = seven ? '/wp-json/aam/v2/jwts' : '/wp-json/aam/v2/service/jwts';
  const item = seven ? /^\/wp-json\/aam\/v2\/jwt\/([\w-]+)$/ : /^\/wp-json\/aam\/v2\/service\/jwt\/([\dA-Za-z-]+)$/;
  const wpError = (code: string, message: string, status: number): FakeAnswer => ({ status, body: { errors: { [code]: [message] }, error_data: { [code]: { status } } } });
  const jti = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { jti: string }).jti;
  return (req) => {
    const user = req.query.get('user_id');
    if (seven && user === null && (req.path === collection || item.test(req.path))) return { status: 400, body: { code: 'rest_invalid_argument', message: 'Invalid user identifier', data: { status: 400 } } };
    const list = registries.get(user ?? '0') ?? [];
    if (req.path === collection && req.method === 'GET') return { status: 200, body: list.map((token) => ({ id: jti(token), token, is_valid: true })) };
    if (req.path === collection && req.method === 'DELETE') {
      registries.set(user ?? '0', []);
      if (seven) return { status: 200, body: { success: list.length > 0 } };
      return list.length > 0 ? { status: 200, body: [] } : wpError('rest_insufficient_storage', 'Failed to reset tokens', 507);
    }
    const id = item.exec(req.path)?.[1];
    if (id !== undefined && req.method === 'DELETE') {
      const left = list.filter((token) => jti(token) !== id);
      if (left.length === list.length) return wpError('rest_not_found', 'Token does not exist', 404);
      registries.set(user ?? '0', left);
      return { status: 200, body: { success: true } };
    }
    if (req.path === '/wp-json/aam/v2/jwt/revoke' && req.method === 'POST') {
      const token = (JSON.parse(req.body) as { jwt: string }).jwt;
      for (const [owner, tokens] of registries) {
        if (tokens.includes(token)) {
          registries.set(owner, tokens.filter((t) => t !== token));
          return { status: 200, body: { message: 'Token revoked successfully' } };
        }
      }
      return seven ? wpError('rest_insufficient_storage', 'Unregistered token', 507) : { status: 400, body: { code: 'rest_jwt_validation_failure', reason: 'Token has been revoked' } };
    }
    return { status: 404, body: { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } } };
  };
}

const NOW = 1_800_000_000;
/** A token with the claims (and claim order) of the generation. */
function claimsToken(version: string, jti: string, user: number, iat = NOW + 10): string {
  return fakeToken(version === '7.1.1' ? { jti, revocable: true, refreshable: false, iat, exp: NOW + 86_400, user_id: user } : { iat, exp: NOW + 86_400, jti, userId: user, revocable: true, refreshable: false });
}

for (const version of ['6.9.51', '7.1.1'] as const) {
  test(`clean-up on a fake AAM ${version} site: the run's tokens go, the integration's stay, the target is reset`, async () => {
    const token = (jti: string, user: number, iat?: number): string => claimsToken(version, `${jti}`, user, iat);
    const integration = token(`integration`, 1, NOW - 3600);
    const runLogin = token(`run-login`, 1);
    const foreign = token(`someone-else`, 1);
    const unprivileged = [token(`sub-a`, 2), token(`sub-b`, 2)];
    const targetTokens = [token(`target-a`, 3), token(`target-b`, 3)];
    const registries = new Map<string, string[]>([['1', [integration]], ['2', []], ['3', []]]);
    const site = await startFakeSite(fakeRegistry(version, registries));
    try {
      const api = createSiteApi(createSiteHttp({ url: `${site.url}/wp-json`, style: 'path' }, 5000), adapter(version), {});
      const parties: Party[] = [
        { role: 'caller', userId: '1', name: 'admin (user 1)' },
        { role: 'unprivileged', userId: '2', name: 'sub (user 2)' },
        { role: 'target', userId: '3', name: 'user 3' },
      ];
      const before = await listRegistries(api, parties);
      // The run: logs the caller in, the unprivileged account twice, creates two target tokens; meanwhile an
      // integration logs the caller in too.
      registries.set('1', [integration, runLogin, foreign]);
      registries.set('2', [...unprivileged]);
      registries.set('3', [...targetTokens]);
      const observed: RunObservations = {
        issued: [runLogin, ...unprivileged, ...targetTokens].map((t) => ({ token: t, userId: readClaims(t)?.userId, jti: readClaims(t)?.jti })),
        logins: new Map([['1', 1], ['2', 2]]),
        sessionCookies: [],
        cookieOnlySessions: 0,
        unansweredLogins: 0,
      };
      const report = await cleanUp({ api, parties, before, observed, since: NOW, keep: new Set(), ownToken: undefined, now: () => NOW * 1000 });
      assert.deepEqual(registries.get('1'), [integration, foreign]);
      assert.deepEqual(registries.get('2'), []);
      assert.deepEqual(registries.get('3'), []);
      const caller = report.users.find((u) => u.party.role === 'caller');
      assert.deepEqual(caller?.removed, [tokenLabel(runLogin)]);
      assert.deepEqual(caller?.foreign.map((e) => e.token), [foreign]);
      assert.equal(report.users.find((u) => u.party.role === 'target')?.reset, 2);
      assert.deepEqual(report.leftovers, []);
    } finally {
      await site.close();
    }
  });
}
