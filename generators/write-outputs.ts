import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serializeJson, writeJsonFile } from './lib/serialize-json.js';

/**
 * One file the generator produces: its text, or (for the collection) the JSON value, which is
 * written as `serializeJson(json)` in chunks instead of being held as one big string.
 */
export type OutputFile = { path: string; content: string } | { path: string; json: unknown };

/** The exact text of an output. */
export function outputText(output: OutputFile): string {
  return 'content' in output ? output.content : serializeJson(output.json);
}

/** The outputs whose file on disk differs from (or lacks) the generated content. */
export async function staleOutputs(outputs: readonly OutputFile[]): Promise<OutputFile[]> {
  const stale: OutputFile[] = [];
  for (const output of outputs) {
    const current = await readFile(output.path, 'utf8').catch(() => undefined);
    if (current !== outputText(output)) stale.push(output);
  }
  return stale;
}

/** Writes every output (creating folders). The only place the generator writes files. */
export async function writeOutputs(outputs: readonly OutputFile[]): Promise<void> {
  for (const output of outputs) {
    await mkdir(dirname(output.path), { recursive: true });
    if ('content' in output) await writeFile(output.path, output.content, 'utf8');
    else writeJsonFile(output.path, output.json);
  }
}
