/**
 * The fast paths added for big documents (issue 7) give exactly what the plain ones give:
 * chunked JSON output = serializeJson, stable ids unchanged, cached samples and examples shared safely.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCollection, loadSpec, serializeJson, serializeJsonChunks, writeJsonFile } from '../../generators/index.js';
import { stableId } from '../../generators/lib/stable-id.js';
import { STATUS_TEXT } from '../../generators/lib/status-text.js';

const root = new URL('../../', import.meta.url);
const path = (rel: string): string => new URL(rel, root).pathname;

function viaChunks(value: unknown): { text: string; chunks: string[] } {
  const chunks: string[] = [];
  serializeJsonChunks(value, (chunk) => chunks.push(chunk));
  return { text: chunks.join(''), chunks };
}

const edgeCases: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['number', 1.5],
  ['string with newline, U+2028 and é', 'a\nb\u2028é'],
  ['empty array', []],
  ['empty object', {}],
  ['nested empties', [[], {}, { a: [], b: {} }]],
  ['undefined, function and symbol in an array', [undefined, () => 1, Symbol('x')]],
  ['undefined and function properties', { a: undefined, b: () => 1, c: 2 }],
  ['only undefined properties', { a: undefined }],
  ['toJSON', { toJSON: () => ({ x: [1, { y: 2 }] }) }],
  ['Date, boxed string and number', [new Date(0), new String('s'), new Number(3)]],
  ['deep nesting', { a: [1, [2, [3, [4, [5, [6, { z: 'deep\n"quoted"' }]]]]]] }],
  ['null prototype', Object.assign(Object.create(null) as object, { k: [1] })],
];
for (const [name, value] of edgeCases) {
  test(`serializeJsonChunks = serializeJson: ${name}`, () => {
    assert.equal(viaChunks(value).text, serializeJson(value));
  });
}

test('serializeJsonChunks = serializeJson for the committed collection, in pieces no bigger than one request', async () => {
  const text = await readFile(path('collections/aam-6.9.32.postman_collection.json'), 'utf8');
  const collection = JSON.parse(text) as { event: unknown };
  const { text: chunked, chunks } = viaChunks(collection);
  assert.equal(chunked, text);
  // no piece is bigger than the biggest request item or the collection-level test script (with its indentation)
  const leaves: unknown[] = [collection.event];
  const walk = (entries: unknown[]): void => {
    for (const entry of entries) {
      const folder = entry as { item?: unknown[] };
      if (Array.isArray(folder.item)) walk(folder.item);
      else leaves.push(entry);
    }
  };
  walk((collection as unknown as { item: unknown[] }).item);
  const ceiling = Math.max(...leaves.map((leaf) => JSON.stringify(leaf, null, 2).replaceAll('\n', `\n${' '.repeat(14)}`).length));
  const biggest = Math.max(...chunks.map((c) => c.length));
  assert.ok(biggest <= ceiling, `biggest chunk ${biggest} > ${ceiling}`);
  assert.ok(chunks.length > 100, `${chunks.length} chunks`);
});

test('writeJsonFile writes exactly serializeJson(value)', async () => {
  const spec = await loadSpec(path('tests/fixtures/openapi/petstore-expanded.yaml'));
  const collection = generateCollection(spec);
  const out = join(await mkdtemp(join(tmpdir(), 'gen-')), 'c.json');
  writeJsonFile(out, collection);
  assert.equal(await readFile(out, 'utf8'), serializeJson(collection));
});

test('writeJsonFile: big strings, non-ASCII and astral characters across its buffer boundaries', async () => {
  const value = {
    big: 'x'.repeat(300_000),
    items: Array.from({ length: 3000 }, (_, i) => ({ i, text: `é😀${'y'.repeat(i % 97)}\u2028`, nested: [{ a: ['ü'] }] })),
    tail: 'end',
  };
  const out = join(await mkdtemp(join(tmpdir(), 'gen-')), 'big.json');
  writeJsonFile(out, value);
  assert.equal(await readFile(out, 'utf8'), serializeJson(value));
});

test('stableId is a fixed RFC 9562 v5 UUID (ids of committed collections never change)', () => {
  assert.equal(stableId('a'), 'b09235e1-ed84-5622-a06a-461d35f4a2b2');
  assert.equal(stableId('item', 'listTokens'), stableId('item', 'listTokens'));
  for (const id of [stableId('x'), stableId('response', 'op', '200'), stableId('é', '')]) {
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
});

/** RFC 9562 §5.5 from first principles: SHA-1 of namespace bytes + name bytes, version and variant set. */
function uuidV5(name: string): string {
  const digest = createHash('sha1').update(Buffer.from('b3f1c7de4a1e5d2b9c6e0a9d2f6c1e47', 'hex')).update(name, 'utf8').digest();
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const idNames: Array<[string, string[]]> = [
  ['short', ['item', 'listTokens']],
  ['non-ASCII and astral', ['é😀', 'ü']],
  ['one unit short of the scratch buffer', ['x'.repeat(341)]],
  ['longer than the scratch buffer', ['x'.repeat(342)]],
  ['much longer, non-ASCII', ['€'.repeat(5000), 'y']],
  ['a short name after a long one (no stale bytes)', ['z']],
];
for (const [name, parts] of idNames) {
  test(`stableId = UUID v5 of the joined name: ${name}`, () => {
    assert.equal(stableId(...parts), uuidV5(parts.join('\u0000')));
  });
}

test('a spec loaded twice generates the same collection (caches are per spec and per schema object)', async () => {
  const file = path('spec/aam-6.9.32/openapi.yaml');
  const a = serializeJson(generateCollection(await loadSpec(file)));
  const b = serializeJson(generateCollection(await loadSpec(file)));
  assert.equal(a, b);
});

test('the status texts are node:http STATUS_CODES (copied so that generating does not load node:http)', () => {
  assert.deepEqual({ ...STATUS_TEXT }, { ...STATUS_CODES });
});
