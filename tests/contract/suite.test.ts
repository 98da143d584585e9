import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, type RunningMock } from '../../mock/index.js';
import { runCollection } from '../../runner/collection-run.js';
import { PreflightError } from '../../runner/preflight-error.js';
import { createRedactor } from '../../runner/redact.js';
import { runContract, type ContractRunResult } from '../../runner/run-contract.js';
import type { SiteTarget } from '../../runner/parse-args.js';
import { startAlteringProxy, type ProxiedAnswer } from './altering-proxy.js';

const root = new URL('../../', import.meta.url).pathname;
/** Close to the real count (1732 when written): a run that silently loses steps or checks fails. */
const MIN_ASSERTIONS = 1700;
const MIN_REQUESTS = 160;

function quietRun(target: SiteTarget | { kind: 'mock' }): Promise<ContractRunResult & { output: string }> {
  let output = '';
  return runContract({ target, generate: false, reportsDir: undefined, progress: false, root, log: (text) => { output += text; } }).then((result) => ({ ...result, output }));
}

/** The real-site path of the runner, pointed at `restUrl` (the mock, or a proxy in front of it). */
function site(restUrl: string, targetUserId = '4'): SiteTarget {
  return {
    kind: 'site',
    restUrl,
    credentials: { username: 'admin', password: 'admin' },
    targetUserId,
    unprivileged: { username: 'subscriber1', password: 'subscriber1' },
  };
}

test('the whole suite passes against the in-process mock with zero failures', async () => {
  const { exitCode, facts, coverage, output } = await quietRun({ kind: 'mock' });
  assert.deepEqual(facts.failures, []);
  assert.equal(facts.runError, undefined);
  assert.equal(exitCode, 0);
  assert.equal(facts.notSent, 0, 'with the local environment every step is sent');
  assert.equal(facts.errored, 0);
  assert.ok(facts.requests >= MIN_REQUESTS, `only ${facts.requests} requests`);
  assert.ok(facts.assertions >= MIN_ASSERTIONS, `only ${facts.assertions} assertions`);
  assert.deepEqual(coverage.uncovered, []);
  const unseen = coverage.rows.filter((row) => row.excluded === undefined && row.observed.length === 0);
  assert.deepEqual(unseen.map((row) => `${row.operationId} ${row.status}`), [], 'documented statuses expected but not observed');
  assert.match(output, /RESULT: PASSED/);
  assert.match(output, /^deleteToken\s+500\s+0\s+-\s+excluded: /m);
});

test('the whole suite passes with a caller that is not an administrator (manager: editor + aam_manager + aam_manage_jwt)', async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1' });
  try {
    const target: SiteTarget = { ...site(mock.restUrl), credentials: { username: 'manager', password: 'manager' } };
    const { exitCode, facts } = await quietRun(target);
    assert.deepEqual(facts.failures, []);
    assert.equal(exitCode, 0);
    assert.equal(facts.notSent, 0);
  } finally {
    await mock.close();
  }
});

async function runBroken(alter: (answer: ProxiedAnswer) => { status: number; body: string } | undefined): Promise<{ result: ContractRunResult & { output: string }; altered: number }> {
  let mockUrl = '';
  const proxy = await startAlteringProxy(() => mockUrl, alter);
  // the site URL the mock knows is the proxy's, as a site behind a proxy knows its public URL
  const mock: RunningMock = await startMock({ port: 0, host: '127.0.0.1', siteUrl: proxy.url });
  mockUrl = mock.url;
  try {
    const result = await quietRun(site(`${proxy.url}/wp-json`));
    return { result, altered: proxy.altered() };
  } finally {
    await proxy.close();
    await mock.close();
  }
}

test('a server whose POST reset miscounts deleted_token_count fails, naming the reset steps', async () => {
  const { result, altered } = await runBroken((answer) => {
    if (answer.method !== 'POST' || !answer.path.startsWith('/wp-json/aam/v2/service/jwt/reset') || answer.status !== 200) return undefined;
    const body = JSON.parse(answer.body) as { deleted_token_count: number };
    return { status: 200, body: JSON.stringify({ deleted_token_count: body.deleted_token_count + 1 }) };
  });
  assert.ok(altered > 0);
  assert.equal(result.exitCode, 1);
  assert.deepEqual(
    result.facts.failures.map((f) => `${f.item} | ${f.test}`),
    [
      "Reset the target's registry | [resetTokens] body (root) equals {\"deleted_token_count\":2}",
      "Clear the target's registry after the claims checks | [resetTokens] body (root) equals {\"deleted_token_count\":4}",
      "Clear the target's registry first | [resetTokens] body (root) equals {\"deleted_token_count\":1}",
      'Reset counts the ten tokens | [resetTokens] body (root) equals {"deleted_token_count":10}',
    ],
  );
  assert.match(result.output, /RESULT: FAILED/);
});

test('a server that answers 500 instead of 404 for an unknown token fails the 404 steps', async () => {
  const { result } = await runBroken((answer) =>
    answer.status === 404 && answer.body.includes('rest_not_found') ? { status: 500, body: answer.body } : undefined,
  );
  assert.equal(result.exitCode, 1);
  const statusFailures = result.facts.failures.filter((f) => f.test === '[deleteToken] status is 404 as expected').map((f) => f.item);
  assert.deepEqual(statusFailures, ['Delete token D again is a 404', 'Deleting the evicted token is a 404', 'DELETE on reset is the delete-one route and a 404']);
});

test('the preflight refuses a target user that is the caller before the run', async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1' });
  try {
    await assert.rejects(quietRun(site(mock.restUrl, '1')), (err: unknown) => {
      assert.ok(err instanceof PreflightError);
      assert.equal(err.code, 'ERR_TARGET');
      assert.match(err.message, /^--target-user-id 1 is the caller \S+ \(user 1\): use a dedicated throw-away user$/);
      return true;
    });
  } finally {
    await mock.close();
  }
});

test('the collection itself stops the run when the target user is the caller (second line of defence)', async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1' });
  try {
    const target = site(mock.restUrl, '1');
    const result = await runCollection({
      root,
      version: '6.9.32',
      target,
      restUrl: mock.restUrl,
      reportsDir: undefined,
      progress: false,
      requestTimeoutMs: 30_000,
      timeLimitMs: undefined,
      signal: undefined,
      redactor: createRedactor([]),
      log: () => undefined,
    });
    assert.deepEqual(result.facts.failures.map((f) => f.test), [
      '[validateToken] body /userId differs from {{target_user_id}}',
      '[validateToken] the run stops here: 1 expectation(s) of this step failed',
    ]);
    assert.ok(result.facts.requests <= 3, `${result.facts.requests} requests were sent after the stop`);
  } finally {
    await mock.close();
  }
});

test('with only a token (no logins, no unprivileged account) the steps that need them are skipped, not failed', async () => {
  const mock = await startMock({ port: 0, host: '127.0.0.1' });
  try {
    const target: SiteTarget = { kind: 'site', restUrl: mock.restUrl, credentials: { token: mock.tokens.admin ?? '' }, targetUserId: '4', unprivileged: undefined };
    const { exitCode, facts } = await quietRun(target);
    assert.deepEqual(facts.failures, []);
    assert.equal(exitCode, 0);
    // Log the caller in, log the unprivileged account in, 10 authentication steps, the 22 cookie steps that need a
    // password login, 7 callers without capabilities, 4 teardown revocations of tokens the run did not obtain.
    assert.equal(facts.notSent, 45);
    assert.equal(facts.errored, 0);
  } finally {
    await mock.close();
  }
});
