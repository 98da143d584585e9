/** Command-line options of `npm run bench`, parsed once into a complete options object. */
import { parseArgs } from 'node:util';
import { BenchError } from './errors.js';

export const SECTIONS = ['generator', 'corpus', 'contract', 'mock', 'fleet'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** Sections to run, in the fixed order of SECTIONS. */
  readonly only: readonly Section[];
  /** Repetitions per tool and spec in the generator section (median reported). */
  readonly runs: number;
  /** Corpus sample size: 0 = every OpenAPI 3.x document; N = an evenly spaced, deterministic sample of N. */
  readonly corpusLimit: number;
  /** Per-document time limit in the corpus section, in seconds. */
  readonly corpusTimeout: number;
  /** Seconds of load per autocannon measurement. */
  readonly mockDuration: number;
  /** Interleaved rounds per mock target and route (median reported). */
  readonly mockRounds: number;
  /** autocannon connections. */
  readonly connections: number;
  /** Repetitions of the contract run. */
  readonly contractRuns: number;
  /** Another checkout (e.g. a worktree of the commit before a change) whose contract run is measured alongside; '' = none. */
  readonly contractBaseline: string;
  /** Interleaved rounds (one site, then the fleet) of the fleet section. */
  readonly fleetRounds: number;
  /** Mock sites of the fleet (also its concurrency). */
  readonly fleetSites: number;
  /** Simulated network latency of each fleet mock, ms (±10 ms jitter). */
  readonly fleetLatency: number;
  /** The fleet's worker threads (`--workers`); 0 = the runner's default (one per core). */
  readonly fleetWorkers: number;
  /** Only re-render RESULTS.md from the stored section results; measure nothing. */
  readonly renderOnly: boolean;
  /** Where to write the report; '' = do not write. */
  readonly out: string;
  /**
   * Do not store the measured sections in bench/.cache/results/ (a trial run, e.g. a corpus sample, that must
   * not replace the last full measurement); the report still shows them, printed unless --out is given.
   */
  readonly noStore: boolean;
}

export const BENCH_USAGE = `usage: npm run bench -- [--only generator,corpus,contract,mock,fleet] [--runs N]
       [--corpus-limit N] [--corpus-timeout S] [--mock-duration S] [--mock-rounds N] [--connections N]
       [--contract-runs N] [--contract-baseline DIR] [--fleet-rounds N] [--fleet-sites N] [--fleet-latency MS]
       [--fleet-workers N]
       [--out FILE] [--render-only] [--no-store]`;

const DEFAULTS = {
  runs: 5,
  corpusLimit: 0,
  corpusTimeout: 60,
  mockDuration: 5,
  mockRounds: 3,
  connections: 10,
  contractRuns: 3,
  fleetRounds: 1,
  fleetSites: 8,
  fleetLatency: 100,
  fleetWorkers: 0,
  out: 'bench/RESULTS.md',
} as const;

function toCount(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new BenchError('ERR_BENCH_ARGS', `--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min) throw new BenchError('ERR_BENCH_ARGS', `--${name} must be at least ${min}, got ${value}`);
  return value;
}

function toSections(raw: string | undefined): Section[] {
  if (raw === undefined) return [...SECTIONS];
  const wanted = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const name of wanted) {
    if (!(SECTIONS as readonly string[]).includes(name)) {
      throw new BenchError('ERR_BENCH_ARGS', `unknown section "${name}" in --only (expected ${SECTIONS.join(', ')})`);
    }
  }
  if (wanted.length === 0) throw new BenchError('ERR_BENCH_ARGS', '--only needs at least one section');
  return SECTIONS.filter((s) => wanted.includes(s));
}

/** Parses `process.argv.slice(2)`; throws BenchError('ERR_BENCH_ARGS') on bad input. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        only: { type: 'string' },
        runs: { type: 'string' },
        'corpus-limit': { type: 'string' },
        'corpus-timeout': { type: 'string' },
        'mock-duration': { type: 'string' },
        'mock-rounds': { type: 'string' },
        connections: { type: 'string' },
        'contract-runs': { type: 'string' },
        'contract-baseline': { type: 'string' },
        'fleet-rounds': { type: 'string' },
        'fleet-sites': { type: 'string' },
        'fleet-latency': { type: 'string' },
        'fleet-workers': { type: 'string' },
        out: { type: 'string' },
        'render-only': { type: 'boolean' },
        'no-store': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new BenchError('ERR_BENCH_ARGS', (error as Error).message, { cause: error });
  }
  return {
    only: toSections(values.only),
    runs: toCount('runs', values.runs, DEFAULTS.runs, 1),
    corpusLimit: toCount('corpus-limit', values['corpus-limit'], DEFAULTS.corpusLimit, 0),
    corpusTimeout: toCount('corpus-timeout', values['corpus-timeout'], DEFAULTS.corpusTimeout, 1),
    mockDuration: toCount('mock-duration', values['mock-duration'], DEFAULTS.mockDuration, 1),
    mockRounds: toCount('mock-rounds', values['mock-rounds'], DEFAULTS.mockRounds, 1),
    connections: toCount('connections', values.connections, DEFAULTS.connections, 1),
    contractRuns: toCount('contract-runs', values['contract-runs'], DEFAULTS.contractRuns, 1),
    contractBaseline: values['contract-baseline'] ?? '',
    fleetRounds: toCount('fleet-rounds', values['fleet-rounds'], DEFAULTS.fleetRounds, 1),
    fleetSites: toCount('fleet-sites', values['fleet-sites'], DEFAULTS.fleetSites, 2),
    fleetLatency: toCount('fleet-latency', values['fleet-latency'], DEFAULTS.fleetLatency, 0),
    fleetWorkers: toCount('fleet-workers', values['fleet-workers'], DEFAULTS.fleetWorkers, 0),
    renderOnly: values['render-only'] ?? false,
    // a --no-store run prints its report unless told where to write it: RESULTS.md keeps stored results only
    out: values.out ?? (values['no-store'] === true ? '' : DEFAULTS.out),
    noStore: values['no-store'] ?? false,
  };
}
