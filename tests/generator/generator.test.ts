import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import newman from 'newman';
import postmanCollection from 'postman-collection';
import { parse } from 'yaml';
import {
  contractPrerequestExec, generateCollection, generateEnvironments, loadSpec, projectVariants, serializeJson, SpecError,
  type OperationContract, type PostmanCollection, type PostmanFolder, type PostmanItem,
} from '../../generators/index.js';
import { jsonErrorPosition } from '../../generators/load-spec.js';
import { postmanPath } from '../../generators/transform/operation-object.js';
import { serverUrl } from '../../generators/transform/collection.js';
import { allowNull, definitionRef } from '../../generators/transform/schema-object.js';
import { exampleCode, statusOrder } from '../../generators/transform/responses-object.js';
import { stableId } from '../../generators/lib/stable-id.js';
import { loadScenarios } from '../../generators/scenarios/load-scenarios.js';
import { listOperations } from '../../generators/scenarios/operation-catalogue.js';

const root = new URL('../../', import.meta.url);
const path = (rel: string): string => new URL(rel, root).pathname;
const AAM = path('spec/aam-6.9.32/openapi.yaml');
const FIXTURES = [
  path('tests/fixtures/openapi/petstore-expanded.yaml'),
  path('tests/fixtures/openapi/tree-forms.openapi.yaml'),
  AAM,
];

const postmanSchema = JSON.parse(await readFile(path('tests/fixtures/postman/collection-v2.1.0.schema.json'), 'utf8')) as object;
const validateCollection = new Ajv({ strict: false, allErrors: true }).compile(postmanSchema);

function items(collection: { item: Array<PostmanItem | PostmanFolder> }): PostmanItem[] {
  return collection.item.flatMap((entry) => ('request' in entry ? [entry] : items(entry)));
}

async function generate(file: string): Promise<PostmanCollection> {
  return generateCollection(await loadSpec(file));
}

/** The AAM collection as `npm run generate` writes it: with the contract scenarios of spec/aam-6.9.32/scenarios.yaml. */
async function generateAam(): Promise<PostmanCollection> {
  const spec = await loadSpec(AAM);
  const scenarios = await loadScenarios(path('spec/aam-6.9.32/scenarios.yaml'), listOperations(spec.doc), 'spec/aam-6.9.32/openapi.yaml', 'spec/aam-6.9.32/scenarios.yaml');
  return generateCollection(spec, { specName: 'spec/aam-6.9.32/openapi.yaml', scenarios });
}

// ---- stub pm: just enough of the sandbox API the contract script uses ----
interface StubResponse { code: number; headers: Record<string, string | string[]>; body: string }
interface TestResult { name: string; passed: boolean; error?: string }

