import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { SpecError } from './errors.js';
import { childPointer, getAtPointer } from './lib/json-pointer.js';
import { isObject, type JsonObject } from './lib/type-checks.js';

/** Where a node sits: an absolute file path plus a `#/…` JSON pointer. */
export interface Location {
  readonly file: string;
  readonly pointer: string;
}

/** An OpenAPI document with every file it references loaded and every `$ref` checked. */
export interface LoadedSpec {
  /** Absolute path of the root document. */
  readonly rootFile: string;
  /** The parsed root document. */
  readonly doc: JsonObject;
  /** `3.0` or `3.1`. */
  readonly version: '3.0' | '3.1';
  /** Every parsed file by absolute path (the root included). */
  readonly documents: ReadonlyMap<string, unknown>;
  /** How many `$ref`s were found and resolved. */
  readonly refCount: number;
}

/** Path of a file as shown in messages: relative to the working directory when shorter. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') ? rel : file;
}

/**
 * Loads an OpenAPI 3.0/3.1 document (YAML or JSON) and every file its relative `$ref`s name,
 * and checks that every `$ref` resolves. Throws a {@link SpecError} naming file and JSON pointer.
 */
export async function loadSpec(path: string): Promise<LoadedSpec> {
  const rootFile = resolve(path);
  const documents = new Map<string, unknown>();
  const root = await parseFile(rootFile);
  documents.set(rootFile, root);
  const { doc, version } = checkRoot(root, rootFile);

  let refCount = 0;
  const queue: string[] = [rootFile];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const refs = collectRefs(documents.get(next), next);
    for (const ref of refs) {
      refCount += 1;
      const target = splitRef(ref.value, ref.at.file);
      if (target === undefined) {
        throw new SpecError('ERR_SPEC_REF', displayPath(ref.at.file), ref.at.pointer, `unsupported $ref "${ref.value}" (only local and relative-file references are supported)`);
      }
      if (!documents.has(target.file)) {
        documents.set(target.file, await parseFile(target.file, ref.at));
        queue.push(target.file);
      }
      if (getAtPointer(documents.get(target.file), target.pointer) === undefined) {
        throw new SpecError('ERR_SPEC_REF', displayPath(ref.at.file), ref.at.pointer, `$ref "${ref.value}" points to nothing`);
      }
    }
  }
  return { rootFile, doc, version, documents, refCount };
}

/** Splits a `$ref` into the absolute target file and its fragment; `undefined` for remote URLs. */
export function splitRef(ref: string, fromFile: string): Location | undefined {
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '#' : ref.slice(hash);
  if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) return undefined;
  const file = filePart === '' ? fromFile : resolve(dirname(fromFile), decodeURI(filePart));
  return { file, pointer: fragment === '' ? '#' : fragment };
}

function checkRoot(root: unknown, file: string): { doc: JsonObject; version: '3.0' | '3.1' } {
  if (!isObject(root)) throw new SpecError('ERR_SPEC_INVALID', displayPath(file), '', 'the document is not an object');
  const openapi = root.openapi;
  const match = typeof openapi === 'string' ? /^3\.([01])\.\d+/.exec(openapi) : null;
  if (match === null) {
    throw new SpecError('ERR_SPEC_VERSION', displayPath(file), '#/openapi', `unsupported OpenAPI version ${JSON.stringify(openapi ?? null)} (3.0.x or 3.1.x expected)`);
  }
  if (root.paths !== undefined && !isObject(root.paths)) {
    throw new SpecError('ERR_SPEC_INVALID', displayPath(file), '#/paths', 'paths must be an object');
  }
  return { doc: root, version: match[1] === '0' ? '3.0' : '3.1' };
}

async function parseFile(file: string, from?: Location): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if (from !== undefined) {
      throw new SpecError('ERR_SPEC_REF', displayPath(from.file), from.pointer, `cannot read referenced file ${displayPath(file)}`, { cause });
    }
    throw new SpecError('ERR_SPEC_READ', displayPath(file), '', 'cannot read the file', { cause });
  }
  if (extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new SpecError('ERR_SPEC_PARSE', displayPath(file), '', `invalid JSON: ${(cause as Error).message}`, { cause });
    }
  }
  const parsed = parseDocument(text, { uniqueKeys: true, merge: true });
  const first = parsed.errors[0];
  if (first !== undefined) {
    const where = first.linePos?.[0];
    const at = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
    throw new SpecError('ERR_SPEC_PARSE', displayPath(file), '', `invalid YAML${at}: ${first.message.split('\n')[0] ?? ''}`);
  }
  return parsed.toJS({ maxAliasCount: -1 }) as unknown;
}

interface FoundRef {
  readonly value: string;
  readonly at: Location;
}

/**
 * Every `$ref` in one parsed file, with its location. Example values are data, not OpenAPI,
 * so `example`, schema `examples` arrays and Example Object `value`s are not searched.
 */
function collectRefs(root: unknown, file: string): FoundRef[] {
  const found: FoundRef[] = [];
  const stack: Array<{ node: unknown; pointer: string; inExampleMap: boolean }> = [{ node: root, pointer: '#', inExampleMap: false }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, pointer, inExampleMap } = item;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push({ node: node[i], pointer: childPointer(pointer, i), inExampleMap: false });
      continue;
    }
    if (!isObject(node)) continue;
    if (typeof node.$ref === 'string') found.push({ value: node.$ref, at: { file, pointer } });
    if (inExampleMap) {
      // an Example Object: only a $ref (handled above) matters, its `value` is data
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'example' || key === '$ref') continue;
      if (key === 'examples') {
        if (isObject(child)) {
          for (const [name, example] of Object.entries(child)) {
            stack.push({ node: example, pointer: childPointer(pointer, key, name), inExampleMap: true });
          }
        }
        continue;
      }
      if (child !== null && typeof child === 'object') stack.push({ node: child, pointer: childPointer(pointer, key), inExampleMap: false });
    }
  }
  return found;
}
