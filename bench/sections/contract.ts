/**
 * Section 3 — contract run: wall time of the full Newman suite against the mock (`npm run contract`,
 * issue 5). Skips with "not available yet" while the root package.json has no `contract` script.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureProcess } from '../lib/measure.js';
import { ROOT_DIR } from '../lib/paths.js';

export interface ContractReport {
  readonly skipped: string;
  readonly wallMs: number[];
  readonly peakRssKib: number[];
  readonly failures: readonly string[];
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

export async function runContractSection(options: ContractOptions): Promise<ContractReport> {
  if (!hasContractScript(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8'))) {
    const skipped = 'contract run not available yet (no `contract` script in package.json, issue 5)';
    options.log(skipped);
    return { skipped, wallMs: [], peakRssKib: [], failures: [] };
  }
  const wallMs: number[] = [];
  const peakRssKib: number[] = [];
  const failures: string[] = [];
  for (let run = 0; run < options.runs; run++) {
    const m = await measureProcess({ command: 'npm', args: ['run', '--silent', 'contract'], cwd: ROOT_DIR, timeoutMs: 600_000 });
    if (m.exitCode === 0 && !m.timedOut) {
      wallMs.push(m.wallMs);
      peakRssKib.push(m.peakRssKib);
    } else {
      const tail = m.stderrTail.trim().split('\n').slice(-1)[0] ?? '';
      failures.push(m.timedOut ? 'timed out' : `exit ${String(m.exitCode)}: ${tail.slice(0, 200)}`);
    }
    options.log(`contract run ${run + 1}/${options.runs}: ${m.exitCode === 0 ? `${Math.round(m.wallMs)} ms` : failures[failures.length - 1]}`);
  }
  return { skipped: '', wallMs, peakRssKib, failures };
}