function runScripts(exec: string[][], response: StubResponse): TestResult[] {
  const variables = new Map<string, unknown>();
  const env = new Map<string, unknown>([['declared', '']]);
  const collectionVariables = new Map<string, unknown>();
  const results: TestResult[] = [];
  const schemaAjv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(schemaAjv);
  const expect = (actual: unknown, message?: string) => {
    const fail = (why: string): never => { throw new Error(`${message ?? ''} ${why}`.trim()); };
    const api = {
      to: {
        be: {
          a: (type: string) => { if (typeof actual !== type) fail(`expected ${String(actual)} to be a ${type}`); },
          oneOf: (list: unknown[]) => { if (!list.includes(actual)) fail(`expected ${String(actual)} to be one of ${list.join(',')}`); },
        },
        eql: (want: unknown) => { assert.deepEqual(actual, want, message); },
        equal: (want: unknown) => { if (actual !== want) fail(`expected ${String(actual)} to equal ${String(want)}`); },
        match: (re: RegExp) => { if (!re.test(String(actual))) fail(`expected ${String(actual)} to match ${String(re)}`); },
        not: { equal: (v: unknown) => { if (actual === v) fail(`expected not ${String(v)}`); } },
      },
    };
    return api;
  };
  const fail = (message: string): never => { throw new Error(message); };
  const json = (): unknown => JSON.parse(response.body);
  const pm = {
    variables: { get: (k: string) => variables.get(k), set: (k: string, v: unknown) => variables.set(k, v), unset: (k: string) => variables.delete(k) },
    environment: { set: (k: string, v: unknown) => env.set(k, v), has: (k: string) => env.has(k), get: (k: string) => env.get(k) },
    collectionVariables: { set: (k: string, v: unknown) => collectionVariables.set(k, v), get: (k: string) => collectionVariables.get(k) },
    execution: { setNextRequest: (next: unknown) => { results.push({ name: `setNextRequest(${JSON.stringify(next)})`, passed: true }); } },
    expect: Object.assign(expect, { fail }),
    test: (name: string, fn: () => void) => {
      try { fn(); results.push({ name, passed: true }); } catch (err) { results.push({ name, passed: false, error: (err as Error).message }); }
    },
    response: {
      code: response.code,
      headers: {
        get: (name: string) => [Object.entries(response.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]].flat()[0],
        all: () => Object.entries(response.headers).flatMap(([key, value]) => [value].flat().map((v) => ({ key, value: v }))),
      },
      json,
      text: () => response.body,
      to: {
        have: {
          jsonSchema: (schema: object) => {
            const validate = schemaAjv.compile(schema);
            if (!validate(json())) throw new Error(`schema: ${schemaAjv.errorsText(validate.errors)}`);
          },
          header: (name: string) => { if (pm.response.headers.get(name) === undefined) throw new Error(`missing header ${name}`); },
        },
      },
    },
  };
  const context = vm.createContext({ pm });
  for (const lines of exec) new vm.Script(lines.join('\n')).runInContext(context);
  return results;
}

function runContract(collection: PostmanCollection, operationId: string, response: StubResponse, expect?: OperationContract['expect']): TestResult[] {
  const item = items(collection).find((i) => i.id === stableId('item', operationId));
  assert.ok(item, `no item ${operationId}`);
  let pre = item.event?.find((e) => e.listen === 'prerequest')?.script.exec ?? [];
  if (expect !== undefined) {
    const line = pre.find((l) => l.startsWith('pm.variables.set('));
    const contract = JSON.parse(JSON.parse(line?.replace(/^pm\.variables\.set\("contract", /, '').replace(/\);$/, '') ?? '""') as string) as OperationContract;
    pre = contractPrerequestExec({ ...contract, expect });
  }
  const testExec = collection.event.find((e) => e.listen === 'test')?.script.exec ?? [];
  return runScripts([pre, testExec], response);
}

// ---- validity ----
for (const file of FIXTURES) {
  const name = file.split('/').pop() ?? file;
  test(`${name}: the collection validates against the official v2.1.0 schema`, async () => {
    const collection = await generate(file);
    assert.ok(validateCollection(collection), JSON.stringify(validateCollection.errors?.slice(0, 3)));
  });
  test(`${name}: the collection loads in the postman-collection SDK with every request`, async () => {
    const json = await generate(file);
    const sdk = new postmanCollection.Collection(json as never);
    let count = 0;
    sdk.forEachItem(() => { count += 1; });
    assert.equal(count, items(json).length);
    assert.ok(count > 0);
  });
  test(`${name}: every script compiles and every request carries a contract`, async () => {
    const collection = await generate(file);
    const scripts = [collection.event, ...items(collection).map((i) => i.event ?? [])].flat();
    for (const event of scripts) assert.doesNotThrow(() => new vm.Script(event.script.exec.join('\n')));
    for (const item of items(collection)) assert.equal(item.event?.[0]?.listen, 'prerequest', item.name);
  });
  test(`${name}: generating twice gives byte-identical output`, async () => {
    assert.equal(serializeJson(await generate(file)), serializeJson(await generate(file)));
  });
}

