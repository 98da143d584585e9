import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fleetExitCode, type SiteOutcome, type SitePhase, type SiteStatus } from '../../runner/fleet/fleet-model.js';
import { boardLines, createPlainBoard, createTtyBoard, phaseText, worthALine } from '../../runner/fleet/progress.js';
import { runBounded } from '../../runner/fleet/scheduler.js';

test('runBounded: never more than N in flight, results in input order, a slow task does not hold the others', async () => {
  for (const concurrency of [1, 2, 3, 10]) {
    let inFlight = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const started: number[] = [];
    const run = runBounded([0, 1, 2, 3, 4, 5], concurrency, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      started.push(item);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight -= 1;
      return item * 10;
    });
    // release tasks one at a time, last-started first: completion order differs from input order
    while (started.length < 6 || releases.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.pop()?.();
    }
    assert.deepEqual(await run, [0, 10, 20, 30, 40, 50]);
    assert.equal(peak, Math.min(concurrency, 6), `concurrency ${concurrency}`);
  }
  await assert.rejects(runBounded([1], 0, async () => 1), /concurrency must be a positive integer, got 0/);
});

const PHASES: ReadonlyArray<readonly [SitePhase, string]> = [
  [{ kind: 'queued' }, 'queued'],
  [{ kind: 'preflight' }, 'preflight (reachability, AAM, credentials, generation)'],
  [{ kind: 'running', step: 12, total: 160 }, 'running step 12 of 160'],
  [{ kind: 'cleanup' }, 'cleaning up the site'],
  [{ kind: 'done', status: 'failed', summary: '3 failed' }, 'FAILED: 3 failed'],
  [{ kind: 'done', status: 'unsupported', summary: 'generation unsupported by this checkout' }, 'UNSUPPORTED: generation unsupported by this checkout'],
];

test('progress: the words of each phase', () => {
  for (const [phase, text] of PHASES) assert.equal(phaseText(phase), text);
});

test('progress: plain lines in CI — a line per phase change and per quarter of the steps, not per step', () => {
  const lines: string[] = [];
  const board = createPlainBoard((text) => lines.push(text), ['shop', 'blog-2']);
  board.update(1, { kind: 'preflight' });
  for (let step = 1; step <= 8; step++) board.update(1, { kind: 'running', step, total: 8 });
  board.update(1, { kind: 'done', status: 'passed', summary: '8 requests' });
  board.update(0, { kind: 'done', status: 'unreachable', summary: 'refused' });
  board.close();
  board.update(0, { kind: 'preflight' });
  assert.deepEqual(lines, [
    '2 sites queued: shop, blog-2\n',
    'blog-2  preflight (reachability, AAM, credentials, generation)\n',
    'blog-2  running step 1 of 8\n',
    'blog-2  running step 2 of 8\n',
    'blog-2  running step 4 of 8\n',
    'blog-2  running step 6 of 8\n',
    'blog-2  passed: 8 requests\n',
    'shop    UNREACHABLE: refused\n',
  ]);
  assert.equal(worthALine({ kind: 'running', step: 3, total: 100 }, { kind: 'running', step: 4, total: 100 }), false);
});

test('progress: a terminal redraws its lines in place (cursor up, clear line), cut to its width', async () => {
  const writes: string[] = [];
  const board = createTtyBoard((text) => writes.push(text), ['a', 'bb'], () => 30);
  assert.deepEqual(writes, ['\r\u001b[2Ka   queued\n\r\u001b[2Kbb  queued\n']);
  board.update(0, { kind: 'running', step: 1, total: 9 });
  board.update(0, { kind: 'running', step: 2, total: 9 });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(writes.slice(1), ['\u001b[2A\r\u001b[2Ka   running step 2 of 9\n\r\u001b[2Kbb  queued\n']);
  board.update(1, { kind: 'done', status: 'failed', summary: 'a very long reason that cannot fit' });
  board.close();
  assert.equal(writes[2], '\u001b[2A\r\u001b[2Ka   running step 2 of 9\n\r\u001b[2Kbb  FAILED: a very long reas…\n');
  assert.deepEqual(boardLines(['x'], [{ kind: 'queued' }], 5), ['x  q…']);
});

test('fleet exit code: 0 only when every site passed; 130 when interrupted', () => {
  const site = (status: SiteStatus): SiteOutcome => ({ status }) as SiteOutcome;
  const cases: ReadonlyArray<readonly [readonly SiteStatus[], boolean, number]> = [
    [['passed', 'passed'], false, 0],
    [['passed', 'failed'], false, 1],
    [['passed', 'unreachable'], false, 1],
    [['passed', 'unsupported'], false, 1],
    [['passed', 'misconfigured'], false, 1],
    [['passed', 'not-ready'], false, 1],
    [[], false, 1],
    [['passed'], true, 130],
  ];
  for (const [statuses, interrupted, code] of cases) assert.equal(fleetExitCode(statuses.map(site), interrupted), code, statuses.join(','));
});
