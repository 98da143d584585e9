// A worker thread's entry when the fleet runs from its TypeScript sources (tests, `tsx runner/cli.ts`): Node 20
// does not apply the parent's `--import tsx` to a worker's own entry, so this registers tsx and then loads the
// TypeScript entry named by workerData.tsEntry. The bundles start their JavaScript entry directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
