import { SpecError } from '../errors.js';
import { displayPath, splitRef, type LoadedSpec, type Location } from '../load-spec.js';
import { getAtPointer } from './json-pointer.js';
import { isObject } from './type-checks.js';

/** A node together with where it really lives (after following `$ref`s). */
export interface Located<T = unknown> {
  readonly value: T;
  readonly at: Location;
}

/** Resolved `$ref`s per loaded spec, keyed by the referring file and the `$ref` string. */
const resolved = new WeakMap<LoadedSpec, Map<string, Located>>();

/** Resolves one `$ref` string written at `at` (each distinct `$ref` of a file is looked up once). */
export function resolveRef(spec: LoadedSpec, ref: string, at: Location): Located {
  let cache = resolved.get(spec);
  if (cache === undefined) {
    cache = new Map();
    resolved.set(spec, cache);
  }
  const key = `${at.file}\u0000${ref}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const target = splitRef(ref, at.file);
  const value = target === undefined ? undefined : getAtPointer(spec.documents.get(target.file), target.pointer);
  if (target === undefined || value === undefined) {
    throw new SpecError('ERR_SPEC_REF', displayPath(at.file), at.pointer, `$ref "${ref}" points to nothing`);
  }
  const located: Located = { value, at: target };
  cache.set(key, located);
  return located;
}

/**
 * Follows `$ref` chains of non-schema objects (parameters, responses, examples, …) to the
 * object itself. A cycle of pure references is an error.
 */
export function deref(spec: LoadedSpec, node: Located): Located {
  if (!isObject(node.value) || typeof node.value.$ref !== 'string') return node;
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