test('the committed AAM collection and environments are the golden files (npm run generate)', async () => {
  assert.equal(serializeJson(await generateAam()), await readFile(path('collections/aam-6.9.32.postman_collection.json'), 'utf8'));
  const envs = generateEnvironments(parse(await readFile(path('spec/environments.yaml'), 'utf8')), 'spec/environments.yaml', { scope: 'aam-6.9.32' });
  assert.deepEqual(envs.map((e) => e.fileName), ['local.postman_environment.json', 'real-site.postman_environment.json']);
  for (const env of envs) assert.equal(serializeJson(env.environment), await readFile(path(`environments/aam-6.9.32/${env.fileName}`), 'utf8'));
});

test('every variant folder of spec/ has its committed collection and environments, and nothing else is committed', async () => {
  const variants = await projectVariants(path('.'));
  assert.ok(variants.includes('aam-6.9.32'), variants.join(', '));
  assert.deepEqual((await readdir(path('collections'))).filter((n) => n.endsWith('.json')).sort(), variants.map((v) => `${v}.postman_collection.json`).sort());
  assert.deepEqual((await readdir(path('environments'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort(), [...variants].sort());
});

test('environments of two collections get their own ids and names (scope)', () => {
  const data = { environments: [{ file: 'local', name: 'Local', values: [{ key: 'baseUrl', value: 'x' }] }] };
  const [plain] = generateEnvironments(data, 'e.yaml');
  const [a] = generateEnvironments(data, 'e.yaml', { scope: 'aam-a' });
  const [b] = generateEnvironments(data, 'e.yaml', { scope: 'aam-b' });
  assert.equal(a?.environment.name, 'Local (aam-a)');
  assert.equal(plain?.environment.name, 'Local');
  assert.notEqual(a?.environment.id, b?.environment.id);
  assert.notEqual(a?.environment.id, plain?.environment.id);
  assert.equal(a?.fileName, 'local.postman_environment.json');
});

test('AAM: one request per operationId, public operations send no token', async () => {
  const collection = await generate(AAM);
  const ids = ['listTokens', 'createToken', 'getToken', 'deleteToken', 'resetTokens', 'resetTokensPut', 'resetTokensPatch', 'validateToken', 'validateTokenV1', 'refreshToken', 'refreshTokenV1', 'revokeToken', 'authenticate', 'authenticateV1', 'getRestNonce', 'signedUrlLogin'];
  assert.deepEqual(items(collection).map((i) => i.id).sort(), ids.map((id) => stableId('item', id)).sort());
  const item = (id: string) => items(collection).find((i) => i.id === stableId('item', id));
  assert.deepEqual(item('authenticate')?.request.auth, { type: 'noauth' });
  assert.equal(item('createToken')?.request.auth, undefined);
  assert.deepEqual(collection.auth, { type: 'bearer', bearer: [{ key: 'token', value: '{{jwt_token}}', type: 'string' }] });
});

test('AAM: cookie authentication — no request uses the jar, the cookie route sends its own Cookie header, redirects are not followed', async () => {
  const collection = await generate(AAM);
  const item = (id: string) => items(collection).find((i) => i.id === stableId('item', id));
  for (const each of items(collection)) assert.equal(each.protocolProfileBehavior?.disableCookies, true, each.name);
  assert.deepEqual(item('getRestNonce')?.request.auth, { type: 'noauth' });
  assert.deepEqual(item('getRestNonce')?.request.header.find((h) => h.key === 'Cookie'), { key: 'Cookie', value: '{{auth_cookie}}' });
  assert.equal(item('getRestNonce')?.request.url.raw, '{{siteUrl}}/wp-admin/admin-ajax.php?action=rest-nonce');
  assert.deepEqual(item('signedUrlLogin')?.protocolProfileBehavior, { disableCookies: true, followRedirects: false });
  assert.equal(item('listTokens')?.protocolProfileBehavior?.followRedirects, undefined);
  assert.match(item('listTokens')?.request.description ?? '', /\*\*Auth:\*\* `bearerJwt`, or `wpCookie` \+ `wpNonce`/);
  // part of baseUrl's own server ({siteUrl}/wp-json): empty, taken from baseUrl by the collection's pre-request script
  assert.deepEqual(collection.variable.find((v) => v.key === 'siteUrl'), {
    key: 'siteUrl', value: '', type: 'string',
    description: 'Empty: taken from {{baseUrl}} before each request (its part `{siteUrl}` in the server URL); set it only where it differs',
  });
  assert.match(collection.info.description, /cookie jar disabled/);
});

test('a spec without a cookie scheme keeps the cookie jar and the document server', async () => {
  const collection = await generate(path('tests/fixtures/openapi/petstore-expanded.yaml'));
  assert.ok(items(collection).every((i) => i.protocolProfileBehavior === undefined));
  assert.ok(items(collection).every((i) => i.request.url.host[0] === '{{baseUrl}}'));
  assert.doesNotMatch(collection.info.description, /cookie jar/);
});

test('environments: jwt_token and passwords are secret, keys identical', async () => {
  const envs = generateEnvironments(parse(await readFile(path('spec/environments.yaml'), 'utf8')), 'spec/environments.yaml');
  for (const env of envs) {
    const secret = env.environment.values.filter((v) => v.type === 'secret').map((v) => v.key).sort();
    assert.deepEqual(secret, ['jwt_token', 'password', 'unprivileged_password', 'unprivileged_token']);
  }
  assert.throws(() => generateEnvironments({ environments: [{ file: 'a', name: 'A', values: [{ key: 'x', value: '' }] }, { file: 'b', name: 'B', values: [] }] }, 'e.yaml'), { code: 'ERR_ENVIRONMENTS_INVALID' });
});

// ---- the contract script against a stub pm ----
const NODE = JSON.stringify({ id: 1, label: 'a', parent: null, children: [{ id: 2, label: 'b', parent: null, children: [] }] });
const contractCases: Array<[string, string, StubResponse, OperationContract['expect'] | undefined, Record<string, boolean>]> = [
  ['conforming response passes', 'getNode', { code: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': 'r1' }, body: NODE }, undefined,
    { '[getNode] status 200 is documented': true, '[getNode] 200 Content-Type is application/json': true, '[getNode] 200 body matches #/components/schemas/Node': true, '[getNode] 200 header X-Request-Id is present': true }],
  ['undocumented status fails', 'getNode', { code: 500, headers: {}, body: '' }, undefined, { '[getNode] status 500 is documented': false }],
  ['wrong nested body fails (circular schema)', 'getNode', { code: 200, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r' }, body: JSON.stringify({ id: 1, label: 'a', parent: null, children: [{ id: 'x' }] }) }, undefined,
    { '[getNode] 200 body matches #/components/schemas/Node': false }],
  ['wrong Content-Type and missing header fail', 'getNode', { code: 200, headers: { 'Content-Type': 'text/html' }, body: NODE }, undefined,
    { '[getNode] 200 Content-Type is application/json': false, '[getNode] 200 header X-Request-Id is present': false }],
  ['range status and external-file schema', 'upload', { code: 422, headers: { 'Content-Type': 'application/problem+json' }, body: JSON.stringify({ type: 'other', point: [1, 2] }) }, undefined,
    { '[upload] status 422 is documented': true, '[upload] 4XX body matches #/paths/~1uploads/post/responses/4XX/content/application~1problem+json/schema': false }],
  ['expect: status, json and capture', 'createNode', { code: 201, headers: { 'Content-Type': 'application/json' }, body: NODE }, { status: 201, json: { label: 'a', 'children.0.id': 2 }, capture: { node_id: '/id' } },
    { '[createNode] status is 201 as expected': true, '[createNode] body label equals "a"': true, '[createNode] body children.0.id equals 2': true, '[createNode] captures node_id from body /id': true }],
  ['expect: pointer assertions pass on a matching body', 'createNode', { code: 201, headers: { 'Content-Type': 'application/json' }, body: NODE },
    { body: [
      { pointer: '', kind: 'keys', keys: ['id', 'label', 'parent', 'children'] }, { pointer: '/children/0/label', kind: 'equals', value: 'b' },
      { pointer: '/id', kind: 'type', type: 'integer' }, { pointer: '/children', kind: 'length', length: 1 }, { pointer: '/label', kind: 'matches', pattern: '^a$' },
      { pointer: '/nope', kind: 'absent' }, { pointer: '/parent', kind: 'equals', value: null },
    ] },
    { '[createNode] body (root) has exactly the keys ["id","label","parent","children"]': true, '[createNode] body /children/0/label equals "b"': true, '[createNode] body /id is an integer': true,
      '[createNode] body /children has 1 item(s)': true, '[createNode] body /label matches /^a$/': true, '[createNode] body /nope is absent': true, '[createNode] body /parent equals null': true }],
  ['expect: pointer assertions fail on a different body', 'createNode', { code: 201, headers: { 'Content-Type': 'application/json' }, body: NODE },
    { body: [
      { pointer: '', kind: 'keys', keys: ['label', 'id', 'parent', 'children'] }, { pointer: '/id', kind: 'type', type: 'string' }, { pointer: '/children', kind: 'length', length: 2 },
      { pointer: '/label', kind: 'matches', pattern: '^b$' }, { pointer: '/id', kind: 'absent' }, { pointer: '/id', kind: 'equalsVar', variable: 'contract_missing' },
    ] },
    { '[createNode] body (root) has exactly the keys ["label","id","parent","children"]': false, '[createNode] body /id is a string': false, '[createNode] body /children has 2 item(s)': false,
      '[createNode] body /label matches /^b$/': false, '[createNode] body /id is absent': false, '[createNode] body /id equals {{contract_missing}}': false }],
  ['expect: a failed expectation of a halting step stops the run', 'createNode', { code: 201, headers: { 'Content-Type': 'application/json' }, body: NODE },
    { halt: true, vars: [{ variable: 'target', pattern: '^[1-9]', message: 'target must be set' }], body: [{ pointer: '/id', kind: 'notEqualsVar', variable: 'target' }] },
    { '[createNode] variable target matches /^[1-9]/': false, '[createNode] body /id differs from {{target}}': true, 'setNextRequest(null)': true, '[createNode] the run stops here: 1 expectation(s) of this step failed': false }],
  ['expect: a wrong status fails', 'createNode', { code: 201, headers: { 'Content-Type': 'application/json' }, body: NODE }, { status: [200, 204] }, { '[createNode] status is 200 or 204 as expected': false }],
  ['expect: header lines and cookies pass', 'createNode',
    { code: 201, headers: { 'Content-Type': 'application/json', 'Set-Cookie': ['a_1=x%7C1; path=/; HttpOnly', 'b_2=y; path=/admin'], Location: 'http://h.example/admin/' }, body: NODE },
    { headers: [
      { name: 'set-cookie', kind: 'count', count: 2 }, { name: 'Set-Cookie', kind: 'matches', pattern: '; path=/' }, { name: 'Set-Cookie', kind: 'some', pattern: '^b_{{declared}}2=' },
      { name: 'Set-Cookie', kind: 'values', patterns: ['^a_1=', '^b_2='] }, { name: 'Location', kind: 'equals', value: 'http://h.example/admin/' }, { name: 'Allow', kind: 'absent' },
    ], captureCookie: { cookie_b: '^b_' } },
    { '[createNode] header set-cookie is sent 2 time(s)': true, '[createNode] header Set-Cookie matches /; path=//': true, '[createNode] header Set-Cookie has a line matching /^b_{{declared}}2=/': true,
      '[createNode] header Set-Cookie lines match /^a_1=/, /^b_2=/': true, '[createNode] header Location is "http://h.example/admin/"': true, '[createNode] header Allow is absent': true,
      '[createNode] captures cookie_b from the cookie named /^b_/': true }],
  ['expect: header lines and cookies fail', 'createNode', { code: 201, headers: { 'Content-Type': 'application/json', 'Set-Cookie': 'a_1=x; path=/' }, body: NODE },
    { headers: [
      { name: 'Set-Cookie', kind: 'count', count: 3 }, { name: 'Set-Cookie', kind: 'matches', pattern: 'HttpOnly$' }, { name: 'Set-Cookie', kind: 'some', pattern: '^b_' },
      { name: 'Set-Cookie', kind: 'values', patterns: ['^a_1=', '^b_2='] }, { name: 'Content-Type', kind: 'absent' }, { name: 'X-None', kind: 'equals', value: 'x' },
    ], captureCookie: { cookie_b: '^b_' } },
    { '[createNode] header Set-Cookie is sent 3 time(s)': false, '[createNode] header Set-Cookie matches /HttpOnly$/': false, '[createNode] header Set-Cookie has a line matching /^b_/': false,
      '[createNode] header Set-Cookie lines match /^a_1=/, /^b_2=/': false, '[createNode] header Content-Type is absent': false, '[createNode] header X-None is "x"': false,
      '[createNode] captures cookie_b from the cookie named /^b_/': false }],
  ['expect: the body as text', 'createNode', { code: 201, headers: { 'Content-Type': 'application/json' }, body: '8b1087f57a' },
    { text: [{ kind: 'matches', pattern: '^[0-9a-f]{10}$' }, { kind: 'equals', value: '0' }], captureText: 'nonce' },
    { '[createNode] body text matches /^[0-9a-f]{10}$/': true, '[createNode] body text is "0"': false }],
];
const tree = await generate(path('tests/fixtures/openapi/tree-forms.openapi.yaml'));
for (const [name, operationId, response, expect, want] of contractCases) {
  test(`contract script: ${name}`, () => {
    const results = runContract(tree, operationId, response, expect);
    for (const [testName, passed] of Object.entries(want)) {
      const result = results.find((r) => r.name === testName);
      assert.ok(result, `no test "${testName}" in ${results.map((r) => r.name).join(' | ')}`);
      assert.equal(result.passed, passed, `${testName}: ${result.error ?? ''}`);
    }
  });
}

test('contract script: the 404 from a relative-file $ref validates its schema', () => {
  const ok = runContract(tree, 'getNode', { code: 404, headers: { 'Content-Type': 'application/json' }, body: '{"message":"x"}' });
  const bad = runContract(tree, 'getNode', { code: 404, headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const name = '[getNode] 404 body matches shared.yaml#/components/schemas/Problem';
  assert.equal(ok.find((r) => r.name === name)?.passed, true);
  assert.equal(bad.find((r) => r.name === name)?.passed, false);
});

// ---- transforms (tables) ----
const pathCases: Array<[string, string[]]> = [['/pets', ['pets']], ['/a/{id}/b', ['a', ':id', 'b']], ['/aam/v2/service/jwt/{id}', ['aam', 'v2', 'service', 'jwt', ':id']]];
for (const [given, want] of pathCases) test(`postmanPath ${given}`, () => assert.deepEqual(postmanPath(given), want));

const serverCases: Array<[unknown, string]> = [
  [[{ url: '{siteUrl}/wp-json', variables: { siteUrl: { default: 'http://127.0.0.1:8080' } } }], 'http://127.0.0.1:8080/wp-json'],
  [[{ url: 'https://x.org/api/' }], 'https://x.org/api'],
  [undefined, ''],
];
for (const [given, want] of serverCases) test(`serverUrl → ${want || '(empty)'}`, () => assert.equal(serverUrl(given), want));

const statusCases: Array<[string[], string[]]> = [[['default', '404', '4XX', '200', '201'], ['200', '201', '404', '4XX', 'default']]];
for (const [given, want] of statusCases) test(`status order ${given.join(',')}`, () => assert.deepEqual([...given].sort((a, b) => statusOrder(a) - statusOrder(b)), want));
test('example codes of ranges and default', () => assert.deepEqual(['201', '5XX', 'default'].map(exampleCode), [201, 500, undefined]));

const nullCases: Array<[object, object]> = [
  [{ type: 'string' }, { type: ['string', 'null'] }],
  [{ type: 'string', enum: ['a'] }, { type: ['string', 'null'], enum: ['a', null] }],
  [{ $ref: '#/definitions/X' }, { anyOf: [{ type: 'null' }, { $ref: '#/definitions/X' }] }],
];
for (const [given, want] of nullCases) test(`nullable ${JSON.stringify(given)}`, () => assert.deepEqual(allowNull(given as never), want));
test('definitionRef escapes pointers', () => assert.equal(definitionRef('#/components/schemas/A'), '#/definitions/%23~1components~1schemas~1A'));
test('stable ids are UUID v5 and deterministic', () => {
  assert.match(stableId('item', 'x'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(stableId('item', 'x'), stableId('item', 'x'));
  assert.notEqual(stableId('item', 'x'), stableId('item', 'y'));
});

// ---- errors and CLI ----
async function tempSpec(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gen-'));
  const file = join(dir, 'spec.yaml');
  await writeFile(file, text);
  return file;
}
const errorCases: Array<[string, string, string, string]> = [
  ['broken $ref', 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: "#/components/schemas/Nope"}\n', 'ERR_SPEC_REF', '#/paths/~1a/get/responses/200/content/application~1json/schema'],
  ['unsupported version', 'openapi: 2.0.0\ninfo: {title: t, version: "1"}\n', 'ERR_SPEC_VERSION', '#/openapi'],
  ['invalid YAML', 'openapi: 3.1.0\n  bad: [\n', 'ERR_SPEC_PARSE', ''],
];
for (const [name, text, code, pointer] of errorCases) {
  test(`a broken spec (${name}) fails with code, file and pointer`, async () => {
    const file = await tempSpec(text);
    await assert.rejects(loadSpec(file), (err: unknown) => {
      assert.ok(err instanceof SpecError);
      assert.equal(err.code, code);
      assert.equal(err.pointer, pointer);
      assert.ok(err.message.includes('spec.yaml'), err.message);
      return true;
    });
  });
}

test('a broken JSON spec fails with ERR_SPEC_PARSE naming the file, line and column', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gen-'));
  const file = join(dir, 'spec.json');
  await writeFile(file, '{\n  "openapi": "3.1.0",\n  "info": {"title": "t", "version": "1"},\n}\n');
  await assert.rejects(loadSpec(file), (err: unknown) => {
    assert.ok(err instanceof SpecError);
    assert.equal(err.code, 'ERR_SPEC_PARSE');
    assert.equal(err.pointer, '');
    assert.match(err.message, /spec\.json: invalid JSON at line 4, column 1: /);
    return true;
  });
});

const brokenNonAscii: Array<[string, string]> = [
  ['a bad token after non-ASCII text', '{"openapi": "3.1.0", "info": {"title": "Café € 😀", "version": tru}}'],
  ['text after the document (the message has a position)', '{"openapi": "3.1.0", "info": {"title": "Café € 😀"}}\n  x'],
];
for (const [name, text] of brokenNonAscii) {
  test(`a broken JSON spec with non-ASCII text, ${name}: the message of the UTF-8 text`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gen-'));
    const file = join(dir, 'spec.json');
    await writeFile(file, text);
    let message = '';
    try {
      JSON.parse(text);
    } catch (error) {
      message = (error as Error).message;
    }
    await assert.rejects(loadSpec(file), (err: unknown) => {
      assert.ok(err instanceof SpecError);
      assert.equal(err.code, 'ERR_SPEC_PARSE');
      assert.ok(err.message.endsWith(`spec.json: invalid JSON${jsonErrorPosition(text, message)}: ${message}`), err.message);
      return true;
    });
  });
}

test('a JSON spec with a broken $ref names the file and the pointer of the $ref', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gen-'));
  const file = join(dir, 'spec.json');
  const schema = { $ref: '#/components/schemas/Nope' };
  await writeFile(file, JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: { '/a/{b}': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Ok' } } } } } } },
      '/c': { post: { responses: { default: { description: 'x', content: { 'application/json': { schema } } } } } } },
    components: { schemas: { Ok: { type: 'object' } } },
  }));
  await assert.rejects(loadSpec(file), (err: unknown) => {
    assert.ok(err instanceof SpecError);
    assert.equal(err.code, 'ERR_SPEC_REF');
    assert.equal(err.pointer, '#/paths/~1c/post/responses/default/content/application~1json/schema');
    assert.ok(err.message.includes('spec.json'), err.message);
    return true;
  });
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path('generators/cli.ts'), ...args], { cwd: path('.'), encoding: 'utf8' });
}

test('CLI: a broken spec exits 1 with file and pointer and writes nothing', async () => {
  const file = await tempSpec(errorCases[0]?.[1] ?? '');
  const out = join(file, '..', 'out.json');
  const run = cli('--spec', file, '--collection', out, '--no-environments');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /ERR_SPEC_REF: .*spec\.yaml #\/paths\/~1a\/get/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
  await assert.rejects(readFile(out));
});

test('CLI: --check passes when fresh and exits 1 naming a stale file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gen-'));
  const spec = join(dir, 'petstore.yaml');
  await copyFile(path('tests/fixtures/openapi/petstore-expanded.yaml'), spec);
  const out = join(dir, 'pet.json');
  assert.equal(cli('--spec', spec, '--collection', out, '--no-environments').status, 0);
  assert.equal(cli('--spec', spec, '--collection', out, '--no-environments', '--check').status, 0);
  await writeFile(out, (await readFile(out, 'utf8')).replace('findPets', 'findPetz'));
  const stale = cli('--spec', spec, '--collection', out, '--no-environments', '--check');
  assert.equal(stale.status, 1);
  assert.match(stale.stderr, /pet\.json/);
});

