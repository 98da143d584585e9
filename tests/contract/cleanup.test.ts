import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type RunningMock } from '../../mock/index.js';
import { loadUsers } from '../../mock/wp/users.js';
import { readClaims } from '../../runner/jwt-claims.js';
import type { SiteTarget } from '../../runner/parse-args.js';
import { runContract, type ContractRunResult } from '../../runner/run-contract.js';

const root = new URL('../../', import.meta.url).pathname;
// Mock users: 1 admin, 2 manager, 3 subscriber1, 4 jwt-target.
const users = loadUsers().map((user) => ({ ...user, password: `${user.login}-pw-7` }));

/** The manager's token lists and creates tokens for any user through the API, as an integration would. */
async function api(mock: RunningMock, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${mock.restUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${mock.tokens.manager ?? ''}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<unknown>;
}

async function registry(mock: RunningMock, userId: number): Promise<string[]> {
  const list = (await api(mock, 'GET', `/aam/v2/service/jwt?user_id=${userId}&fields=id`)) as Array<{ token: string }>;
  return list.map((entry) => entry.token).sort();
}

async function issue(mock: RunningMock, userId: number, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) tokens.push(((await api(mock, 'POST', `/aam/v2/service/jwt?user_id=${userId}`, { expires_in: '+2 hours' })) as { token: string }).token);
  return tokens;
}

function run(mock: RunningMock, extra: Partial<RunContractExtras> = {}): Promise<ContractRunResult & { output: string }> {
  let output = '';
  const target: SiteTarget = {
    kind: 'site',
    restUrl: mock.restUrl,
    credentials: { username: 'admin', password: 'admin-pw-7' },
    targetUserId: '4',
    unprivileged: { username: 'subscriber1', password: 'subscriber1-pw-7' },
  };
  return runContract({ target, generate: false, reportsDir: undefined, progress: true, root, log: (text) => (output += text), ...extra }).then((result) => ({ ...result, output }));
}
type RunContractExtras = { signal: AbortSignal; totalTimeoutMs: number; requestTimeoutMs: number };

test('after a run the registries of the caller and the unprivileged account are as found, the target is empty, and the summary says so', async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1', users });
  try {
    await issue(mock, 1, 3);
    await issue(mock, 3, 1);
    await issue(mock, 4, 2);
    // Each user also holds the token the mock issued at start: 4, 2 and 3 tokens.
    const before = { caller: await registry(mock, 1), unprivileged: await registry(mock, 3) };
    assert.equal((await registry(mock, 4)).length, 3);
    const result = await run(mock);
    assert.equal(result.exitCode, 0, result.output);
    assert.deepEqual(await registry(mock, 1), before.caller);
    assert.deepEqual(await registry(mock, 3), before.unprivileged);
    assert.deepEqual(await registry(mock, 4), []);
    const report = result.siteChanges;
    assert.ok(report !== undefined);
    const byRole = Object.fromEntries(report.users.map((u) => [u.party.role, u]));
    // the suite's Teardown revokes the login tokens it was issued: nothing is left for the runner to delete
    assert.equal(byRole.caller?.removed.length, 0, 'the collection logged the caller in once, and its Teardown revoked the token');
    assert.equal(byRole.unprivileged?.removed.length, 0, 'three logins of the unprivileged account issue a token, each revoked by the Teardown');
    assert.equal(byRole.target?.before?.length, 3);
    assert.match(result.output, /^ {2}caller admin \(user 1\): registry 4 → 4 token\(s\), as found; the run issued 1; the runner deleted none$/m);
    assert.match(result.output, /^ {2}unprivileged subscriber1 \(user 3\): registry 2 → 2 token\(s\), as found; the run issued 3; the runner deleted none$/m);
    // the mock answers wp-login.php?action=logout like WordPress: the runner ends the cookie sessions it holds
    assert.match(result.output, /^ {2}WordPress login sessions: the run opened \d+ \(one per login\), the runner ended [1-9]\d* whose cookie it was sent; the runner opened 2 of its own and ended 2$/m);
    // The suite's own last reset leaves the target empty: the runner has nothing to reset.
    assert.match(result.output, /^ {2}target user 4: registry 3 → 0 token\(s\), empty; the run issued 28$/m);
    assert.match(result.output, /^ {4}- the target's registry held 3 token\(s\) before the run \(\[jwt jti=/m);
    assert.match(result.output, /^ {4}- non-revocable token \[jwt jti=[\w-]+ …[\w-]{6}\] of user 4 stays valid until \d{4}-[^ ]+ \(AAM cannot revoke a non-revocable token\)$/m);
    assert.match(result.output, /AAM keeps only the 10 newest tokens per user/);
  } finally {
    await mock.close();
  }
});

