import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import { Ajv } from 'ajv';
import postmanCollection from 'postman-collection';
import { generateCollection, loadSpec, type PostmanCollection, type PostmanFolder, type PostmanItem } from '../../generators/index.js';
import { parseScenarios } from '../../generators/scenarios/load-scenarios.js';
import { listOperations } from '../../generators/scenarios/operation-catalogue.js';
import { SCENARIOS_FOLDER } from '../../generators/scenarios/scenario-model.js';
import { scenarioPrerequestExec } from '../../generators/scenarios/transform-scenarios.js';

const root = new URL('../../', import.meta.url);
const path = (rel: string): string => new URL(rel, root).pathname;
const committed = JSON.parse(await readFile(path('collections/aam-6.9.32.postman_collection.json'), 'utf8')) as PostmanCollection;

type Item = PostmanItem;
function items(node: { item: Array<PostmanItem | PostmanFolder> }): Item[] {
  return node.item.flatMap((entry) => ('request' in entry ? [entry] : items(entry)));
}
function scenarioFolder(collection: PostmanCollection): PostmanFolder {
  const last = collection.item.at(-1);
  assert.ok(last !== undefined && !('request' in last) && last.name === SCENARIOS_FOLDER, 'the scenario folder comes last');
  return last;
}

test('the committed collection validates against Postman v2.1.0 and loads in the SDK, scenarios included', async () => {
  const schema = JSON.parse(await readFile(path('tests/fixtures/postman/collection-v2.1.0.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  assert.ok(validate(committed), JSON.stringify(validate.errors?.slice(0, 3)));
  const sdk = new postmanCollection.Collection(committed as never);
  assert.ok(sdk.items.count() > 0);
  const folder = scenarioFolder(committed);
  const scenarioNames = folder.item.map((f) => f.name);
  assert.equal(scenarioNames[0], 'Setup');
  assert.ok(items(folder).length >= 160);
  for (const item of items(folder)) {
    for (const event of item.event ?? []) assert.doesNotThrow(() => new vm.Script(event.script.exec.join('\n')), item.name);
  }
});

const OPS = `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
      responses: { "200": { description: ok, content: { application/json: { schema: { type: object } } } }, "404": { description: no } }
  /open:
    post:
      operationId: openThing
      security: []
      responses: { "200": { description: ok } }
components:
  securitySchemes: { bearerJwt: { type: http, scheme: bearer } }
security: [ { bearerJwt: [] } ]
`;
const SCENARIOS = `version: 1
constants: { magic: "a\\"b" }
scenarios:
  - name: One
    description: first
    steps:
      - { name: get, operation: getThing, path: { id: "{{thing_id}}" }, query: { user_id: "{{target_user_id}}" }, expect: { status: 200 }, capture: { thing_name: /name } }
      - { name: get anonymously, operation: getThing, auth: none, path: { id: x }, expect: { status: [401, 404] } }
      - { name: get unprivileged, operation: getThing, auth: unprivileged, requires: [unprivileged_token], path: { id: x }, expect: { status: 403 } }
      - { name: open, operation: openThing, repeat: 2, form: { a: 1 }, headers: { X-Test: "y" }, expect: { status: 200 } }
      - { name: get with a body, operation: getThing, path: { id: x }, raw: { contentType: application/json, body: "{" }, expect: { status: 400 } }
      - { name: no route, method: PUT, rawPath: /NOPE/, json: { a: [1] }, expect: { status: 404 } }
`;

async function fixture(): Promise<PostmanCollection> {
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'scn-'));
  await writeFile(join(dir, 'spec.yaml'), OPS);
  const spec = await loadSpec(join(dir, 'spec.yaml'));
  return generateCollection(spec, { scenarios: await parseScenarios(SCENARIOS, 'scenarios.yaml', listOperations(spec.doc)) });
}

test('each step becomes a request built from its operation, with the step auth, parameters and body', async () => {
  const collection = await fixture();
  const steps = items(scenarioFolder(collection));
  const byName = new Map(steps.map((s) => [s.name, s]));
  assert.deepEqual(steps.map((s) => s.name), ['get', 'get anonymously', 'get unprivileged', 'open (1/2)', 'open (2/2)', 'get with a body', 'no route']);
  const get = byName.get('get');
  assert.equal(get?.request.method, 'GET');
  assert.equal(get?.request.url.raw, '{{baseUrl}}/things/:id?user_id={{target_user_id}}');
  assert.deepEqual(get?.request.url.variable, [{ key: 'id', value: '{{thing_id}}' }]);
  assert.deepEqual(get?.request.auth, { type: 'bearer', bearer: [{ key: 'token', value: '{{jwt_token}}', type: 'string' }] });
  assert.deepEqual(byName.get('get anonymously')?.request.auth, { type: 'noauth' });
  assert.deepEqual(byName.get('get unprivileged')?.request.auth, { type: 'bearer', bearer: [{ key: 'token', value: '{{unprivileged_token}}', type: 'string' }] });
  const open = byName.get('open (2/2)');
  assert.equal(open?.request.method, 'POST');
  assert.deepEqual(open?.request.body, { mode: 'urlencoded', urlencoded: [{ key: 'a', value: '1', type: 'text' }] });
  assert.deepEqual(open?.request.header.filter((h) => h.key !== 'Accept'), [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }, { key: 'X-Test', value: 'y' }]);
  assert.deepEqual(byName.get('get with a body')?.protocolProfileBehavior, { disableBodyPruning: true });
  const raw = byName.get('no route');
  assert.equal(raw?.request.url.raw, '{{baseUrl}}/NOPE/');
  assert.deepEqual(raw?.request.body, { mode: 'raw', raw: '{"a":[1]}', options: { raw: { language: 'json' } } });
  assert.deepEqual(collection.variable.filter((v) => ['magic', 'thing_name'].includes(v.key)).map((v) => [v.key, v.value]), [['magic', 'a"b'], ['thing_name', '']]);
});

