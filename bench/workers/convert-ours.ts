/**
 * Converts one OpenAPI file with this project's generator through its programmatic API
 * (loadSpec → generateCollection → serializeJson), the same path as `npm run generate`.
 * Usage: node --import tsx bench/workers/convert-ours.ts IN OUT
 */
import { writeFileSync } from 'node:fs';
import { loadGenerator } from './load-generator.js';

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) {
  process.stderr.write('usage: convert-ours.ts IN OUT\n');
  process.exitCode = 2;
} else {
  try {
    const generator = await loadGenerator();
    const spec = await generator.loadSpec(input);
    const collection = await generator.generateCollection(spec);
    writeFileSync(output, generator.serializeJson(collection));
  } catch (error) {
    const err = error as { code?: unknown; message?: unknown };
    process.stderr.write(`conversion failed: ${String(err.code ?? '')} ${String(err.message ?? error)}\n`);
    process.exitCode = 1;
  }
}
