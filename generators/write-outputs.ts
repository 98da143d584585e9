import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One file the generator produces. */
export interface OutputFile {
  path: string;
  content: string;
}

/** The outputs whose file on disk differs from (or lacks) the generated content. */
export async function staleOutputs(outputs: readonly OutputFile[]): Promise<OutputFile[]> {
  const stale: OutputFile[] = [];
  for (const output of outputs) {
    const current = await readFile(output.path, 'utf8').catch(() => undefined);
    if (current !== output.content) stale.push(output);
  }
  return stale;
}

/** Writes every output (creating folders). The only place the generator writes files. */
export async function writeOutputs(outputs: readonly OutputFile[]): Promise<void> {
  for (const output of outputs) {
    await mkdir(dirname(output.path), { recursive: true });
    await writeFile(output.path, output.content, 'utf8');
  }
}
