import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import { SpecError } from './errors.js';
import { escapePointerToken, getAtPointer } from './lib/json-pointer.js';
import { jsonText } from './lib/parse-json-bytes.js';
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
  // A document repeats the same few `$ref`s thousands of times: check each distinct target once.
  const checked = new Set<string>();
  const queue: string[] = [rootFile];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const refs = collectRefs(documents.get(next));
    for (const ref of refs) {
      refCount += 1;
      const target = splitRef(ref.value, next);
      if (target === undefined) {
        throw new SpecError('ERR_SPEC_REF', displayPath(next), pointerOf(ref), `unsupported $ref "${ref.value}" (only local and relative-file references are supported)`);
      }
      const key = `${target.file}\u0000${target.pointer}`;
      if (checked.has(key)) continue;
      if (!documents.has(target.file)) {
        documents.set(target.file, await parseFile(target.file, { file: next, pointer: pointerOf(ref) }));
        queue.push(target.file);
      }
      if (getAtPointer(documents.get(target.file), target.pointer) === undefined) {
        throw new SpecError('ERR_SPEC_REF', displayPath(next), pointerOf(ref), `$ref "${ref.value}" points to nothing`);
      }
      checked.add(key);
    }
  }
  return { rootFile, doc, version, documents, refCount };
}

/** Splits a `$ref` into the absolute target file and its fragment; `undefined` for remote URLs. */
export function splitRef(ref: string, fromFile: string): Location | undefined {
  if (ref.startsWith('#')) return { file: fromFile, pointer: ref };
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
  let bytes: Buffer | undefined = await readBytes(file, from);
  if (extname(file).toLowerCase() === '.json') {
    // JSON.parse, not the YAML parser: several times faster and leaner on big documents (GitHub's is 13 MB);
    // of an ASCII text with the same meaning, without a UTF-16 copy of the whole file (parse-json-bytes.ts)
    const text = jsonText(bytes) ?? bytes.toString('utf8');
    // nothing points at the bytes during the parse, so a young-generation collection can free them at once
    bytes = undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // an invalid document: the error, message and position, of the plain UTF-8 text (read again: dropped above)
      const plain = (await readBytes(file, from)).toString('utf8');
      try {
        return JSON.parse(plain) as unknown;
      } catch (cause) {
        throw new SpecError('ERR_SPEC_PARSE', displayPath(file), '', `invalid JSON${jsonErrorPosition(plain, (cause as Error).message)}: ${(cause as Error).message}`, { cause });
      }
    }
  }
  // one read into a buffer and one decode (readFile with an encoding decodes chunk by chunk)
  const text = bytes.toString('utf8');
  // the YAML parser is loaded only when a YAML file is read
  const { parseDocument } = await import('./lib/yaml.js');
  const parsed = parseDocument(text, { uniqueKeys: true, merge: true });
  const first = parsed.errors[0];
  if (first !== undefined) {
    const where = first.linePos?.[0];
    const at = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
    throw new SpecError('ERR_SPEC_PARSE', displayPath(file), '', `invalid YAML${at}: ${first.message.split('\n')[0] ?? ''}`);
  }
  return parsed.toJS({ maxAliasCount: -1 }) as unknown;
}

async function readBytes(file: string, from: Location | undefined): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    if (from !== undefined) {
      throw new SpecError('ERR_SPEC_REF', displayPath(from.file), from.pointer, `cannot read referenced file ${displayPath(file)}`, { cause });
    }
    throw new SpecError('ERR_SPEC_READ', displayPath(file), '', 'cannot read the file', { cause });
  }
}

/** ` at line L, column C` from the `position N` of a JSON.parse message; `''` without one. */
export function jsonErrorPosition(text: string, message: string): string {
  const match = /\bposition (\d+)/.exec(message);
  if (match === null) return '';
  const offset = Math.min(Number(match[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return ` at line ${line}, column ${offset - lineStart + 1}`;
}

export interface FoundRef {
  readonly value: string;
  /** The path tokens of the object holding the `$ref` (its pointer is built only for an error). */
  readonly tokens: ReadonlyArray<string | number>;
}

export function pointerOf(ref: FoundRef): string {
  let out = '#';
  for (const token of ref.tokens) out += `/${escapePointerToken(String(token))}`;
  return out;
}

/** How a stacked node is searched: schema/OpenAPI (`NORMAL`), an `examples` map, or one Example Object. */
const NORMAL = 0;
const EXAMPLES_MAP = 1;
const EXAMPLE = 2;

/**
 * Every `$ref` in one parsed file, with its location. Example values are data, not OpenAPI,
 * so `example`, schema `examples` arrays and Example Object `value`s are not searched.
 * Depth-first with parallel stacks and one path array (no object per visited node: a big
 * document has ~100,000 of them); a found `$ref` copies the path.
 */
export function collectRefs(root: unknown): FoundRef[] {
  const found: FoundRef[] = [];
  const nodes: unknown[] = [root];
  const tokens: Array<string | number> = [''];
  const depths: number[] = [0];
  const modes: number[] = [NORMAL];
  const path: Array<string | number> = [];
  const push = (node: unknown, token: string | number, depth: number, mode: number): void => {
    nodes.push(node);
    tokens.push(token);
    depths.push(depth);
    modes.push(mode);
  };
  while (nodes.length > 0) {
    const node = nodes.pop();
    const token = tokens.pop() ?? '';
    const depth = depths.pop() ?? 0;
    const mode = modes.pop() ?? NORMAL;
    // the stack is LIFO, so path[0 … depth-2] already hold this node's ancestors
    if (depth > 0) path[depth - 1] = token;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) {
        const child: unknown = node[i];
        if (child !== null && typeof child === 'object') push(child, i, depth + 1, NORMAL);
      }
      continue;
    }
    if (!isObject(node)) continue;
    if (mode === EXAMPLES_MAP) {
      for (const name in node) push(node[name], name, depth + 1, EXAMPLE);
      continue;
    }
    const ref = node.$ref;
    if (typeof ref === 'string') found.push({ value: ref, tokens: path.slice(0, depth) });
    // an Example Object: only its $ref matters, its `value` is data
    if (mode === EXAMPLE) continue;
    for (const key in node) {
      if (key === 'example' || key === '$ref') continue;
      const child = node[key];
      if (key === 'examples') {
        if (isObject(child)) push(child, key, depth + 1, EXAMPLES_MAP);
        continue;
      }
      if (child !== null && typeof child === 'object') push(child, key, depth + 1, NORMAL);
    }
  }
  return found;
}
