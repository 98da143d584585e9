/**
 * Simulated network latency for the mock (`--latency MS --jitter MS`): a fleet of remote sites can be
 * simulated on one machine. Each request waits `latency ± jitter` ms before the site answers it; the
 * jitter comes from a seeded generator, so two runs with the same seed wait the same times.
 */

export interface LatencyOptions {
  /** mean delay per request, ms (0 = none) */
  latencyMs: number;
  /** each delay is drawn uniformly from [latency − jitter, latency + jitter], never below 0 */
  jitterMs?: number;
  /** seed of the jitter (default 1) */
  seed?: number;
  /** how to wait (default: a timer); tests inject their own */
  delay?: (ms: number) => Promise<void>;
}

export class LatencyConfigError extends Error {
  readonly code = 'ERR_MOCK_CONFIG';
}

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const timer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The delays of successive requests, and how to wait for them. Throws LatencyConfigError on bad values. */
export function createLatency(options: LatencyOptions): { next(): number; wait(): Promise<void> } {
  const { latencyMs, jitterMs = 0, seed = 1, delay = timer } = options;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new LatencyConfigError(`latency must be a number of ms ≥ 0, got ${latencyMs}`);
  if (!Number.isFinite(jitterMs) || jitterMs < 0) throw new LatencyConfigError(`jitter must be a number of ms ≥ 0, got ${jitterMs}`);
  const random = seeded(seed);
  const next = (): number => Math.max(0, Math.round(latencyMs + (random() * 2 - 1) * jitterMs));
  return {
    next,
    wait: () => {
      const ms = next();
      return ms === 0 ? Promise.resolve() : delay(ms);
    },
  };
}
