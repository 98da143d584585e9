import { SpecError } from '../errors.js';
import { displayPath, splitRef, type LoadedSpec, type Location } from '../load-spec.js';
import { getAtPointer } from './json-pointer.js';
import { isObject } from './type-checks.js';

/** A node together with where it really lives (after following `$ref`s). */
export interface Located<T = unknown> {
  readonly value: T;
  readonly at: Location;
}

/** Resolves one `$ref` string written at `at`. */
export function resolveRef(spec: LoadedSpec, ref: string, at: Location): Located {
  const target = splitRef(ref, at.file);
  const value = target === undefined ? undefined : getAtPointer(spec.documents.get(target.file), target.pointer);
  if (target === undefined || value === undefined) {
    throw new SpecError('ERR_SPEC_REF', displayPath(at.file), at.pointer, `$ref "${ref}" points to nothing`);
  }
  return { value, at: target };
}

/**
 * Follows `$ref` chains of non-schema objects (parameters, responses, examples, …) to the
 * object itself. A cycle of pure references is an error.
 */
export function deref(spec: LoadedSpec, node: Located): Located {
  let current = node;
  const seen = new Set<string>();
  while (isObject(current.value) && typeof current.value.$ref === 'string') {
    const key = `${current.at.file}${current.at.pointer}`;
    if (seen.has(key)) throw new SpecError('ERR_SPEC_REF', displayPath(current.at.file), current.at.pointer, 'circular $ref chain');
    seen.add(key);
    current = resolveRef(spec, current.value.$ref, current.at);
  }
  return current;
}
