/**
 * One in-process run of this project's generator with per-phase times, to show what bounds it.
 * Prints one JSON line: { importMs, loadSpecMs, generateMs, serializeMs, bytes }.
 * Usage: node --import tsx bench/workers/phase-ours.ts IN
 */
import { performance } from 'node:perf_hooks';
import { loadGenerator } from './load-generator.js';

const [input] = process.argv.slice(2);
if (input === undefined) {
  process.stderr.write('usage: phase-ours.ts IN\n');
  process.exitCode = 2;
} else {
  const t0 = performance.now();
  const generator = await loadGenerator();
  const t1 = performance.now();
  const spec = await generator.loadSpec(input);
  const t2 = performance.now();
  const collection = await generator.generateCollection(spec);
  const t3 = performance.now();
  const text = generator.serializeJson(collection);
  const t4 = performance.now();
  const parseStart = performance.now();
  JSON.parse(text);
  const jsonParseOutputMs = performance.now() - parseStart;
  process.stdout.write(
    `${JSON.stringify({ importMs: t1 - t0, loadSpecMs: t2 - t1, generateMs: t3 - t2, serializeMs: t4 - t3, bytes: text.length, jsonParseOutputMs })}\n`,
  );
}
