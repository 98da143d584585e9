/**
 * Section 5 — fleet (issue 13): `npm run contract -- --sites FILE --concurrency N` against N mocks that each
 * answer after ~100 ms (startMock's latency option, in a separate process: bench/workers/serve-fleet.ts),
 * compared in the same run with the single-site runner (`npm run contract -- --base-url URL`) against one such
 * mock. The fleet runs its sites in worker threads (`--fleet-workers N` → `--workers N`; default the runner's:
 * one per core). Targets, each a ratio of numbers measured here: fleet wall ≤ 2× one site's wall; fleet peak RSS per
 * concurrent slot ≤ 1.5× the single run's peak RSS. Rounds interleave single and fleet runs; medians shown.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureProcess, type Measurement } from '../lib/measure.js';
import { ROOT_DIR, TSX_IMPORT, WORKERS_DIR } from '../lib/paths.js';
import { startServerProcess } from '../lib/server-process.js';

export interface FleetSample {
  readonly wallMs: number;
  readonly peakRssKib: number;
  readonly cpuMs: number;
  /** The machine's 1-minute load average at the end of the run (os.loadavg), to tell a starved run. */
  readonly loadAverage?: number;
}

export interface FleetBenchReport {
  readonly sites: number;
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly aamVersion: string;
  /** Requests one site's run sends (from the fleet's JSON report), for the latency floor. */
  readonly requestsPerSite: number;
  /** Worker threads the fleet ran its sites in (from its JSON report); absent: before the fleet had workers (one thread). */
  readonly workers?: number;
  readonly single: readonly FleetSample[];
  readonly fleet: readonly FleetSample[];
  readonly failures: readonly string[];
  /** CPU cores of the machine. */
  readonly cores?: number;
}

export interface FleetBenchOptions {
  readonly rounds: number;
  readonly sites: number;
  readonly latencyMs: number;
  /** `--workers` of the fleet; 0 = the runner's default. */
  readonly workers: number;
  readonly log: (line: string) => void;
}

const JITTER_MS = 10;
const AAM_VERSION = '6.9.32';
const TARGET_USER = '4';

async function withMocks<T>(count: number, options: FleetBenchOptions, passwordFile: string, body: (urls: readonly string[]) => Promise<T>): Promise<T> {
  const server = await startServerProcess({
    name: `${count} mock(s) with ${options.latencyMs} ms latency`,
    command: process.execPath,
    args: [...TSX_IMPORT, join(WORKERS_DIR, 'serve-fleet.ts'), String(count), String(options.latencyMs), String(JITTER_MS), AAM_VERSION, passwordFile],
    cwd: ROOT_DIR,
    ready: (line) => line.startsWith('{"urls"'),
    timeoutMs: 60_000,
  });
  try {
    return await body((JSON.parse(server.readyLine) as { urls: string[] }).urls);
  } finally {
    server.stop();
  }
}

function sample(m: Measurement): FleetSample {
  return { wallMs: Math.round(m.wallMs), peakRssKib: m.peakRssKib, cpuMs: m.cpuMs, loadAverage: Math.round((loadavg()[0] ?? Number.NaN) * 10) / 10 };
}

function failure(what: string, m: Measurement): string {
  return `${what}: ${m.timedOut ? 'timed out' : `exit ${String(m.exitCode)}`} ${(m.stdoutTail + m.stderrTail).trim().split('\n').slice(-1)[0]?.slice(0, 200) ?? ''}`;
}

/** The sites of a fleet run that did not pass, from its fleet.json (when it was written): `; site-3 FAILED: first failure`. */
function notPassed(reports: string): string {
  let json: { sites?: Array<{ name: string; status: string; firstFailure: string | null }> };
  try {
    json = JSON.parse(readFileSync(join(reports, 'fleet.json'), 'utf8')) as typeof json;
  } catch {
    return '';
  }
  return (json.sites ?? [])
    .filter((site) => site.status !== 'passed')
    .map((site) => `; ${site.name} ${site.status}: ${(site.firstFailure ?? '').slice(0, 200)}`)
    .join('');
}

export async function runFleetSection(options: FleetBenchOptions): Promise<FleetBenchReport> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const password = randomBytes(12).toString('base64url');
  const passwordFile = join(scratch, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const env = { ...process.env, CI: 'true', AAM_USERNAME: 'admin', AAM_PASSWORD: password, BENCH_FLEET_PASSWORD: password };
  const single: FleetSample[] = [];
  const fleet: FleetSample[] = [];
  const failures: string[] = [];
  let requestsPerSite = Number.NaN;
  let workers: number | undefined;
  try {
    for (let round = 1; round <= options.rounds; round++) {
      await withMocks(1, options, passwordFile, async ([url]) => {
        const m = await measureProcess({
          command: 'npm',
          args: ['run', '--silent', 'contract', '--', '--no-generate', '--base-url', url ?? '', '--target-user-id', TARGET_USER, '--reports', join(scratch, 'single')],
          cwd: ROOT_DIR,
          env,
          timeoutMs: 900_000,
        });
        if (m.exitCode === 0 && !m.timedOut) single.push(sample(m));
        else failures.push(failure('single site', m));
        options.log(`fleet round ${round}/${options.rounds}: one site ${m.exitCode === 0 ? `${Math.round(m.wallMs)} ms, ${Math.round(m.peakRssKib / 1024)} MiB` : failures[failures.length - 1]}`);
      });
      await withMocks(options.sites, options, passwordFile, async (urls) => {
        const sitesFile = join(scratch, 'sites.yaml');
        const entries = urls.map((url, i) => `  - name: site-${i + 1}\n    url: ${url}\n    caller: { username: admin, password: { env: BENCH_FLEET_PASSWORD } }\n    targetUserId: ${TARGET_USER}\n`);
        writeFileSync(sitesFile, `sites:\n${entries.join('')}`);
        const reports = join(scratch, 'fleet');
        const m = await measureProcess({
          command: 'npm',
          args: ['run', '--silent', 'contract', '--', '--no-generate', '--sites', sitesFile, '--concurrency', String(options.sites), ...(options.workers > 0 ? ['--workers', String(options.workers)] : []), '--reports', reports],
          cwd: ROOT_DIR,
          env,
          timeoutMs: 1_800_000,
        });
        if (m.exitCode === 0 && !m.timedOut) {
          fleet.push(sample(m));
          const json = JSON.parse(readFileSync(join(reports, 'fleet.json'), 'utf8')) as { workers?: number; sites: Array<{ requests: number }> };
          requestsPerSite = json.sites[0]?.requests ?? Number.NaN;
          workers = json.workers;
        } else failures.push(`${failure(`fleet of ${options.sites}`, m)}${notPassed(reports)}`);
        options.log(`fleet round ${round}/${options.rounds}: ${options.sites} sites ${m.exitCode === 0 ? `${Math.round(m.wallMs)} ms, ${Math.round(m.peakRssKib / 1024)} MiB` : failures[failures.length - 1]}`);
      });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { sites: options.sites, concurrency: options.sites, latencyMs: options.latencyMs, jitterMs: JITTER_MS, aamVersion: AAM_VERSION, requestsPerSite, ...(workers === undefined ? {} : { workers }), single, fleet, failures, cores: availableParallelism() };
}
