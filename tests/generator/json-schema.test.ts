/**
 * The contract test's JSON Schema check (generators/scripts/json-schema.js) against Ajv 6 behind
 * `pm.response.to.have.jsonSchema`, both run in Postman's own sandbox (postman-sandbox, as Newman runs
 * scripts): a table of every draft-07 keyword the generator can write, each with data that passes and
 * data that fails, then every example of the AAM collections against its documented schema, with
 * broken variants of each (a required key dropped, a value of another type, an extra key).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { CONTRACT_TEST_BODY } from '../../generators/index.js';
import type { OperationContract, PostmanCollection, PostmanFolder, PostmanItem } from '../../generators/index.js';

interface SandboxContext {
  execute(code: string, options: object, callback: (err: Error | null) => void): void;
  on(event: 'console', listener: (cursor: unknown, level: string, ...args: unknown[]) => void): void;
  dispose(): void;
}
const require = createRequire(import.meta.url);
const Sandbox = require('postman-sandbox') as { createContext(options: object, callback: (err: Error | null, context: SandboxContext) => void): void };

interface Case {
  readonly name: string;
  readonly definitions: Record<string, unknown>;
  readonly key: string;
  readonly data: unknown;
}

/** The cases as the sandbox gets them: each distinct definitions object once. */
function casesCode(cases: readonly Case[]): string {
  const shared: Array<Record<string, unknown>> = [];
  const rows = cases.map((c) => {
    let index = shared.indexOf(c.definitions);
    if (index === -1) index = shared.push(c.definitions) - 1;
    return { definitions: index, key: c.key, data: c.data };
  });
  return `var DEFINITIONS = ${JSON.stringify(shared)};\nvar CASES = ${JSON.stringify(rows)}.map(function (c) { c.definitions = DEFINITIONS[c.definitions]; return c; });`;
}

/** [Ajv 6's verdict, ours] per case: true (valid), false (invalid) or `error: …` (the check threw). */
async function verdicts(cases: readonly Case[]): Promise<Array<[boolean | string, boolean | string]>> {
  const harness = `
var out = CASES.map(function (c) {
  var ajv;
  try {
    pm.expect(c.data).to.have.jsonSchema({ $ref: '#/definitions/' + encodeURIComponent(c.key.replace(/~/g, '~0').replace(/\\//g, '~1')), definitions: c.definitions }, { unknownFormats: 'ignore' });
    ajv = true;
  } catch (e) {
    ajv = e.message.indexOf('expected data to satisfy schema') === 0 ? false : 'error: ' + e.message;
  }
  var ours;
  try {
    ours = schemaErrors(c.definitions, c.key, c.data).length === 0;
  } catch (e) {
    ours = 'error: ' + e.message;
  }
  return [ajv, ours];
});
console.log(JSON.stringify(out));`;
  const body = CONTRACT_TEST_BODY.slice(CONTRACT_TEST_BODY.findIndex((line) => line.startsWith('// JSON Schema check')));
  const code = ['"use sandbox2";', ...body, casesCode(cases), harness].join('\n');
  const context = await new Promise<SandboxContext>((resolve, reject) => Sandbox.createContext({}, (err, ctx) => (err ? reject(err) : resolve(ctx))));
  try {
    let logged: string | undefined;
    context.on('console', (_cursor, _level, ...args) => {
      logged = String(args[0]);
    });
    await new Promise<void>((resolve, reject) => context.execute(code, { timeout: 60_000 }, (err) => (err ? reject(err) : resolve())));
    assert.ok(logged !== undefined, 'the sandbox printed no result');
    return JSON.parse(logged) as Array<[boolean | string, boolean | string]>;
  } finally {
    context.dispose();
  }
}

const one = (schema: unknown, more: Record<string, unknown> = {}): Record<string, unknown> => ({ root: schema, ...more });

