import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startMock, type AamVersion } from '../../mock/index.js';
import type { FaultHandler } from '../mutation/fault-model.js';
import { collectionOf, REST_NONCE, walk } from './proxied-walk.js';
import { documentationFolders } from './run-walkthrough.js';
import { STORIES, storyDifferences } from './stories.js';

const STORY = STORIES['aam-6.9.32'] ?? [];

/** Per 6.9 generation: both have cookie schemes, so Postman's cookie jar is off on every request. */
const JAR_OFF_CASES = [
  { version: '6.9.32', minAssertions: 270 },
  { version: '6.9.51', minAssertions: 250 },
] as const satisfies ReadonlyArray<{ version: AamVersion; minAssertions: number }>;

for (const { version, minAssertions } of JAR_OFF_CASES) {
  test(`${version}: the documentation folders are the walkthrough: every top-level folder but the contract scenarios, in order`, async () => {
    const collection = JSON.parse(await readFile(collectionOf(version), 'utf8')) as Parameters<typeof documentationFolders>[0];
    assert.deepEqual(documentationFolders(collection), ['Authentication', 'Token management', 'Legacy v1', 'Cookie authentication']);
  });

  test(`Newman ${version}: the walkthrough passes twice in one run (one cookie jar) against the mock, as told, and cleans up`, async () => {
    const { result, cookieCarriers, targetLeft, revoked } = await walk({ version, iterations: 2 });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(storyDifferences(STORIES[`aam-${version}`] ?? [], result.steps, 2), []);
    assert.ok(result.assertions >= minAssertions, `only ${result.assertions} assertions`);
    assert.deepEqual(cookieCarriers, [REST_NONCE, REST_NONCE], "the legacy login's cookie travels only where a request names it ({{auth_cookie}}): the jar is off");
    assert.equal(targetLeft, 0, "the target's registry is empty at the end");
    assert.equal(revoked, 2 * 2, 'two logins per iteration');
    const { variables } = result;
    assert.match(variables.jwt_token ?? '', /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(Number(variables.jwt_token_expires) > Date.now() / 1000, 'the expiry is a future Unix time');
    assert.match(variables.token_id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(variables.auto_login, 'on');
    assert.equal(result.sessionCookies.length, 2, "each legacy login's logged-in cookie is kept (the harness ends those sessions on a real site)");
  });

  test(`Newman ${version}: with Postman's cookie jar on, the legacy login's cookie goes with every later request (the check can fail)`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'walkthrough-'));
    try {
      const collection = JSON.parse(await readFile(collectionOf(version), 'utf8')) as { item: Array<{ item?: Array<{ protocolProfileBehavior?: { disableCookies?: boolean } }> }> };
      for (const item of collection.item.flatMap((f) => f.item ?? [])) delete item.protocolProfileBehavior?.disableCookies;
      const file = join(dir, 'collection.json');
      await writeFile(file, JSON.stringify(collection));
      const { result, cookieCarriers } = await walk({ version, iterations: 2, collectionFile: file });
      assert.ok(cookieCarriers.filter((url) => url !== REST_NONCE).length >= 10, `the requests after the first legacy login carry the cookie (${cookieCarriers.length})`);
      assert.ok(storyDifferences(STORIES[`aam-${version}`] ?? [], result.steps, 2).some((line) => /got 2 Create a token for a user → 401/.test(line)), 'a cookie without a nonce makes iteration 2 anonymous: 401');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

const WITHOUT_ID: FaultHandler['response'] = (req, res) =>
  req.method === 'POST' && req.url.startsWith('/wp-json/aam/v2/service/jwt?') && res.status === 200 ? { ...res, body: JSON.stringify({ token: (JSON.parse(res.body) as { token: string }).token }) } : undefined;
const WITHOUT_JWT: FaultHandler['response'] = (req, res) =>
  req.url.startsWith('/wp-json/aam/v2/authenticate') && res.status === 200 ? { ...res, body: JSON.stringify({ reason: 'Algorithm not supported' }) } : undefined;

const WITHOUT_COOKIES: FaultHandler['response'] = (req, res) => {
  if (!req.url.startsWith('/wp-json/aam/v1/authenticate') || res.status !== 200) return undefined;
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([name]) => name.toLowerCase() !== 'set-cookie'));
  return { ...res, headers };
};

test("Newman: a legacy login without its cookies fails the cookie capture, and the nonce request is refused (400)", async () => {
  const { result } = await walk({ extra: WITHOUT_COOKIES });
  assert.ok(result.failures.some((line) => /^Log in and get a JWT \(deprecated v1\) \| \[authenticateV1\] stores auth_cookie from the cookie named/.test(line)), result.failures.join('\n'));
  assert.ok(storyDifferences(STORY, result.steps, 1).some((line) => /got 1 Get a REST nonce for a login cookie → 400/.test(line)));
});

test("Newman: the walkthrough's capture fails on a create answer without id", async () => {
  const { result } = await walk({ extra: WITHOUT_ID });
  assert.ok(result.failures.some((line) => /^Create a token for a user \| \[createToken\] stores token_id from body \/id: \/id in the answer/.test(line)), result.failures.join('\n'));
});

test('Newman: a login answer without the JWT fails "Log in", then the automatic login once, which turns itself off', async () => {
  const { result } = await walk({ extra: WITHOUT_JWT });
  assert.ok(result.failures.some((line) => /^Log in \(optionally issuing a JWT\) \| \[authenticate\] stores jwt_token from body \/jwt\/token/.test(line)), result.failures.join('\n'));
  const automatic = result.failures.filter((line) => line.includes('automatic login'));
  assert.equal(automatic.length, 1, result.failures.join('\n'));
  assert.match(automatic[0] ?? '', /before "Create a token for a user".*HTTP 200, no \/jwt\/token in the answer; auto_login is now off/);
  assert.equal(result.variables.auto_login, 'off');
});

// A Postman user's first click, as near as Newman gets: the collection and the real-site environment template
// imported as they are, only baseUrl, username, password and target_user_id filled in, the documentation
// folders run by the newman command (its own cookie jar on, like the app's).
for (const version of ['6.9.32', '6.9.51', '7.1.1'] as const) {
  test(`first click (${version}): the newman command with the environment template and four values passes the documentation folders`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'first-click-'));
    const mock = await startMock({ port: 0, aamVersion: version });
    try {
      const template = JSON.parse(await readFile(new URL(`../../environments/aam-${version}/real-site.postman_environment.json`, import.meta.url), 'utf8')) as { values: Array<{ key: string; value: string }> };
      const fill: Record<string, string> = { baseUrl: mock.restUrl, username: 'admin', password: 'admin', target_user_id: '4' };
      for (const entry of template.values) entry.value = fill[entry.key] ?? entry.value;
      await writeFile(join(dir, 'env.json'), JSON.stringify(template), { mode: 0o600 });
      const collection = JSON.parse(await readFile(collectionOf(version), 'utf8')) as Parameters<typeof documentationFolders>[0];
      const newman = new URL('../../node_modules/newman/bin/newman.js', import.meta.url).pathname;
      const args = ['run', collectionOf(version), '-e', join(dir, 'env.json'), ...documentationFolders(collection).flatMap((f) => ['--folder', f]), '--reporters', 'json', '--reporter-json-export', join(dir, 'run.json')];
      const code = await new Promise<number | null>((resolve) => execFile(process.execPath, [newman, ...args], (err) => resolve(err === null ? 0 : (err as { code?: number }).code ?? null)));
      const run = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as { run: { executions: Array<{ item: { name: string }; response?: { code: number } }>; failures: unknown[] } };
      assert.deepEqual(run.run.executions.map((e) => [e.item.name, e.response?.code]), STORIES[`aam-${version}`]);
      assert.deepEqual([code, run.run.failures.length], [0, 0]);
    } finally {
      await mock.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
}
