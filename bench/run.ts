/**
 * `npm run bench`: installs bench/'s own dependencies on first use, runs the selected sections and
 * writes bench/RESULTS.md. Each section's raw result is kept in bench/.cache/results/<section>.json, so a
 * partial run (`--only mock`) regenerates the report with the other sections' last measurements.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BENCH_USAGE, parseBenchArgs } from './lib/args.js';
import type { BenchOptions, Section } from './lib/args.js';
import { BenchError } from './lib/errors.js';
import { ensureBenchInstall } from './lib/ensure-install.js';
import { machineInfo, versions } from './lib/machine.js';
import { CACHE_DIR, ROOT_DIR } from './lib/paths.js';
import { renderResults } from './lib/report.js';
import type { Stamped } from './lib/report.js';

const RESULTS_DIR = join(CACHE_DIR, 'results');
/** Sections that run peers or corpora from bench/'s own install. */
const NEEDS_BENCH_INSTALL: ReadonlySet<Section> = new Set(['generator', 'corpus', 'mock']);

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT_DIR, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function loadStamped<T>(section: Section): Stamped<T> | undefined {
  const path = join(RESULTS_DIR, `${section}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Stamped<T>) : undefined;
}

async function runSection(section: Section, options: BenchOptions): Promise<unknown> {
  // Sections are imported lazily: they load the bench install's packages.
  switch (section) {
    case 'generator':
      return (await import('./sections/generator.js')).runGeneratorSection({ runs: options.runs, log });
    case 'corpus':
      return (await import('./sections/corpus.js')).runCorpusSection({ limit: options.corpusLimit, timeoutS: options.corpusTimeout, log });
    case 'contract':
      return (await import('./sections/contract.js')).runContractSection({ runs: options.contractRuns, baseline: options.contractBaseline, log });
    case 'fleet':
      return (await import('./sections/fleet.js')).runFleetSection({ rounds: options.fleetRounds, sites: options.fleetSites, latencyMs: options.fleetLatency, workers: options.fleetWorkers, log });
    case 'mock':
      return (await import('./sections/mock.js')).runMockSection({
        durationS: options.mockDuration,
        rounds: options.mockRounds,
        connections: options.connections,
        log,
      });
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseBenchArgs(argv);
  // the contract and fleet sections need the root install only
  if (!options.renderOnly && options.only.some((section) => NEEDS_BENCH_INSTALL.has(section))) ensureBenchInstall(log);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const fresh = new Map<Section, Stamped<unknown>>();
  for (const section of options.renderOnly ? [] : options.only) {
    log(`section ${section}: start`);
    const report = await runSection(section, options);
    const stamped: Stamped<unknown> = { measuredAt: new Date().toISOString().slice(0, 10), command, report };
    fresh.set(section, stamped);
    if (options.noStore) log(`section ${section}: done (--no-store: not stored)`);
    else {
      writeFileSync(join(RESULTS_DIR, `${section}.json`), `${JSON.stringify(stamped, null, 2)}\n`);
      log(`section ${section}: done`);
    }
  }
  // this run's sections, else the stored ones
  const latest = <T>(section: Section): Stamped<T> | undefined => (fresh.get(section) as Stamped<T> | undefined) ?? loadStamped<T>(section);
  const markdown = renderResults({
    machine: machineInfo(),
    versions: versions(gitCommit()),
    generator: latest('generator'),
    corpus: latest('corpus'),
    contract: latest('contract'),
    mock: latest('mock'),
    fleet: latest('fleet'),
  });
  if (options.out !== '') {
    const out = resolve(ROOT_DIR, options.out);
    writeFileSync(out, markdown);
    log(`wrote ${relative(ROOT_DIR, out)}`);
  } else {
    process.stdout.write(markdown);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof BenchError) {
    process.stderr.write(`bench: ${error.message} (${error.code})\n${error.code === 'ERR_BENCH_ARGS' ? `${BENCH_USAGE}\n` : ''}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
