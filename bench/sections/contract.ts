/**
 * Section 3 — contract run (issue 16): the "Contract scenarios" folder of the 6.9.32 collection against
 * our mock, three ways, interleaved per round:
 * - bare Newman: the collection with every script removed, run by Newman in a plain Node process (the
 *   floor: Newman sending the same requests); the mock runs in its own process, started before and not counted;
 * - Newman with our collection (every assertion), the same way;
 * - `npm run contract` as a whole (npm, the runner, checking the generated files, starting the mock in the
 *   same process, Newman, coverage, the JUnit and HTML reports).
 * Wall time, CPU time (user + system of the process and the children it waited for) and peak RSS of each.
 * Skips with "not available yet" while the root package.json has no `contract` script.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureProcess, type Measurement } from '../lib/measure.js';
import { ROOT_DIR } from '../lib/paths.js';
import { startServerProcess } from '../lib/server-process.js';

export type ContractTool = 'bare' | 'ours' | 'contract';

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
  /** Per tool, one entry per successful round (same index = same round). */
  readonly series?: Readonly<Record<ContractTool, ContractSeries>>;
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
  readonly log: (line: string) => void;
}

const WORKER = fileURLToPath(new URL('../workers/newman-folder.mjs', import.meta.url));
const SERVE_OURS = fileURLToPath(new URL('../workers/serve-ours.ts', import.meta.url));
const COLLECTION = join(ROOT_DIR, 'collections', 'aam-6.9.32.postman_collection.json');
const ENVIRONMENT = join(ROOT_DIR, 'environments', 'aam-6.9.32', 'local.postman_environment.json');

/** One Newman run of the folder against a fresh mock in its own process. */
async function newmanRound(bare: boolean): Promise<Measurement> {
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
    return await measureProcess({ command: process.execPath, args: [WORKER, COLLECTION, ENVIRONMENT, restUrl, ...(bare ? ['--bare'] : [])], cwd: ROOT_DIR, timeoutMs: 600_000 });
  } finally {
    mock.stop();
  }
}

function contractRound(): Promise<Measurement> {
  return measureProcess({ command: 'npm', args: ['run', '--silent', 'contract'], cwd: ROOT_DIR, timeoutMs: 600_000 });
}

export async function runContractSection(options: ContractOptions): Promise<ContractReport> {
  if (!hasContractScript(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8'))) {
    const skipped = 'contract run not available yet (no `contract` script in package.json, issue 5)';
    options.log(skipped);
    return { skipped, wallMs: [], peakRssKib: [], failures: [] };
  }
  const empty = (): ContractSeries => ({ wallMs: [], cpuMs: [], peakRssKib: [] });
  const series: Record<ContractTool, ContractSeries> = { bare: empty(), ours: empty(), contract: empty() };
  const failures: string[] = [];
  let counts: { requests: number; assertions: number } | undefined;
  // warm-up (not measured): the generated files are made current, tsx's cache and the disk cache are filled
  options.log('contract warm-up: npm run contract');
  await contractRound();
  for (let run = 0; run < options.runs; run++) {
    const round = new Map<ContractTool, Measurement>();
    for (const tool of ['bare', 'ours', 'contract'] as const) {
      const m = tool === 'contract' ? await contractRound() : await newmanRound(tool === 'bare');
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
    if (round.size === 3) {
      for (const [tool, m] of round) {
        series[tool].wallMs.push(m.wallMs);
        series[tool].cpuMs.push(m.cpuMs);
        series[tool].peakRssKib.push(m.peakRssKib);
      }
    }
  }
  return { skipped: '', wallMs: series.contract.wallMs, peakRssKib: series.contract.peakRssKib, failures, series, ...(counts === undefined ? {} : counts) };
}