function runPrerequest(exec: string[], variables: Record<string, string>): { skipped: boolean; contract: unknown } {
  const store = new Map(Object.entries(variables));
  let skipped = false;
  const pm = {
    variables: { get: (k: string) => store.get(k), set: (k: string, v: string) => store.set(k, v), unset: (k: string) => store.delete(k) },
    execution: { skipRequest: () => { skipped = true; } },
  };
  new vm.Script(exec.join('\n')).runInContext(vm.createContext({ pm }));
  const contract = store.get('contract');
  return { skipped, contract: contract === undefined ? undefined : JSON.parse(contract) };
}

test('the pre-request skips a step whose required variables are empty, otherwise stores its contract', async () => {
  const collection = await fixture();
  const step = items(scenarioFolder(collection)).find((s) => s.name === 'get unprivileged');
  const exec = step?.event?.find((e) => e.listen === 'prerequest')?.script.exec ?? [];
  assert.deepEqual(runPrerequest(exec, { unprivileged_token: '' }), { skipped: true, contract: undefined });
  const sent = runPrerequest(exec, { unprivileged_token: 't' });
  assert.equal(sent.skipped, false);
  assert.deepEqual((sent.contract as { expect: unknown }).expect, { step: 'get unprivileged', status: [403] });
  assert.deepEqual(Object.keys((sent.contract as { statuses: object }).statuses), ['200', '404']);
});

test('scenario text reaches the scripts only as JSON data', () => {
  const hostile = '"); pm.test("pwned", function () {}); ("';
  const exec = scenarioPrerequestExec([hostile], { operationId: hostile, expect: { step: hostile } });
  assert.equal(exec.at(-1), `scenarioPrerequest(pm, ${JSON.stringify({ requires: [hostile], contract: { operationId: hostile, expect: { step: hostile } } })});`);
  const { skipped } = runPrerequest(exec, {});
  assert.equal(skipped, true);
});