/** keyword → schema, data that passes, data that fails (several of each where a quirk matters). */
const KEYWORDS: ReadonlyArray<[string, unknown, unknown[], unknown[]]> = [
  ['type string', { type: 'string' }, ['a', ''], [1, null, {}, []]],
  ['type integer', { type: 'integer' }, [1, -3, 1.0, 1e21], [1.5, '1', null]],
  ['type number', { type: 'number' }, [1, 1.5], ['1', true]],
  ['type list', { type: ['string', 'null'] }, ['a', null], [0, false]],
  ['type object/array', { type: 'object' }, [{}, { a: 1 }], [[], null, 'x']],
  ['type array', { type: 'array' }, [[], [1]], [{}, 'a']],
  ['type boolean', { type: 'boolean' }, [true, false], [0, 'true']],
  ['enum', { enum: ['a', 1, null, { x: [1] }] }, ['a', 1, null, { x: [1] }], ['b', 2, { x: [2] }, { x: [1], y: 1 }]],
  ['const', { const: { a: [1, 'b'] } }, [{ a: [1, 'b'] }], [{ a: [1] }, { a: ['b', 1] }, null]],
  ['const null', { const: null }, [null], [0, '', false]],
  ['number bounds', { minimum: 1, maximum: 3 }, [1, 3, 'x'], [0, 4]],
  ['exclusive bounds', { exclusiveMinimum: 1, exclusiveMaximum: 3 }, [2], [1, 3]],
  ['multipleOf', { multipleOf: 0.5 }, [1, 1.5, 0], [1.2]],
  ['multipleOf int', { multipleOf: 3 }, [9, -3], [10]],
  ['string length', { minLength: 2, maxLength: 3 }, ['ab', 'abc', '😀😀', 7], ['a', 'abcd', '😀']],
  ['pattern', { pattern: '^[a-z]+$' }, ['abc', 5], ['ab1', '']],
  ['pattern unanchored', { pattern: 'b' }, ['abc'], ['acd']],
  ['format date-time', { format: 'date-time' }, ['2024-01-02T03:04:05Z', '2024-01-02 03:04:05+01:00', 12], ['2024-01-02', 'x']],
  ['format date', { format: 'date' }, ['2024-01-02'], ['2024-1-2']],
  ['format time', { format: 'time' }, ['03:04:05', '23:59:60Z'], ['3:04']],
  ['format uri', { format: 'uri' }, ['https://a.b/c?d#e', 'urn:x'], ['/relative', 'a b']],
  ['format uri-reference', { format: 'uri-reference' }, ['/relative', 'https://a'], ['\\\\x']],
  ['format uri-template', { format: 'uri-template' }, ['/a/{b}'], ['/a/{b']],
  ['format url', { format: 'url' }, ['https://example.com/x'], ['https://10.0.0.1/', 'ftp//x']],
  ['format email', { format: 'email' }, ['a@b.co'], ['a@', 'a b@c.d']],
  ['format hostname', { format: 'hostname' }, ['a.example.com'], ['-a.com', 'a_b.com']],
  ['format ipv4', { format: 'ipv4' }, ['127.0.0.1'], ['256.0.0.1']],
  ['format ipv6', { format: 'ipv6' }, ['::1', '2001:db8::1'], ['2001:::1', '1.2.3.4']],
  ['format regex', { format: 'regex' }, ['^a+$'], ['(', 'a\\Z']],
  ['format uuid', { format: 'uuid' }, ['123e4567-e89b-12d3-a456-426614174000'], ['123e4567']],
  ['format json-pointer', { format: 'json-pointer' }, ['/a/~1b', ''], ['a', '/~2']],
  ['format relative-json-pointer', { format: 'relative-json-pointer' }, ['0/a', '1#'], ['/a']],
  ['unknown format', { format: 'int32' }, ['x', 1.5], []],
  ['items schema', { items: { type: 'integer' } }, [[], [1, 2], 'x'], [[1, 'a']]],
  ['items tuple', { items: [{ type: 'string' }, { type: 'integer' }] }, [['a'], ['a', 1], ['a', 1, null]], [[1], ['a', 'b']]],
  ['additionalItems false', { items: [{ type: 'string' }], additionalItems: false }, [['a'], []], [['a', 'b']]],
  ['additionalItems schema', { items: [{ type: 'string' }], additionalItems: { type: 'integer' } }, [['a', 1, 2]], [['a', 'b']]],
  ['array size', { minItems: 1, maxItems: 2 }, [[1], [1, 2]], [[], [1, 2, 3]]],
  ['uniqueItems', { uniqueItems: true }, [[1, 2, '1'], [{ a: 1 }, { a: 2 }]], [[1, 1], [{ a: [1] }, { a: [1] }]]],
  ['contains', { contains: { const: 2 } }, [[1, 2]], [[1], []]],
  ['object size', { minProperties: 1, maxProperties: 2 }, [{ a: 1 }, { a: 1, b: 2 }], [{}, { a: 1, b: 2, c: 3 }]],
  ['required', { required: ['a', 'b'] }, [{ a: 1, b: null }, 'x'], [{ a: 1 }, {}]],
  ['properties', { properties: { a: { type: 'string' }, 'b-c': { type: 'integer' } } }, [{ a: 'x' }, {}, { 'b-c': 1 }], [{ a: 1 }, { 'b-c': 'x' }]],
  ['additionalProperties false', { properties: { a: {} }, additionalProperties: false }, [{ a: 1 }, {}], [{ a: 1, b: 2 }]],
  ['additionalProperties schema', { properties: { a: {} }, additionalProperties: { type: 'integer' } }, [{ a: 'x', b: 2 }], [{ b: 'x' }]],
  ['patternProperties', { patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false }, [{ 'x-a': 'b' }], [{ 'x-a': 1 }, { y: 1 }]],
  ['dependencies', { dependencies: { a: ['b'], c: { required: ['d'] } } }, [{ a: 1, b: 2 }, { c: 1, d: 1 }, {}], [{ a: 1 }, { c: 1 }]],
  ['propertyNames', { propertyNames: { pattern: '^[a-z]+$' } }, [{ ab: 1 }], [{ A: 1 }]],
  ['allOf', { allOf: [{ type: 'object' }, { required: ['a'] }] }, [{ a: 1 }], [{}, 'a']],
  ['anyOf', { anyOf: [{ type: 'string' }, { type: 'integer' }] }, ['a', 1], [null, 1.5]],
  ['oneOf', { oneOf: [{ type: 'integer' }, { type: 'number' }] }, [1.5], [1, 'a']],
  ['not', { not: { type: 'string' } }, [1], ['a']],
  ['if/then/else', { if: { type: 'string' }, then: { minLength: 2 }, else: { type: 'integer' } }, ['ab', 3], ['a', 1.5]],
  ['if alone', { if: { type: 'string' } }, ['a', 1], []],
  ['boolean schemas', { properties: { a: true, b: false } }, [{ a: 1 }], [{ b: 1 }]],
  ['nullable (anyOf null)', { anyOf: [{ type: 'null' }, { type: 'object', required: ['a'] }] }, [null, { a: 1 }], [{}, 1]],
];

