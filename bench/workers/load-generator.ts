/**
 * Loads this project's generator (`generators/index.ts`) lazily, so the harness runs — and reports
 * "not available yet" — while the generator has not landed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const GENERATOR_ENTRY = fileURLToPath(new URL('../../generators/index.ts', import.meta.url));

/** The subset of the generator's public API the benchmark uses. */
export interface GeneratorApi {
  loadSpec(path: string): unknown;
  generateCollection(spec: unknown): unknown;
  serializeJson(value: unknown): string;
}

export function generatorAvailable(): boolean {
  return existsSync(GENERATOR_ENTRY);
}

export async function loadGenerator(): Promise<GeneratorApi> {
  const mod = (await import(GENERATOR_ENTRY)) as Partial<GeneratorApi>;
  const { loadSpec, generateCollection, serializeJson } = mod;
  if (typeof loadSpec !== 'function' || typeof generateCollection !== 'function' || typeof serializeJson !== 'function') {
    throw new Error('generators/index.ts does not export loadSpec, generateCollection and serializeJson yet');
  }
  return { loadSpec, generateCollection, serializeJson };
}
