import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Catalogue, Fault } from './fault-model.js';
import { runFault, type FaultOutcome } from './run-fault.js';
import type { WorkerJob, WorkerReply } from './worker.js';

export interface CatalogueOptions {
  /** The generation's catalogue: its mock, collection and route map. */
  readonly catalogue: Catalogue;
  /** The faults to run (default: the whole catalogue). */
  readonly faults?: readonly Fault[];
  /** Runs at once; 1 runs in this process, more fork worker processes (default: the CPU count, at most 4). */
  readonly concurrency?: number;
  /** Stop each fault's run at its first failing request (default true). */
  readonly bail?: boolean;
  /** Called as each outcome arrives (progress). */
  readonly onOutcome?: (outcome: FaultOutcome) => void;
}

export interface CatalogueResult {
  /** The run without a fault: must be clean, otherwise the harness (or the suite) is broken. */
  readonly control: FaultOutcome;
  /** One outcome per fault, in catalogue order. */
  readonly outcomes: readonly FaultOutcome[];
  readonly durationMs: number;
}

/** One run per CPU (a run is CPU-bound in Postman's sandbox), at most 4. */
export const DEFAULT_CONCURRENCY = Math.min(4, availableParallelism());

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** An outcome for a job that could not run at all. */
function errorOutcome(faultId: string | undefined, error: string): FaultOutcome {
  return { faultId, killed: false, killers: [], failures: 0, requests: 0, assertions: 0, altered: 0, harnessError: error, durationMs: 0 };
}

function ask(child: ChildProcess, job: WorkerJob): Promise<FaultOutcome> {
  const faultId = job.faultId ?? undefined;
  return new Promise((resolve) => {
    const done = (outcome: FaultOutcome): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(outcome);
    };
    const onMessage = (reply: WorkerReply): void => done(reply.ok ? reply.outcome : errorOutcome(faultId, reply.error));
    const onExit = (code: number | null): void => done(errorOutcome(faultId, `worker process exited (${code ?? 'signal'})`));
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(job);
  });
}

async function runJobs(jobs: readonly WorkerJob[], concurrency: number, catalogue: Catalogue, onOutcome: (outcome: FaultOutcome) => void): Promise<FaultOutcome[]> {
  const results: FaultOutcome[] = [];
  let next = 0;
  const take = (): { index: number; job: WorkerJob } | undefined => {
    const job = jobs[next];
    return job === undefined ? undefined : { index: next++, job };
  };
  const record = (index: number, outcome: FaultOutcome): void => {
    results[index] = outcome;
    onOutcome(outcome);
  };
  if (concurrency <= 1) {
    for (let item = take(); item !== undefined; item = take()) {
      const { faultId, bail } = item.job;
      const fault = catalogue.faults.find((candidate) => candidate.id === faultId);
      record(item.index, await runFault(catalogue, fault, { bail }).catch((err: unknown) => errorOutcome(faultId ?? undefined, err instanceof Error ? err.message : String(err))));
    }
    return results;
  }
  const workers = Array.from({ length: Math.min(concurrency, jobs.length) }, () =>
    fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
  try {
    await Promise.all(
      workers.map(async (child) => {
        // A worker that died stops taking jobs; the others take the rest.
        while (child.connected) {
          const item = take();
          if (item === undefined) return;
          record(item.index, await ask(child, item.job));
        }
      }),
    );
  } finally {
    for (const child of workers) if (child.connected) child.disconnect();
  }
  return jobs.map((job, index) => results[index] ?? errorOutcome(job.faultId ?? undefined, 'not run: every worker process exited'));
}

/**
 * Runs the control (no fault) and then every fault of a generation, each against a fresh mock of that
 * generation behind the fault proxy. Worker processes look faults up by id, so `faults` must come from the
 * catalogue when concurrency > 1.
 */
export async function runCatalogue(options: CatalogueOptions): Promise<CatalogueResult> {
  const started = performance.now();
  const bail = options.bail ?? true;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, availableParallelism()));
  const { catalogue } = options;
  const version = catalogue.version;
  const faults = options.faults ?? catalogue.faults;
  const jobs: WorkerJob[] = [{ version, faultId: null, bail: false }, ...faults.map((fault) => ({ version, faultId: fault.id, bail }))];
  const [control, ...outcomes] = await runJobs(jobs, concurrency, catalogue, options.onOutcome ?? (() => undefined));
  return { control: control ?? errorOutcome(undefined, 'the control did not run'), outcomes, durationMs: Math.round(performance.now() - started) };
}