test('every keyword: the JSON Schema check and Ajv 6 (pm.response.to.have.jsonSchema) agree in the sandbox, each passes and fails', async () => {
  const cases: Case[] = [];
  const expected: boolean[] = [];
  for (const [name, schema, good, bad] of KEYWORDS) {
    for (const data of good) { cases.push({ name: `${name} ✓ ${JSON.stringify(data)}`, definitions: one(schema), key: 'root', data }); expected.push(true); }
    for (const data of bad) { cases.push({ name: `${name} ✗ ${JSON.stringify(data)}`, definitions: one(schema), key: 'root', data }); expected.push(false); }
  }
  // $ref between definitions, escaped keys, a recursive schema, siblings of $ref ignored (draft-07)
  const refs = {
    '#/components/schemas/Node': { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, kids: { type: 'array', items: { $ref: '#/definitions/%23~1components~1schemas~1Node' } } } },
    'a~b/c': { $ref: '#/definitions/%23~1components~1schemas~1Node', type: 'string' },
  };
  for (const [key, data, valid] of [
    ['#/components/schemas/Node', { id: 1, kids: [{ id: 2, kids: [] }] }, true],
    ['#/components/schemas/Node', { id: 1, kids: [{ kids: [] }] }, false],
    ['a~b/c', { id: 3 }, true],
    ['a~b/c', 'text', false],
  ] as const) {
    cases.push({ name: `$ref ${key} ${JSON.stringify(data)}`, definitions: refs, key, data });
    expected.push(valid);
  }
  const results = await verdicts(cases);
  const disagree = cases.flatMap((c, i) => (results[i]?.[0] === results[i]?.[1] ? [] : [`${c.name}: ajv ${String(results[i]?.[0])}, ours ${String(results[i]?.[1])}`]));
  assert.deepEqual(disagree, []);
  const wrong = cases.filter((_, i) => results[i]?.[1] !== expected[i]).map((c) => c.name);
  assert.deepEqual(wrong, [], 'a row of the table expects another verdict');
  assert.ok(expected.filter((v) => !v).length > 60, 'the table has failing data for every keyword');
});