// ---- a real Newman run ----
async function newmanRun(collection: PostmanCollection, respond: (method: string, url: string) => [number, Record<string, string>, string]) {
  const server = createServer((req, res) => {
    const [code, headers, body] = respond(req.method ?? '', req.url ?? '');
    res.writeHead(code, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    return await new Promise<newman.NewmanRunSummary>((resolve, reject) => {
      newman.run({ collection: collection as never, envVar: [{ key: 'baseUrl', value: `http://127.0.0.1:${port}/api` }], reporters: [] }, (err, summary) => (err ? reject(err) : resolve(summary)));
    });
  } finally {
    server.close();
  }
}

test('Newman: the tree fixture passes against a conforming server and fails on wrong status and body', async () => {
  const good = (method: string, url: string): [number, Record<string, string>, string] => {
    if (url.startsWith('/api/uploads')) return [204, {}, ''];
    if (method === 'POST') return [201, { 'Content-Type': 'application/json' }, NODE];
    return [200, { 'Content-Type': 'application/json', 'X-Request-Id': 'r' }, NODE];
  };
  const ok = await newmanRun(tree, good);
  assert.equal(ok.run.failures.length, 0, JSON.stringify(ok.run.failures.map((f) => f.error.message)));
  assert.ok((ok.run.stats.assertions.total ?? 0) >= 8);
  const bad = await newmanRun(tree, (method, url) => (url.startsWith('/api/uploads') ? [500, {}, ''] : method === 'POST' ? [201, { 'Content-Type': 'application/json' }, '{"id":"x"}'] : good(method, url)));
  const failed = bad.run.failures.map((f) => f.error.test).sort();
  assert.deepEqual(failed, ['[createNode] 201 body matches #/components/schemas/Node', '[upload] status 500 is documented']);
});
