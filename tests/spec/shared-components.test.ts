/**
 * spec/shared/*.yaml hold the components that AAM generations document identically. Sharing is only
 * right where it is real: every shared component is aliased, under its own name, by at least two
 * generations, and no generation writes out a copy of one that it could alias.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { bundleSpecFile } from '../../generators/bundle-spec-file.js';

const SPEC_DIR = fileURLToPath(new URL('../../spec/', import.meta.url));
type Components = Record<string, Record<string, unknown>>;
const componentsOf = (file: string): Components => (parse(readFileSync(file, 'utf8')) as { components?: Components }).components ?? {};

const sharedFiles = readdirSync(`${SPEC_DIR}shared`).filter((f) => f.endsWith('.yaml')).sort();
const generations = readdirSync(SPEC_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.startsWith('aam-'))
  .map((d) => d.name)
  .sort();
const own = new Map(generations.map((g) => [g, componentsOf(`${SPEC_DIR}${g}/openapi.yaml`)]));
const bundled = new Map(generations.map((g) => [g, bundleSpecFile(`${SPEC_DIR}${g}/openapi.yaml`).components as Components]));

/**
 * The component references inside a value of shared file `file`, as [shared file, section, name]: a local
 * `#/components/<section>/<name>` names a piece of `file`, `./<other>.yaml#/components/…` one of another shared file.
 */
function componentRefsOf(value: unknown, file: string): Array<[string, string, string]> {
  if (Array.isArray(value)) return value.flatMap((item) => componentRefsOf(item, file));
  if (value === null || typeof value !== 'object') return [];
  const refs: Array<[string, string, string]> = [];
  for (const [key, entry] of Object.entries(value)) {
    const match = key === '$ref' && typeof entry === 'string' ? /^(?:\.\/([^#/]+\.yaml))?#\/components\/([^/]+)\/([^/]+)$/.exec(entry) : null;
    if (match !== null) refs.push([match[1] ?? file, match[2] ?? '', match[3] ?? '']);
    else refs.push(...componentRefsOf(entry, file));
  }
  return refs;
}

describe('spec/shared: components shared only where generations are identical', () => {
  it('there are shared files and at least two generations', () => {
    assert.ok(sharedFiles.length > 0 && generations.length >= 2);
  });
  for (const file of sharedFiles) {
    const shared = componentsOf(`${SPEC_DIR}shared/${file}`);
    for (const [section, entries] of Object.entries(shared)) {
      for (const name of Object.keys(entries)) {
        const ref = `../shared/${file}#/components/${section}/${name}`;
        it(`${file} ${section}/${name} is aliased under its name by two or more generations`, () => {
          const users = generations.filter((g) => isDeepStrictEqual(own.get(g)?.[section]?.[name], { $ref: ref }));
          assert.ok(users.length >= 2, `aliased by ${users.join(', ') || 'no generation'}`);
        });
        it(`${file} ${section}/${name}: no generation writes out its own copy instead of the alias`, () => {
          const sharedValue = bundled.get(generations.find((g) => isDeepStrictEqual(own.get(g)?.[section]?.[name], { $ref: ref })) ?? '')?.[section]?.[name];
          // a generation could alias the piece only when the pieces it references are that generation's aliases of
          // the same shared pieces (e.g. AAM 7's InvalidJsonError reads the same but points at its own WpRestError),
          // in the same shared file or in another one
          const couldAlias = (g: string): boolean => componentRefsOf(shared[section]?.[name], file).every(([f, s, n]) => isDeepStrictEqual(own.get(g)?.[s]?.[n], { $ref: `../shared/${f}#/components/${s}/${n}` }));
          const copies = generations.filter((g) => !isDeepStrictEqual(own.get(g)?.[section]?.[name], { $ref: ref }) && sharedValue !== undefined && isDeepStrictEqual(bundled.get(g)?.[section]?.[name], sharedValue) && couldAlias(g));
          assert.deepEqual(copies, []);
        });
      }
    }
  }
});
