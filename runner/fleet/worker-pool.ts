/**
 * The fleet's worker threads, seen from the coordinator: at most `threads` workers (site-worker.ts), each
 * running one or more sites at once, so that the sites' Newman runs (CPU: their script sandboxes above all) use
 * every core while the main thread only coordinates. `run` sends a site to an idle worker, else starts a new
 * one while under the cap, else to the least busy; it resolves with the site's outcome and never rejects:
 * - a worker that crashes or exits ends each site it was running as `error` (ERR_WORKER), never the fleet,
 *   and the next site gets a fresh worker;
 * - after the signal aborts, every worker is told to stop its sites (each is cleaned up and ends
 *   `interrupted`), and a site not yet sent ends `interrupted` without a worker.
 * A worker gets only the settings, an environment without the fleet's secrets, and its own sites' targets.
 */
import { Worker } from 'node:worker_threads';
import type { SiteOutcome, SitePhase } from './fleet-model.js';
import { outcomeOf, problemOutcome, summaryOf, type SiteJob } from './site-outcome.js';
import type { ResolvedSite } from './site-target.js';
import { isFromWorker, type FromWorker, type ToWorker, type WorkerSettings } from './worker-protocol.js';

export interface SitePoolOptions {
  /** At most this many worker threads. */
  readonly threads: number;
  readonly settings: WorkerSettings;
  /** The workers' `process.env` (without the fleet's secrets). */
  readonly env: Readonly<Record<string, string>>;
  /** The worker's entry (default: site-worker.ts, or fleet-worker.mjs in a bundle); a `.ts` entry is loaded through tsx. */
  readonly entry?: URL;
  readonly signal?: AbortSignal;
  /** epoch milliseconds */
  readonly now: () => number;
  readonly onPhase: (index: number, phase: SitePhase) => void;
  /** A site's log text (redacted with its own secrets). */
  readonly onLog: (index: number, text: string) => void;
  /** Whatever a worker writes to its stdout or stderr (nothing should). */
  readonly onOutput: (text: string) => void;
}

export interface SitePool {
  run(index: number, site: SiteJob, resolved: ResolvedSite): Promise<SiteOutcome>;
  /** Ends every worker (after the last site). */
  close(): Promise<void>;
}

interface Pending {
  readonly site: SiteJob;
  readonly started: number;
  readonly resolve: (outcome: SiteOutcome) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly running: Map<number, Pending>;
  /** What the worker threw, when it crashed. */
  crash: string | undefined;
}

/** The worker's entry next to this module: the TypeScript source, or the bundle's `fleet-worker.mjs`. */
export function defaultWorkerEntry(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./site-worker.ts', import.meta.url) : new URL('./fleet-worker.mjs', import.meta.url);
}

export function createSitePool(options: SitePoolOptions): SitePool {
  if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError(`threads must be a positive integer, got ${options.threads}`);
  const entry = options.entry ?? defaultWorkerEntry();
  const threads: Thread[] = [];
  const aborted = (): boolean => options.signal?.aborted === true;
  const send = (thread: Thread, message: ToWorker): void => thread.worker.postMessage(message);
  const end = (index: number, pending: Pending, outcome: SiteOutcome): void => {
    options.onPhase(index, { kind: 'done', status: outcome.status, summary: summaryOf(outcome) });
    pending.resolve(outcome);
  };
  const onAbort = (): void => {
    for (const thread of threads) send(thread, { kind: 'abort' });
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const receive = (thread: Thread, message: FromWorker): void => {
    const pending = thread.running.get(message.index);
    if (pending === undefined) return;
    if (message.kind === 'phase') options.onPhase(message.index, message.phase);
    else if (message.kind === 'log') options.onLog(message.index, message.text);
    else {
      thread.running.delete(message.index);
      if (message.kind === 'outcome') pending.resolve(message.outcome);
      else failSite(message.index, pending, `the runner failed on this site: ${message.message}`);
    }
  };
  const failSite = (index: number, pending: Pending, line: string): void => {
    options.onLog(index, `\nerror: ${line} [ERR_WORKER]\n`);
    end(index, pending, problemOutcome(pending.site, 'error', options.now() - pending.started, 'ERR_WORKER', line));
  };
  const start = (): Thread => {
    const tsEntry = entry.pathname.endsWith('.ts');
    const worker = new Worker(tsEntry ? new URL('./ts-worker.mjs', import.meta.url) : entry, {
      workerData: { ...options.settings, ...(tsEntry ? { tsEntry: entry.href } : {}) },
      env: { ...options.env },
      stdout: true,
      stderr: true,
    });
    const thread: Thread = { worker, running: new Map(), crash: undefined };
    worker.stdout.on('data', (chunk: Buffer) => options.onOutput(chunk.toString('utf8')));
    worker.stderr.on('data', (chunk: Buffer) => options.onOutput(chunk.toString('utf8')));
    worker.on('message', (message: unknown) => {
      if (isFromWorker(message)) receive(thread, message);
    });
    worker.on('error', (err: unknown) => {
      thread.crash ??= String((err as { message?: unknown } | null)?.message ?? err);
    });
    worker.on('exit', (code) => {
      const at = threads.indexOf(thread);
      if (at >= 0) threads.splice(at, 1);
      const why = thread.crash === undefined ? `the worker thread running this site exited (code ${code})` : `the worker thread running this site crashed: ${thread.crash}`;
      for (const [index, pending] of thread.running) failSite(index, pending, why);
      thread.running.clear();
    });
    threads.push(thread);
    return thread;
  };
  const pick = (): Thread => {
    const idle = threads.find((thread) => thread.running.size === 0);
    if (idle !== undefined) return idle;
    if (threads.length < options.threads) return start();
    return threads.reduce((least, thread) => (thread.running.size < least.running.size ? thread : least));
  };

  return {
    run(index, site, resolved) {
      return new Promise<SiteOutcome>((resolve) => {
        const pending: Pending = { site, started: options.now(), resolve };
        if (aborted()) {
          end(index, pending, outcomeOf(site, 'interrupted', 0, { problem: { code: 'ERR_INTERRUPTED', message: 'interrupted before the site ran' } }));
          return;
        }
        const thread = pick();
        thread.running.set(index, pending);
        send(thread, { kind: 'run', index, site, resolved });
      });
    },
    async close() {
      options.signal?.removeEventListener('abort', onAbort);
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}
