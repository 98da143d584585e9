import { isObject } from '../lib/type-checks.js';
import { childPointer } from '../lib/json-pointer.js';
import type { HttpMethod } from './scenario-model.js';

/** What the scenarios need to know about one operation of the spec. */
export interface CatalogueOperation {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template as in the spec, e.g. `/aam/v2/service/jwt/{id}`. */
  readonly path: string;
  /** `#/paths/…/get` */
  readonly pointer: string;
  /** Documented numeric statuses, ascending (`default` and `NXX` ranges are left out). */
  readonly statuses: readonly number[];
}

const METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

/** Lists the operations of an OpenAPI document by operationId (operations without one are skipped). */
export function listOperations(doc: unknown): Map<string, CatalogueOperation> {
  const out = new Map<string, CatalogueOperation>();
  const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method.toLowerCase()];
      if (!isObject(operation) || typeof operation.operationId !== 'string') continue;
      const responses = isObject(operation.responses) ? operation.responses : {};
      const statuses = Object.keys(responses)
        .filter((code) => /^[1-5]\d\d$/.test(code))
        .map(Number)
        .sort((a, b) => a - b);
      out.set(operation.operationId, {
        operationId: operation.operationId,
        method,
        path,
        pointer: childPointer('#', 'paths', path, method.toLowerCase()),
        statuses,
      });
    }
  }
  return out;
}