function items(collection: { item: Array<PostmanItem | PostmanFolder> }): PostmanItem[] {
  return collection.item.flatMap((entry) => ('request' in entry ? [entry] : items(entry)));
}

/** Broken copies of a JSON value: each object loses a key, each leaf changes type, each object gets an extra key. */
function variants(value: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, replace: (next: unknown) => unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, (next) => replace(node.map((c, j) => (j === i ? next : c)))));
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      out.push(replace({ ...node, unexpected_key: 1 }));
      for (const [key, child] of entries) {
        out.push(replace(Object.fromEntries(entries.filter(([k]) => k !== key))));
        walk(child, (next) => replace({ ...node, [key]: next }));
      }
    } else {
      out.push(replace(typeof node === 'string' ? 7 : typeof node === 'number' ? 'seven' : node === null ? {} : null));
    }
  };
  walk(value, (next) => next);
  return out;
}

test('every example of the AAM collections and broken variants of each: the JSON Schema check agrees with Ajv 6', async () => {
  const cases: Case[] = [];
  const seen = new Set<string>();
  for (const file of ['collections/aam-6.9.32.postman_collection.json', 'collections/aam-6.9.51.postman_collection.json']) {
    const collection = JSON.parse(await readFile(new URL(`../../${file}`, import.meta.url), 'utf8')) as PostmanCollection;
    const last = collection.event.find((e) => e.listen === 'test')?.script.exec.at(-1) ?? '';
    const definitions = JSON.parse(last.replace(/^contractTest\(pm, /, '').replace(/\);$/, '')) as Record<string, unknown>;
    for (const item of items(collection)) {
      const line = item.event?.[0]?.script.exec.find((l) => l.startsWith('pm.variables.set('));
      if (line === undefined) continue;
      const contract = JSON.parse(JSON.parse(line.replace(/^pm\.variables\.set\("contract", /, '').replace(/\);$/, '')) as string) as OperationContract;
      for (const example of (item as PostmanItem & { response?: Array<{ code: number; body?: string }> }).response ?? []) {
        const key = contract.statuses?.[String(example.code)]?.schemas?.['application/json'];
        if (key === undefined || example.body === undefined) continue;
        const body = JSON.parse(example.body) as unknown;
        for (const data of [body, ...variants(body)]) {
          const id = `${file} ${key} ${JSON.stringify(data)}`;
          if (seen.has(id)) continue;
          seen.add(id);
          cases.push({ name: `${file} ${item.name} ${example.code}${data === body ? '' : ` broken ${JSON.stringify(data).slice(0, 80)}`}`, definitions, key, data });
        }
      }
    }
  }
  assert.ok(cases.length > 500, `${cases.length} cases`);
  const results = await verdicts(cases);
  const disagree = cases.flatMap((c, i) => (results[i]?.[0] === results[i]?.[1] ? [] : [`${c.name}: ajv ${String(results[i]?.[0])}, ours ${String(results[i]?.[1])}`]));
  assert.deepEqual(disagree.slice(0, 10), []);
  assert.ok(results.some((r) => r[1] === true) && results.some((r) => r[1] === false), 'valid and invalid bodies both occur');
});
