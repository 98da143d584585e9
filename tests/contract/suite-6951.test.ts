/**
 * The AAM 6.9.51 collection against the 6.9.51 mock: the whole suite passes, and with only a token (no logins,
 * no unprivileged account) the steps that need them are skipped, not failed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock } from '../../mock/index.js';
import { runContract, type ContractRunResult } from '../../runner/run-contract.js';
import type { SiteTarget } from '../../runner/parse-args.js';

const root = new URL('../../', import.meta.url).pathname;

function quietRun(target: SiteTarget | { kind: 'mock' }): Promise<ContractRunResult & { output: string }> {
  let output = '';
  return runContract({ target, aamVersion: '6.9.51', generate: false, reportsDir: undefined, progress: false, root, log: (text) => { output += text; } })
    .then((result) => ({ ...result, output }));
}

test('AAM 6.9.51: the whole suite passes against the in-process 6.9.51 mock, every documented status seen', async () => {
  const { exitCode, facts, coverage, output } = await quietRun({ kind: 'mock' });
  assert.deepEqual(facts.failures, []);
  assert.equal(exitCode, 0);
  assert.equal(facts.notSent, 0);
  // close to the real counts (235 requests, 2538 assertions when written)
  assert.ok(facts.requests >= 230, `only ${facts.requests} requests`);
  assert.ok(facts.assertions >= 2500, `only ${facts.assertions} assertions`);
  assert.deepEqual(coverage.uncovered, []);
  assert.deepEqual(coverage.rows.filter((row) => row.excluded === undefined && row.observed.length === 0).map((row) => `${row.operationId} ${row.status}`), []);
  assert.match(output, /^signedUrlLogin\s+200\s+0\s+-\s+excluded: /m);
  assert.match(output, /generation 6\.9\.33–6\.9\.51 \(AAM 6\.9\.51\)/);
  assert.match(output, /^deleteToken\s+507\s+1\s+1\s+Deleting it without user_id is a 507/m);
});

test('AAM 6.9.51: with only a token the steps that need logins are skipped, not failed', async () => {
  const mock = await startMock({ aamVersion: '6.9.51', port: 0, host: '127.0.0.1' });
  try {
    const target: SiteTarget = { kind: 'site', restUrl: mock.restUrl, credentials: { token: mock.tokens.admin ?? '' }, targetUserId: '4', unprivileged: undefined };
    const { exitCode, facts } = await quietRun(target);
    assert.deepEqual(facts.failures, []);
    assert.equal(exitCode, 0);
    // Log the caller in, log the unprivileged account in, 10 authentication steps, the 22 cookie steps that need a
    // password login, 5 callers without capabilities, the 3 steps on the caller's own registry (they need the run's
    // own login), 4 teardown revocations of tokens the run did not obtain.
    assert.equal(facts.notSent, 46);
  } finally {
    await mock.close();
  }
});
