/**
 * Test helpers for the specs (`spec/aam-<version>/openapi.yaml`): load a document, walk it by JSON pointer.
 * Not a test file itself (the runner only picks up `*.test.ts`).
 */
import { fileURLToPath } from 'node:url';
import { bundleSpecFile } from '../../generators/bundle-spec-file.js';

/** The spec of one generation folder, e.g. `aam-6.9.51`. */
export function specFileOf(folder: string): string {
  return fileURLToPath(new URL(`../../spec/${folder}/openapi.yaml`, import.meta.url));
}

export const SPEC_FILE = specFileOf('aam-6.9.32');

/** The HTTP methods an OpenAPI Path Item may hold (OAS 3.1 §4.8.9). */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the spec once per test file; throws if the YAML is not a mapping. */
export function loadSpec(file: string = SPEC_FILE): JsonObject {
  const doc: unknown = bundleSpecFile(file);
  if (!isObject(doc)) throw new TypeError(`${file} is not a YAML mapping`);
  return doc;
}

/** RFC 6901 escaping of one reference token. */
export function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function pointerOf(tokens: readonly string[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

/** Resolves an RFC 6901 pointer (`/a/b`, without `#`) inside `doc`; `undefined` when absent. */
export function getAt(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** Follows a local `$ref` (`#/components/…`) once, or returns the node unchanged. */
export function deref(doc: JsonObject, node: unknown): unknown {
  if (isObject(node) && typeof node['$ref'] === 'string') {
    const ref = node['$ref'];
    if (!ref.startsWith('#')) throw new Error(`only local $refs are supported, got ${ref}`);
    return deref(doc, getAt(doc, decodeURIComponent(ref.slice(1))));
  }
  return node;
}

export interface OperationEntry {
  readonly path: string;
  readonly method: string;
  readonly pointer: string;
  readonly operation: JsonObject;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: JsonObject): OperationEntry[] {
  const paths = doc['paths'];
  if (!isObject(paths)) return [];
  const out: OperationEntry[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) out.push({ path, method, pointer: pointerOf(['paths', path, method]), operation });
    }
  }
  return out;
}
