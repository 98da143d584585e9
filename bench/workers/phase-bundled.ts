/**
 * One in-process run of the generator as the bundled CLI runs it (loadSpec → generateCollection →
 * writeJsonFile, with the CLI's V8 settings), with per-phase times and the live heap of the document and of the collection (a full
 * GC after each phase, so phase times here exclude most GC work). The bench bundles this file with esbuild (as
 * `npm run build` bundles the CLI) and runs it with `node --expose-gc`, to show what bounds the bundled row.
 * Prints one JSON line. Usage: node --expose-gc phase-bundled.mjs IN OUT
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { generateCollection, loadSpec, writeJsonFile } from '../../generators/index.js';
import { tuneV8ForOneShot } from '../../generators/lib/one-shot-v8.js';

// performance.now() counts from the process start: this is node's start plus loading the bundle
const startMs = performance.now();
// the V8 settings the CLI sets for itself (generators/lib/one-shot-v8.ts)
tuneV8ForOneShot();
const [input, output] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number): number => bytes / 1048576;
/** Live heap after a full collection (needs --expose-gc; NaN without). */
const liveHeapMiB = (): number => {
  if (gc === undefined) return Number.NaN;
  gc();
  return mib(process.memoryUsage().heapUsed);
};

if (input === undefined || output === undefined) {
  process.stderr.write('usage: phase-bundled.mjs IN OUT\n');
  process.exitCode = 2;
} else {
  const baseHeap = liveHeapMiB();
  let t = performance.now();
  const spec = await loadSpec(input);
  const loadSpecMs = performance.now() - t;
  const docHeap = liveHeapMiB();
  t = performance.now();
  const collection = generateCollection(spec);
  const generateMs = performance.now() - t;
  const bothHeap = liveHeapMiB();
  t = performance.now();
  writeJsonFile(output, collection);
  const serializeMs = performance.now() - t;
  process.stdout.write(`${JSON.stringify({
    importMs: startMs,
    loadSpecMs,
    generateMs,
    serializeMs,
    bytes: statSync(output).size,
    docHeapMiB: docHeap - baseHeap,
    collectionHeapMiB: bothHeap - docHeap,
  })}\n`);
}
