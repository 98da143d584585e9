import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startMock } from '../../mock/index.js';
import { loadUsers } from '../../mock/wp/users.js';
import { toRestUrl, type SiteTarget } from '../../runner/parse-args.js';
import { PreflightError, type PreflightCode } from '../../runner/preflight-error.js';
import { runContract } from '../../runner/run-contract.js';
import { closedPort, fakeToken, fakeWordPress, startFakeSite, type FakeAnswer, type FakeRequest } from './fake-site.js';

const root = new URL('../../', import.meta.url).pathname;
const CALLER = fakeToken({ iat: 1_700_000_000, exp: 4_102_444_800, jti: 'caller-jti', userId: 1 });

interface Case {
  /** The site: a fake server's handler, or (`url`) a base URL where no fake server can stand. */
  readonly site?: (req: FakeRequest) => FakeAnswer;
  readonly url?: () => Promise<string>;
  readonly credentials?: SiteTarget['credentials'];
  readonly requestTimeoutMs?: number;
  readonly code: PreflightCode;
  readonly message: RegExp;
}

const html = (status: number, title: string): FakeAnswer => ({ status, body: `<!DOCTYPE html><html><head><title>${title}</title></head><body>…</body></html>` });
const index = (namespaces: string[]): FakeAnswer => ({ status: 200, body: { namespaces } });

const cases: Array<[string, Case]> = [
  ['connection refused', { url: async () => `http://127.0.0.1:${await closedPort()}`, code: 'ERR_SITE_REFUSED', message: /^http:\/\/127\.0\.0\.1:\d+ refused the connection \(nothing listens there\)$/ }],
  ['DNS failure', { url: async () => 'http://no-such-host.invalid', code: 'ERR_SITE_DNS', message: /^no-such-host\.invalid does not resolve \(DNS: (ENOTFOUND|EAI_AGAIN)\)$/ }],
  ['time-out', { site: () => 'hang', requestTimeoutMs: 200, code: 'ERR_SITE_TIMEOUT', message: /^http:\/\/127\.0\.0\.1:\d+ did not answer within 0\.2 s \(--request-timeout\)$/ }],
  ['TLS failure (https to a plain HTTP port)', { url: async () => `https://127.0.0.1:${(await keepOpen()).port}`, code: 'ERR_SITE_TLS', message: /^TLS with https:\/\/127\.0\.0\.1:\d+ failed: / }],
  ['an HTML maintenance page', { site: () => html(503, 'Maintenance'), code: 'ERR_SITE_HTML', message: /\/wp-json\/ answered 503 with an HTML page \("Maintenance"\) where JSON was expected: a maintenance page, a firewall \(WAF\) or a login wall/ }],
  ['a WAF challenge answering 200 HTML', { site: () => html(200, 'Just a moment...'), code: 'ERR_SITE_HTML', message: /answered 200 with an HTML page \("Just a moment\.\.\."\)/ }],
  ['no REST API at /wp-json nor ?rest_route=', { site: () => html(404, 'Page not found'), code: 'ERR_SITE_NO_REST', message: /^no WordPress REST API at http:\/\/127\.0\.0\.1:\d+\/wp-json\/ \(404 \(text\/html\)\) nor at http:\/\/127\.0\.0\.1:\d+\/\?rest_route=\/ \(404 \(text\/html\)\)/ }],
  ['the REST API closed to anonymous callers', { site: () => ({ status: 401, body: { code: 'rest_cannot_access', message: 'Only authenticated users can access the REST API.', data: { status: 401 } } }), code: 'ERR_REST_DISABLED', message: /REST API of the site is disabled or closed to anonymous callers: .* answered 401 rest_cannot_access/ }],
  ['the REST API disabled', { site: () => ({ status: 404, body: { code: 'rest_disabled', message: 'The REST API is disabled on this site.' } }), code: 'ERR_REST_DISABLED', message: /answered 404 rest_disabled/ }],
  ['AAM not installed', { site: (req) => (req.path === '/wp-json/' ? index(['oembed/1.0', 'wp/v2']) : html(404, 'x')), code: 'ERR_AAM_MISSING', message: /^AAM is not installed or not active on .*: the REST index has no aam\/v2 namespace$/ }],
  [
    "AAM's JWT service off",
    {
      site: fakeWordPress({ namespaces: ['aam/v2', 'wp/v2'], anonymous: { '/aam/v2': ['GET'], '/aam/v2/authenticate': ['POST'] }, authorised: {}, token: CALLER }),
      code: 'ERR_AAM_JWT_OFF',
      message: /^AAM is installed on .* but its JWT service is off: no JWT route \(neither a token route nor \/aam\/v2\/jwt\/validate\) for the caller user 1 \(from the token\); turn on "JWT Tokens" in AAM's services$/,
      credentials: { token: CALLER },
    },
  ],
  [
    'AAM 7.x hiding its token routes from a caller without the capabilities',
    {
      site: fakeWordPress({ namespaces: ['aam/v2'], anonymous: { '/aam/v2/jwt/validate': ['POST', 'PUT', 'PATCH'] }, authorised: { '/aam/v2/jwt/validate': ['POST', 'PUT', 'PATCH'] }, token: CALLER }),
      credentials: { token: CALLER },
      code: 'ERR_CALLER_FORBIDDEN',
      message: /looks like AAM 7\.x .* lists no \/aam\/v2\/jwts route to the caller .*: AAM 7\.x serves its token routes only to callers with aam_manager and aam_manage_jwt/,
    },
  ],
  [
    'a site whose routes match no known generation',
    {
      site: fakeWordPress({ namespaces: ['aam/v2'], anonymous: { '/aam/v2/jwt/validate': ['POST'], '/aam/v3/tokens': ['GET'] }, authorised: { '/aam/v2/jwt/validate': ['POST'], '/aam/v2/tokens': ['GET'] }, token: CALLER }),
      credentials: { token: CALLER },
      code: 'ERR_GENERATION_UNKNOWN',
      message: /^no known AAM JWT API generation on .*: no known token route among the aam\/v2 routes read as the caller .* \(JWT routes: \/aam\/v2\/jwt\/validate\)$/,
    },
  ],
  ['an expired token (checked locally)', { site: fakeWordPress({ namespaces: ['aam/v2'], anonymous: { '/aam/v2/jwt/validate': ['POST'] }, authorised: {}, token: CALLER }), credentials: { token: fakeToken({ jti: 'old', exp: 1_000_000_000, userId: 1 }) }, code: 'ERR_TOKEN_EXPIRED', message: /^the token \[jwt jti=old …[\w-]{6}\] expired at 2001-09-09T01:46:40\.000Z: issue a new one$/ }],
  ['a token the site rejects', { site: fakeWordPress({ namespaces: ['aam/v2'], anonymous: { '/aam/v2/jwt/validate': ['POST'] }, authorised: {}, token: CALLER }), credentials: { token: fakeToken({ jti: 'other', exp: 4_102_444_800, userId: 1 }) }, code: 'ERR_TOKEN_INVALID', message: /^the site rejects the token \[jwt jti=other …[\w-]{6}\]: Invalid token signature \(400 rest_jwt_validation_failure\)$/ }],
];

