/**
 * Component aliases: one self-contained document from a spec whose components point into shared files.
 *
 * The project's specs share what is really identical across AAM generations through
 * `spec/shared/*.yaml`. A spec names every shared piece in its own `components`, as an alias:
 *
 *     components:
 *       schemas:
 *         WpBoolean: {$ref: '../shared/wordpress.yaml#/components/schemas/WpBoolean'}
 *
 * so that the rest of the document keeps its local `#/components/…` references. `inlineComponentAliases`
 * replaces each alias by the shared component itself, which is sound when every reference inside that
 * component names a piece the spec aliases under the same name (its meaning is then the same in the spec).
 * The generator inlines what is sound and resolves the rest itself; `bundleSpecFile` (bundle-spec-file.ts, for
 * tools that want one document) refuses anything else that points to another file, naming file and JSON pointer.
 */
import { SpecError } from './errors.js';
import { collectRefs, displayPath, pointerOf, splitRef, type LoadedSpec, type Location } from './load-spec.js';
import { getAtPointer } from './lib/json-pointer.js';
import { isObject, type JsonObject } from './lib/type-checks.js';

/** The parsed files of a spec: the root document and every file it references, by absolute path. */
export type SpecFiles = Pick<LoadedSpec, 'rootFile' | 'doc' | 'documents'>;

const COMPONENT = /^(.*)#\/components\/([^/]+)\/([^/]+)$/;

/**
 * The spec with every sound component alias replaced by the component it names (the loaded documents
 * are not changed). `strict`: an alias that cannot be inlined, or any other reference to another file,
 * is a {@link SpecError} instead of being left for a resolver.
 */
export function inlineComponentAliases<T extends SpecFiles>(spec: T, options: { strict?: boolean } = {}): T {
  const { doc, rootFile } = spec;
  if (!isObject(doc.components)) return strictCheck(spec, options);
  let changed = false;
  const bundled: JsonObject = {};
  for (const [section, entries] of Object.entries(doc.components)) {
    if (!isObject(entries)) {
      bundled[section] = entries;
      continue;
    }
    const out: JsonObject = {};
    for (const [name, entry] of Object.entries(entries)) {
      const inlined = inlineAlias(spec, section, name, entry, options.strict === true);
      if (inlined !== entry) changed = true;
      out[name] = inlined;
    }
    bundled[section] = out;
  }
  if (!changed) return strictCheck(spec, options);
  const next: JsonObject = { ...doc, components: bundled };
  const documents = new Map(spec.documents);
  documents.set(rootFile, next);
  return strictCheck({ ...spec, doc: next, documents }, options);
}

function strictCheck<T extends SpecFiles>(spec: T, options: { strict?: boolean }): T {
  if (options.strict !== true) return spec;
  for (const ref of collectRefs(spec.doc)) {
    if (!ref.value.startsWith('#')) {
      throw new SpecError('ERR_SPEC_REF', displayPath(spec.rootFile), pointerOf(ref), `$ref "${ref.value}" names another file outside a component alias (components/<section>/<name>: {$ref: '<file>#/components/<section>/<name>'})`);
    }
  }
  return spec;
}

/** Where a component alias (`{$ref: '<file>#/…'}` naming another file) points; `undefined` for anything else. */
export function aliasTarget(entry: unknown, fromFile: string): Location | undefined {
  if (!isObject(entry) || typeof entry.$ref !== 'string' || entry.$ref.startsWith('#')) return undefined;
  return splitRef(entry.$ref, fromFile);
}

/** The component an alias names, cloned with its references made local; the entry itself when unsound. */
function inlineAlias(spec: SpecFiles, section: string, name: string, entry: unknown, strict: boolean): unknown {
  const target = aliasTarget(entry, spec.rootFile);
  if (target === undefined) return entry;
  const refuse = (file: string, pointer: string, message: string): unknown => {
    if (strict) throw new SpecError('ERR_SPEC_REF', displayPath(file), pointer, message);
    return entry;
  };
  const at = `#/components/${section}/${name}`;
  const value = getAtPointer(spec.documents.get(target.file), target.pointer);
  const match = COMPONENT.exec(target.pointer);
  if (value === undefined || match === null || match[2] !== section) {
    return refuse(spec.rootFile, at, `$ref "${String((entry as JsonObject).$ref)}" must name an existing component of the same section (#/components/${section}/<name>)`);
  }
  const copy = structuredClone(value);
  for (const ref of collectRefs(value)) {
    const local = localName(spec, ref.value, target.file);
    if (local === undefined) {
      return refuse(target.file, `${target.pointer}${pointerOf(ref).slice(1)}`, `$ref "${ref.value}" of a shared component must name a component that ${displayPath(spec.rootFile)} aliases under the same name`);
    }
    setRef(copy, ref.tokens, local);
  }
  return copy;
}

/** `#/components/<section>/<name>` when the spec aliases exactly the component `ref` names; else undefined. */
function localName(spec: SpecFiles, ref: string, fromFile: string): string | undefined {
  const named = splitRef(ref, fromFile);
  const match = named === undefined ? null : COMPONENT.exec(named.pointer);
  if (named === undefined || match === null) return undefined;
  const [, , section = '', name = ''] = match;
  const components = spec.doc.components;
  const entry = isObject(components) && isObject(components[section]) ? components[section][name] : undefined;
  const aliased = aliasTarget(entry, spec.rootFile);
  if (aliased === undefined || aliased.file !== named.file || aliased.pointer !== named.pointer) return undefined;
  return `#/components/${section}/${name}`;
}

function setRef(root: unknown, tokens: ReadonlyArray<string | number>, ref: string): void {
  let node = root;
  for (const token of tokens) node = (node as Record<string | number, unknown>)[token];
  (node as JsonObject).$ref = ref;
}
