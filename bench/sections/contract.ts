/**
 * Section 3 — contract run (issue 16): the "Contract scenarios" folder of the 6.9.32 collection against
 * our mock, three ways, interleaved per round:
 * - bare Newman: the collection with every script removed, run by Newman in a plain Node process (the
 *   floor: Newman sending the same requests); the mock runs in its own process, started before and not counted;
 * - the sandbox's floor: the same collection with every script replaced by one trivial line (events kept);
 * - the least any in-Newman test can cost: only the collection's test, as that trivial line (one sandbox run
 *   per request, no pre-request);
 * - Newman with our collection (every assertion), the same way;
 * - `npm run contract` as a whole (npm, the runner, checking the generated files, starting the mock in the
 *   same process, Newman, coverage, the JUnit and HTML reports).
 * Wall time, CPU time (user + system of the process and the children it waited for) and peak RSS of each.
 * Skips with "not available yet" while the root package.json has no `contract` script.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureProcess, type Measurement } from '../lib/measure.js';
import { ROOT_DIR } from '../lib/paths.js';
import { startServerProcess } from '../lib/server-process.js';

export type ContractTool = 'bare' | 'one-test' | 'trivial' | 'ours' | 'contract' | 'before-ours' | 'before-contract';

export interface ContractSeries {
  readonly wallMs: number[];
  readonly cpuMs: number[];
  readonly peakRssKib: number[];
}

export interface ContractReport {
  readonly skipped: string;
  /** Kept for results stored before issue 16: `npm run contract` alone. */
  readonly wallMs: number[];
  readonly peakRssKib: number[];
  readonly failures: readonly string[];
  /** Per tool, one entry per successful round (same index = same round); the before-* tools only with a baseline. */
  readonly series?: Readonly<Partial<Record<ContractTool, ContractSeries>>>;
  /** The baseline checkout (`--contract-baseline`): its commit, measured the same way. */
  readonly baseline?: string;
  /** Requests and assertions of our Newman run (the last round). */
  readonly requests?: number;
  readonly assertions?: number;
}

/** Whether a package.json text defines `scripts.contract`. */
export function hasContractScript(packageJson: string): boolean {
  const parsed = JSON.parse(packageJson) as { scripts?: Record<string, unknown> };
  return typeof parsed.scripts?.contract === 'string';
}

export interface ContractOptions {
  readonly runs: number;
  /** Another checkout measured alongside ('' = none): its collection through Newman and its `npm run contract`. */
  readonly baseline?: string;
  readonly log: (line: string) => void;
}

const WORKER = fileURLToPath(new URL('../workers/newman-folder.mjs', import.meta.url));
const SERVE_OURS = fileURLToPath(new URL('../workers/serve-ours.ts', import.meta.url));
const COLLECTION = join(ROOT_DIR, 'collections', 'aam-6.9.32.postman_collection.json');
const ENVIRONMENT = join(ROOT_DIR, 'environments', 'aam-6.9.32', 'local.postman_environment.json');

/** One Newman run of the folder against a fresh mock in its own process. */
async function newmanRound(mode: 'bare' | 'one-test' | 'trivial' | 'full', collection = COLLECTION): Promise<Measurement> {
  const mock = await startServerProcess({
    name: 'our mock',
    command: process.execPath,
    args: ['--import', 'tsx', SERVE_OURS],
    cwd: ROOT_DIR,
    ready: (line) => line.startsWith('{'),
    timeoutMs: 60_000,
  });
  try {
    const { restUrl } = JSON.parse(mock.readyLine) as { restUrl: string };
    return await measureProcess({ command: process.execPath, args: [WORKER, collection, ENVIRONMENT, restUrl, ...(mode === 'full' ? [] : [`--${mode}`])], cwd: ROOT_DIR, timeoutMs: 600_000 });
  } finally {
    mock.stop();
  }
}

function contractRound(cwd = ROOT_DIR): Promise<Measurement> {
  return measureProcess({ command: 'npm', args: ['run', '--silent', 'contract', '--', '--reports', join(cwd, 'reports')], cwd, timeoutMs: 600_000 });
}

function commitOf(dir: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export async function runContractSection(options: ContractOptions): Promise<ContractReport> {
  if (!hasContractScript(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8'))) {
    const skipped = 'contract run not available yet (no `contract` script in package.json, issue 5)';
    options.log(skipped);
    return { skipped, wallMs: [], peakRssKib: [], failures: [] };
  }
  const empty = (): ContractSeries => ({ wallMs: [], cpuMs: [], peakRssKib: [] });
  const baseline = options.baseline ?? '';
  const tools: ContractTool[] = ['bare', 'one-test', 'trivial', 'ours', 'contract', ...(baseline === '' ? [] : (['before-ours', 'before-contract'] as const))];
  const series: Partial<Record<ContractTool, ContractSeries>> = Object.fromEntries(tools.map((tool) => [tool, empty()]));
  const failures: string[] = [];
  let counts: { requests: number; assertions: number } | undefined;
  const measure = (tool: ContractTool): Promise<Measurement> => {
    switch (tool) {
      case 'bare':
        return newmanRound('bare');
      case 'one-test':
        return newmanRound('one-test');
      case 'trivial':
        return newmanRound('trivial');
      case 'ours':
        return newmanRound('full');
      case 'contract':
        return contractRound();
      case 'before-ours':
        return newmanRound('full', join(baseline, 'collections', 'aam-6.9.32.postman_collection.json'));
      case 'before-contract':
        return contractRound(baseline);
    }
  };
  // warm-up (not measured): the generated files are made current, caches (tsx, the runner's bundle, the disk) filled
  options.log('contract warm-up: npm run contract');
  await contractRound();
  if (baseline !== '') await contractRound(baseline);
  for (let run = 0; run < options.runs; run++) {
    const round = new Map<ContractTool, Measurement>();
    for (const tool of tools) {
      const m = await measure(tool);
      if (m.exitCode !== 0 || m.timedOut) {
        const tail = (m.stderrTail.trim() || m.stdoutTail.trim()).split('\n').slice(-1)[0] ?? '';
        failures.push(`${tool}: ${m.timedOut ? 'timed out' : `exit ${String(m.exitCode)}: ${tail.slice(0, 200)}`}`);
      } else {
        round.set(tool, m);
        if (tool === 'ours') counts = JSON.parse(m.stdoutTail.trim().split('\n').pop() ?? '{}') as typeof counts;
      }
      options.log(`contract run ${run + 1}/${options.runs} ${tool}: ${round.has(tool) ? `${Math.round(m.wallMs)} ms wall, ${m.cpuMs} ms CPU, ${Math.round(m.peakRssKib / 1024)} MiB` : failures[failures.length - 1]}`);
    }
    // only complete rounds count, so that ratios compare runs of the same moment
    if (round.size === tools.length) {
      for (const [tool, m] of round) {
        const s = series[tool] ?? empty();
        s.wallMs.push(m.wallMs);
        s.cpuMs.push(m.cpuMs);
        s.peakRssKib.push(m.peakRssKib);
      }
    }
  }
  const contract = series.contract ?? empty();
  return {
    skipped: '',
    wallMs: contract.wallMs,
    peakRssKib: contract.peakRssKib,
    failures,
    series,
    ...(baseline === '' ? {} : { baseline: commitOf(baseline) }),
    ...(counts === undefined ? {} : counts),
  };
}