for (const [name, c] of cases) {
  test(`preflight: ${name} is one line and ${c.code}`, async () => {
    const fake = c.site === undefined ? undefined : await startFakeSite(c.site);
    const base = fake?.url ?? (await (c.url ?? (() => Promise.reject(new Error('no site'))))());
    try {
      const target: SiteTarget = { kind: 'site', restUrl: toRestUrl(base), credentials: c.credentials ?? { token: CALLER }, targetUserId: '3', unprivileged: undefined };
      await assert.rejects(run(target, c.requestTimeoutMs), (err: unknown) => {
        assert.ok(err instanceof PreflightError, String(err));
        assert.equal(err.code, c.code, err.message);
        assert.match(err.message, c.message);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      });
    } finally {
      await fake?.close();
      await openServers.splice(0).reduce((p, s) => p.then(() => s.close()), Promise.resolve());
    }
  });
}

function run(target: SiteTarget, requestTimeoutMs = 5000): Promise<unknown> {
  return runContract({ target, generate: false, reportsDir: undefined, progress: false, root, log: () => undefined, requestTimeoutMs });
}

const openServers: Array<{ close(): Promise<void> }> = [];
async function keepOpen(): Promise<{ port: number }> {
  const site = await startFakeSite(() => ({ status: 200, body: {} }));
  openServers.push(site);
  return site;
}

