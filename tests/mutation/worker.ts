import { catalogueOf, findFault } from './catalogue.js';
import type { AamVersion } from '../../mock/index.js';
import { runFault, type FaultOutcome } from './run-fault.js';

/** A job sent to a worker process: one fault id, or null for the control run. */
export interface WorkerJob {
  readonly version: AamVersion;
  readonly faultId: string | null;
  readonly bail: boolean;
}

/** A worker's answer: the outcome, or why the job could not run. */
export type WorkerReply = { readonly ok: true; readonly outcome: FaultOutcome } | { readonly ok: false; readonly faultId: string | null; readonly error: string };

async function handle(job: WorkerJob): Promise<WorkerReply> {
  try {
    const outcome = await runFault(catalogueOf(job.version), job.faultId === null ? undefined : findFault(job.faultId, job.version), { bail: job.bail });
    return { ok: true, outcome };
  } catch (err) {
    return { ok: false, faultId: job.faultId, error: err instanceof Error ? err.message : String(err) };
  }
}

// Runs as a child process (forked by run-catalogue.ts): one job at a time over the IPC channel.
if (process.send !== undefined) {
  process.on('message', (job: WorkerJob) => {
    void handle(job).then((reply) => process.send?.(reply));
  });
  process.on('disconnect', () => process.exit(0));
}
