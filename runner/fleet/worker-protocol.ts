/**
 * What crosses the thread boundary between the fleet's coordinator (run-fleet.ts, worker-pool.ts) and a worker
 * thread that runs sites (site-worker.ts): plain data, structured-cloned, never a closure.
 *
 * - At start (`workerData`): the settings every site shares; no site, no secret.
 * - Coordinator → worker: `run` a site (its index, its job, its own resolved target: the only secrets a
 *   worker ever gets are those of the sites it runs), and `abort` (Ctrl-C: stop every running site after
 *   its current request; the clean-up still runs).
 * - Worker → coordinator: a site's `phase` (progress board), `log` text (redacted with the site's own
 *   secrets), and its end: the `outcome`, or `failed` when the task itself threw (a runner bug).
 */
import type { SiteOutcome, SitePhase } from './fleet-model.js';
import type { SiteJob } from './site-outcome.js';
import type { ResolvedSite } from './site-target.js';

/** `workerData` of every worker thread. */
export interface WorkerSettings {
  /** Repository root (collections/, environments/, spec/). */
  readonly root: string;
  readonly reportsDir: string;
  readonly requestTimeoutMs: number;
  readonly totalTimeoutMs: number;
}

export type ToWorker =
  | { readonly kind: 'run'; readonly index: number; readonly site: SiteJob; readonly resolved: ResolvedSite }
  | { readonly kind: 'abort' };

export type FromWorker =
  | { readonly kind: 'phase'; readonly index: number; readonly phase: SitePhase }
  | { readonly kind: 'log'; readonly index: number; readonly text: string }
  | { readonly kind: 'outcome'; readonly index: number; readonly outcome: SiteOutcome }
  | { readonly kind: 'failed'; readonly index: number; readonly message: string };

const FROM_WORKER_KINDS: ReadonlySet<string> = new Set(['phase', 'log', 'outcome', 'failed']);

/** A message of a worker thread, as far as the coordinator relies on it (its kind and its site's index). */
export function isFromWorker(value: unknown): value is FromWorker {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, index } = value as { kind?: unknown; index?: unknown };
  return typeof kind === 'string' && FROM_WORKER_KINDS.has(kind) && Number.isInteger(index);
}

/** The `workerData` a worker was started with, checked. */
export function isWorkerSettings(value: unknown): value is WorkerSettings {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.root === 'string' && typeof v.reportsDir === 'string' && typeof v.requestTimeoutMs === 'number' && typeof v.totalTimeoutMs === 'number';
}
