/**
 * The entry of a fleet's worker thread (worker-pool.ts starts it; in the bundles it is `fleet-worker.mjs`):
 * runs the sites the coordinator sends (`run`), several at once if told, each with its own redactor (its own
 * site's secrets), and posts each site's phases, log and outcome back (worker-protocol.ts). `abort` stops every
 * site it runs after the current request; each site is still cleaned up and ends `interrupted`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRedactor } from '../redact.js';
import { targetSecrets } from '../target-secrets.js';
import { isWorkerSettings, type FromWorker, type ToWorker } from './worker-protocol.js';
import { runSite } from './site-task.js';

const port = parentPort;
if (port === null) throw new Error('runner/fleet/site-worker.ts is the entry of a fleet worker thread (runner/fleet/worker-pool.ts), not a program');
if (!isWorkerSettings(workerData)) throw new Error(`a fleet worker thread needs its settings as workerData, got ${JSON.stringify(workerData)}`);
const settings = workerData;
const stop = new AbortController();
const post = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'abort') {
    stop.abort();
    return;
  }
  const { index, site, resolved } = message;
  const redactor = createRedactor(resolved.ok ? targetSecrets(resolved.target) : []);
  const redact = (text: string): string => redactor.redact(text);
  runSite(site, resolved, {
    ...settings,
    signal: stop.signal,
    redact,
    onPhase: (phase) => post({ kind: 'phase', index, phase }),
    log: (text) => post({ kind: 'log', index, text }),
    now: Date.now,
  }).then(
    (outcome) => post({ kind: 'outcome', index, outcome }),
    (err: unknown) => post({ kind: 'failed', index, message: redact(String((err as { message?: unknown } | null)?.message ?? err)) }),
  );
});
