/**
 * One self-contained document from a spec file whose components alias shared files (see bundle-spec.ts),
 * read synchronously, for tools that want one document (compare/, the spec tests). Its own file so that
 * the generator, which only inlines aliases, never loads the YAML parser for a JSON spec.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { aliasTarget, inlineComponentAliases } from './bundle-spec.js';
import { SpecError } from './errors.js';
import { displayPath } from './load-spec.js';
import { isObject, type JsonObject } from './lib/type-checks.js';

/** Loads a spec and the files its component aliases name, synchronously, as one document (strict). */
export function bundleSpecFile(file: string): JsonObject {
  const documents = new Map<string, unknown>();
  const read = (path: string): unknown => {
    if (!documents.has(path)) {
      try {
        documents.set(path, parse(readFileSync(path, 'utf8')));
      } catch (cause) {
        throw new SpecError('ERR_SPEC_READ', displayPath(path), '', `cannot read or parse the file: ${(cause as Error).message}`, { cause });
      }
    }
    return documents.get(path);
  };
  const doc = read(file);
  if (!isObject(doc)) throw new SpecError('ERR_SPEC_INVALID', displayPath(file), '', 'the document is not an object');
  for (const entries of Object.values(isObject(doc.components) ? doc.components : {})) {
    for (const entry of Object.values(isObject(entries) ? entries : {})) {
      const target = aliasTarget(entry, file);
      if (target !== undefined) read(target.file);
    }
  }
  return inlineComponentAliases({ rootFile: file, doc, documents }, { strict: true }).doc;
}
