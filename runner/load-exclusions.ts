import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { isObject } from '../generators/lib/type-checks.js';

/** A documented status that the suite cannot trigger portably, with the reason. */
export interface CoverageExclusion {
  readonly operationId: string;
  readonly status: number;
  readonly reason: string;
}

/** A malformed exclusions file; `code` is stable. */
export class ExclusionsError extends Error {
  readonly code = 'ERR_EXCLUSIONS_INVALID';
  constructor(file: string, pointer: string, message: string) {
    super(`${file}${pointer === '' ? '' : ` ${pointer}`}: ${message}`);
    this.name = 'ExclusionsError';
  }
}

/** Reads `spec/coverage-exclusions.yaml`: `exclusions: [{ operation, status, reason }]`. */
export async function loadExclusions(file: string): Promise<CoverageExclusion[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ExclusionsError(file, '', 'cannot read the file');
  }
  return parseExclusions(text, file);
}

/** Parses exclusions YAML text (see {@link loadExclusions}). */
export function parseExclusions(text: string, file: string): CoverageExclusion[] {
  const parsed = parseDocument(text, { uniqueKeys: true });
  if (parsed.errors.length > 0) throw new ExclusionsError(file, '', `invalid YAML: ${parsed.errors[0]?.message.split('\n')[0] ?? ''}`);
  const root = parsed.toJS() as unknown;
  if (!isObject(root) || !Array.isArray(root.exclusions)) throw new ExclusionsError(file, '#/exclusions', 'must be a list');
  return root.exclusions.map((entry: unknown, i: number) => {
    const at = `#/exclusions/${i}`;
    if (!isObject(entry)) throw new ExclusionsError(file, at, 'must be an object');
    const extra = Object.keys(entry).filter((k) => !['operation', 'status', 'reason'].includes(k));
    if (extra.length > 0) throw new ExclusionsError(file, at, `unknown field "${extra[0] ?? ''}"`);
    if (typeof entry.operation !== 'string' || entry.operation === '') throw new ExclusionsError(file, `${at}/operation`, 'must be an operationId');
    if (typeof entry.status !== 'number' || !Number.isInteger(entry.status)) throw new ExclusionsError(file, `${at}/status`, 'must be an HTTP status number');
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 10) throw new ExclusionsError(file, `${at}/reason`, 'must say why (a sentence)');
    return { operationId: entry.operation, status: entry.status, reason: entry.reason.trim() };
  });
}