/** The reference mock with users whose credentials are checked by the real login code. */
const mockCases: Array<[string, (mock: { restUrl: string; secret: string }) => SiteTarget, PreflightCode, RegExp]> = [
  ['a wrong password', (m) => ({ kind: 'site', restUrl: m.restUrl, credentials: { username: 'manager', password: 'wrong' }, targetUserId: '4', unprivileged: undefined }), 'ERR_CREDENTIALS', /^the site refuses the login of manager: 403 incorrect_password \(Error: The password you entered for the username manager is incorrect\. Lost your password\?\)$/],
  ['an unknown user', (m) => ({ kind: 'site', restUrl: m.restUrl, credentials: { username: 'nobody', password: 'x' }, targetUserId: '4', unprivileged: undefined }), 'ERR_CREDENTIALS', /^the site refuses the login of nobody: 403 invalid_username/],
  ['a wrong unprivileged password', (m) => ({ kind: 'site', restUrl: m.restUrl, credentials: { username: 'manager', password: 'manager-pw-9' }, targetUserId: '4', unprivileged: { username: 'subscriber1', password: 'nope' } }), 'ERR_CREDENTIALS', /^the site refuses the login of the unprivileged account subscriber1: 403 incorrect_password/],
  ['a caller without the capabilities', (m) => ({ kind: 'site', restUrl: m.restUrl, credentials: { username: 'subscriber1', password: 'subscriber1-pw-9' }, targetUserId: '4', unprivileged: undefined }), 'ERR_CALLER_FORBIDDEN', /^the caller subscriber1 \(user 3\) cannot list its tokens \(GET \/aam\/v2\/service\/jwt answered 403 rest_forbidden\): it needs aam_manager and aam_manage_jwt$/],
  ['a token signed with another key', (m) => ({ kind: 'site', restUrl: m.restUrl, credentials: { token: signed({ iat: 1_700_000_000, exp: 4_102_444_800, jti: 'x', userId: 2 }, `${m.secret}-not`) }, targetUserId: '4', unprivileged: undefined }), 'ERR_TOKEN_INVALID', /^the site rejects the token \[jwt jti=x …[\w-]{6}\]: Invalid token signature \(400 rest_jwt_validation_failure\)$/],
  ['the unprivileged account being the target', (m) => ({ kind: 'site', restUrl: m.restUrl, credentials: { username: 'manager', password: 'manager-pw-9' }, targetUserId: '3', unprivileged: { username: 'subscriber1', password: 'subscriber1-pw-9' } }), 'ERR_TARGET', /^the unprivileged account subscriber1 is the target user 3: use another account$/],
];

for (const [name, target, code, message] of mockCases) {
  test(`preflight against the mock: ${name} is one line and ${code}`, async () => {
    const secret = 'preflight-test-secret';
    const mock = await startMock({ port: 0, host: '127.0.0.1', secret, users: distinctPasswords() });
    try {
      await assert.rejects(run(target({ restUrl: mock.restUrl, secret })), (err: unknown) => {
        assert.ok(err instanceof PreflightError, String(err));
        assert.equal(err.code, code);
        assert.match(err.message, message);
        return true;
      });
    } finally {
      await mock.close();
    }
  });
}

test('preflight against the mock: a revoked token is named as revoked', async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1' });
  try {
    const token = mock.tokens.manager ?? '';
    const revoked = await fetch(`${mock.restUrl}/aam/v2/jwt/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jwt: token }) });
    assert.equal(revoked.status, 200);
    const target: SiteTarget = { kind: 'site', restUrl: mock.restUrl, credentials: { token }, targetUserId: '4', unprivileged: undefined };
    await assert.rejects(run(target), (err: unknown) => err instanceof PreflightError && err.code === 'ERR_TOKEN_INVALID' && /: Token has been revoked \(400 rest_jwt_validation_failure\)$/.test(err.message));
  } finally {
    await mock.close();
  }
});

function signed(claims: Record<string, unknown>, secret: string): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = `${part({ typ: 'JWT', alg: 'HS256' })}.${part(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** The mock's users with passwords that differ from their logins (so redaction does not hide the names). */
function distinctPasswords(): ReturnType<typeof loadUsers> {
  return loadUsers().map((user) => ({ ...user, password: `${user.login}-pw-9` }));
}