test("a token the run's login evicts from the caller's full registry is named by its jti", async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1', users });
  try {
    const integration = await issue(mock, 1, 10);
    const result = await run(mock);
    assert.equal(result.exitCode, 0, result.output);
    // The runner reads the registries through a WordPress cookie session (no token of its own), so the
    // collection's login is the one that evicts the oldest token, and the runner names it.
    const evicted = readClaims(integration[0] ?? '')?.jti ?? '?';
    assert.match(result.output, new RegExp(`^ {4}- the caller's token \\[jwt jti=${evicted} …[\\w-]{6}\\] \\(issued [^)]+\\) was evicted from admin \\(user 1\\)'s full registry by the run's login\\(s\\); it cannot be restored$`, 'm'));
    assert.doesNotMatch(result.output, /the runner's own login filled/);
    assert.deepEqual(await registry(mock, 1), integration.slice(1).sort());
    assert.match(result.output, /caller admin \(user 1\): registry 10 → 9 token\(s\), as found apart from the evicted token\(s\)/);
  } finally {
    await mock.close();
  }
});

test('a run stopped midway (Ctrl-C) still cleans up, and exits 130', async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1', users });
  try {
    const before = { caller: await registry(mock, 1), unprivileged: await registry(mock, 3) };
    const stop = new AbortController();
    let output = '';
    const target: SiteTarget = { kind: 'site', restUrl: mock.restUrl, credentials: { username: 'admin', password: 'admin-pw-7' }, targetUserId: '4', unprivileged: { username: 'subscriber1', password: 'subscriber1-pw-7' } };
    const result = await runContract({
      target,
      generate: false,
      reportsDir: undefined,
      progress: true,
      root,
      signal: stop.signal,
      log: (text) => {
        output += text;
        if (/Create token F/.test(text)) stop.abort();
      },
    });
    assert.equal(result.exitCode, 130);
    assert.equal(result.facts.runError, 'stopped: interrupted');
    assert.ok(result.facts.notSent > 50, `${result.facts.notSent} steps not sent`);
    assert.deepEqual(await registry(mock, 1), before.caller);
    assert.deepEqual(await registry(mock, 3), before.unprivileged);
    assert.deepEqual(await registry(mock, 4), []);
    const targetReport = result.siteChanges?.users.find((u) => u.party.role === 'target');
    assert.ok((targetReport?.reset ?? 0) >= 1, 'the run stopped with tokens in the target registry: the runner reset it');
    assert.match(output, /^ {2}target user 4: registry \d+ → 0 token\(s\), empty; the run issued \d+; the final reset removed \d+$/m);
  } finally {
    await mock.close();
  }
});

test('a run that exceeds --timeout is stopped, cleaned up, and fails', async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1', users });
  try {
    const result = await run(mock, { totalTimeoutMs: 1 });
    assert.equal(result.exitCode, 1);
    assert.match(result.facts.runError ?? '', /^stopped: the run took longer than --timeout/);
    assert.deepEqual(await registry(mock, 4), []);
    assert.match(result.output, /^RESULT: FAILED$/m);
  } finally {
    await mock.close();
  }
});

test('a site that stops answering mid-run does not hang the job: requests time out, --timeout stops the run, the clean-up reports what it could not do', async () => {
  // The preflight and the registry listings take 14 requests; the run's first few are answered, every later
  // request never is (the injected wait never ends).
  let answered = 18;
  const mock = await startMock({ port: 0, host: '127.0.0.1', users, latency: { latencyMs: 1, delay: () => (answered-- > 0 ? Promise.resolve() : new Promise<void>(() => undefined)) } });
  try {
    const started = Date.now();
    const result = await run(mock, { totalTimeoutMs: 30_000, requestTimeoutMs: 1000 });
    assert.equal(result.exitCode, 1);
    assert.match(result.facts.runError ?? '', /^stopped: the run took longer than --timeout \(30 s in all, preflight included\)$/);
    assert.ok(result.facts.errored >= 3, `${result.facts.errored} requests timed out`);
    assert.match(result.output, /could not list the registry after the run: http:\/\/127\.0\.0\.1:\d+ did not answer within 1 s \(--request-timeout\)/);
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
  } finally {
    await mock.close();
  }
});
