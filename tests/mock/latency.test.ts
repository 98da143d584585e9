import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCli } from '../../mock/cli-args.js';
import { createLatency } from '../../mock/latency.js';
import { startMock } from '../../mock/index.js';

test('latency: the same seed draws the same delays, each within latency ± jitter', () => {
  const a = createLatency({ latencyMs: 100, jitterMs: 20, seed: 7 });
  const b = createLatency({ latencyMs: 100, jitterMs: 20, seed: 7 });
  const drawn = Array.from({ length: 200 }, () => a.next());
  assert.deepEqual(Array.from({ length: 200 }, () => b.next()), drawn);
  assert.ok(drawn.every((ms) => ms >= 80 && ms <= 120), drawn.join(','));
  assert.ok(new Set(drawn).size > 10, 'the jitter varies the delays');
  assert.notDeepEqual(Array.from({ length: 20 }, createLatency({ latencyMs: 100, jitterMs: 20, seed: 8 }).next), drawn.slice(0, 20));
});

test('latency: no jitter waits exactly the latency; a jitter larger than the latency never goes below 0', () => {
  const exact = createLatency({ latencyMs: 50 });
  assert.deepEqual([exact.next(), exact.next()], [50, 50]);
  const wide = createLatency({ latencyMs: 5, jitterMs: 50, seed: 3 });
  assert.ok(Array.from({ length: 100 }, wide.next).every((ms) => ms >= 0 && ms <= 55));
});

test('latency: bad values are a config error', () => {
  assert.throws(() => createLatency({ latencyMs: -1 }), { code: 'ERR_MOCK_CONFIG', message: /latency must be a number of ms ≥ 0, got -1/ });
  assert.throws(() => createLatency({ latencyMs: 1, jitterMs: Number.NaN }), { code: 'ERR_MOCK_CONFIG', message: /jitter must be/ });
});

test('a started mock waits the drawn delay before every answer (injected wait, no real sleep)', async () => {
  const waits: number[] = [];
  const site = await startMock({ port: 0, latency: { latencyMs: 100, jitterMs: 10, seed: 5, delay: async (ms) => void waits.push(ms) } });
  try {
    for (let i = 0; i < 3; i += 1) assert.equal((await fetch(`${site.restUrl}/aam/v2/jwt/validate`, { method: 'POST' })).status, 400);
  } finally {
    await site.close();
  }
  const expected = createLatency({ latencyMs: 100, jitterMs: 10, seed: 5 });
  assert.deepEqual(waits, [expected.next(), expected.next(), expected.next()]);
});

test('cli: --latency and --jitter (and their environment variables)', () => {
  assert.deepEqual(parseCli(['--latency', '100', '--jitter', '20'], {}), { port: 8080, host: '127.0.0.1', latency: { latencyMs: 100, jitterMs: 20 } });
  assert.deepEqual(parseCli([], { AAM_MOCK_LATENCY: '40' }), { port: 8080, host: '127.0.0.1', latency: { latencyMs: 40, jitterMs: 0 } });
  assert.throws(() => parseCli(['--latency', 'slow'], {}), { code: 'ERR_MOCK_USAGE', message: /--latency must be an integer/ });
});
