/**
 * `runFleet(options)`: the contract suite against every site of a sites file, at most `concurrency` at a time.
 * The main thread coordinates; the sites run in worker threads (worker-pool.ts → site-worker.ts), so that
 * their Newman runs use every core. Each site runs the single-site pipeline (site-task.ts → `runContract`) with
 * its own Newman run, and so its own cookie jar, environment, sandbox context and reports; a site that is
 * down, slow or failing — or whose worker dies — is only that site's status. Progress is live (progress.ts); at
 * the end the table is printed and reports/fleet.html, reports/fleet-junit.xml and reports/fleet.json are
 * written — every output of the coordinator through a redactor that knows every site's secrets.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRedactor } from '../redact.js';
import { regenerateIfStale } from '../../generators/fresh-outputs.js';
import { targetSecrets } from '../target-secrets.js';
import { fleetExitCode, type FleetResult, type SiteOutcome } from './fleet-model.js';
import { createPlainBoard, createTtyBoard, type ProgressBoard } from './progress.js';
import { fleetHtml } from './report-html.js';
import { fleetJson } from './report-json.js';
import { fleetJunit } from './report-junit.js';
import { formatFleetTable } from './report-table.js';
import { runBounded } from './scheduler.js';
import { loadSitesFile } from './sites-file.js';
import { resolveSite } from './site-target.js';
import { workerEnv } from './worker-env.js';
import { createSitePool } from './worker-pool.js';

export const FLEET_REPORTS = { html: 'fleet.html', junit: 'fleet-junit.xml', json: 'fleet.json' } as const;

export interface FleetOptions {
  readonly sitesFile: string;
  readonly concurrency: number;
  /** Worker threads the sites run in (default {@link defaultWorkers}); each runs up to ⌈concurrency ÷ workers⌉ sites at once. */
  readonly workers?: number;
  /** Repository root (default: the working directory). */
  readonly root?: string;
  readonly reportsDir: string;
  /** Regenerate collections/ and environments/ once before the sites run. */
  readonly generate: boolean;
  readonly requestTimeoutMs: number;
  /** Per site: preflight and run (the clean-up runs after it in any case). */
  readonly totalTimeoutMs: number;
  /** Aborting stops every running site (each is cleaned up) and starts no other. */
  readonly signal?: AbortSignal;
  /** Where secret references `{ env: NAME }` are looked up; the workers get it without those variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readFile?: (path: string) => string;
  /** `tty`: lines redrawn in place; `plain`: a line per change (CI logs); `none`. */
  readonly progress: 'tty' | 'plain' | 'none';
  /** Terminal width for the `tty` board. */
  readonly columns?: () => number;
  /** Progress and the table (already redacted). */
  readonly write: (text: string) => void;
  /** The fleet's clock, epoch milliseconds (default Date.now); the sites' own timing runs on their workers' clocks. */
  readonly now?: () => number;
  /** The workers' entry (tests); default worker-pool.ts's {@link defaultWorkerEntry}. */
  readonly workerEntry?: URL;
}

/** Worker threads by default: one per core (the sites' CPU is what the fleet cannot overlap), at most one per slot. */
export function defaultWorkers(concurrency: number, cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(concurrency, cores));
}

/** Runs the fleet; throws `SitesFileError` (exit 2) for a bad sites file, before any site is contacted. */
export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const now = options.now ?? Date.now;
  const root = options.root ?? process.cwd();
  const sites = await loadSitesFile(options.sitesFile);
  const sources = { env: options.env, baseDir: dirname(resolve(options.sitesFile)), ...(options.readFile === undefined ? {} : { readFile: options.readFile }) };
  const resolved = sites.map((site) => resolveSite(site, sources));
  const secrets = resolved.flatMap((r) => (r.ok ? targetSecrets(r.target) : []));
  const redactor = createRedactor(secrets);
  const redact = (text: string): string => redactor.redact(text);
  const write = (text: string): void => options.write(redact(text));
  if (options.generate) await regenerateIfStale(root);

  const started = now();
  const startedAt = new Date(started).toISOString();
  const names = sites.map((site) => site.name);
  const board: ProgressBoard =
    options.progress === 'tty' ? createTtyBoard(write, names, options.columns ?? (() => 100)) : options.progress === 'plain' ? createPlainBoard(write, names) : { update: () => undefined, close: () => undefined };
  const logs = sites.map(() => '');
  const workers = options.workers ?? defaultWorkers(options.concurrency);
  const pool = createSitePool({
    threads: workers,
    settings: { root, reportsDir: options.reportsDir, requestTimeoutMs: options.requestTimeoutMs, totalTimeoutMs: options.totalTimeoutMs },
    env: workerEnv(options.env, sites, secrets),
    ...(options.workerEntry === undefined ? {} : { entry: options.workerEntry }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    now,
    onPhase: (i, phase) => board.update(i, phase),
    onLog: (i, text) => {
      logs[i] += text;
    },
    onOutput: write,
  });
  let outcomes: SiteOutcome[];
  try {
    outcomes = await runBounded(sites, options.concurrency, async (site, i) => {
      const outcome = await pool.run(i, { name: site.name, url: site.url, aamVersion: site.aamVersion }, resolved[i] ?? { ok: false, message: 'not resolved' });
      const log = join(options.reportsDir, outcome.files.log);
      await mkdir(dirname(log), { recursive: true });
      await writeFile(log, redact(logs[i] ?? ''));
      return outcome;
    });
  } finally {
    board.close();
    await pool.close();
  }
  const result: FleetResult = {
    sitesFile: options.sitesFile,
    startedAt,
    durationMs: now() - started,
    concurrency: options.concurrency,
    workers,
    sites: outcomes,
    exitCode: fleetExitCode(outcomes, options.signal?.aborted === true),
  };
  await mkdir(options.reportsDir, { recursive: true });
  const files = [
    [FLEET_REPORTS.html, fleetHtml(result)],
    [FLEET_REPORTS.junit, fleetJunit(result)],
    [FLEET_REPORTS.json, fleetJson(result)],
  ] as const;
  for (const [name, content] of files) await writeFile(join(options.reportsDir, name), redact(content));
  const paths = files.map(([name]) => join(options.reportsDir, name));
  write(`\n${formatFleetTable(result, [`Reports: ${paths.join(', ')}; each site's own (Newman report, JUnit, run log) in ${join(options.reportsDir, 'fleet', '<site>')}/`])}`);
  return result;
}
