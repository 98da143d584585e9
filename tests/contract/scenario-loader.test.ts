import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { loadScenarios, parseScenarios } from '../../generators/scenarios/load-scenarios.js';
import { listOperations, type CatalogueOperation } from '../../generators/scenarios/operation-catalogue.js';
import { ScenarioError } from '../../generators/scenarios/scenario-error.js';
import { stepItemNames } from '../../generators/scenarios/scenario-model.js';

const root = new URL('../../', import.meta.url);
const FILE = 'spec/aam-6.9.32/scenarios.yaml';

const operations = new Map<string, CatalogueOperation>([
  ['listTokens', { operationId: 'listTokens', method: 'GET', path: '/aam/v2/service/jwt', pointer: '#/paths/~1aam~1v2~1service~1jwt/get', statuses: [200, 401] }],
  ['getToken', { operationId: 'getToken', method: 'GET', path: '/aam/v2/service/jwt/{id}', pointer: '#/paths/~1aam~1v2~1service~1jwt~1{id}/get', statuses: [200, 500] }],
]);

function doc(steps: string, extra = ''): string {
  return `version: 1\n${extra}scenarios:\n  - name: S\n    steps:\n${steps}`;
}

const valid = doc(`      - name: list
        operation: listTokens
        query: { user_id: 4, fields: "id" }
        expect: { status: 200, body: [ { pointer: "", type: array } ] }
        capture: { first_id: /0/id }
      - name: get
        operation: getToken
        auth: none
        requires: [first_id]
        path: { id: "{{first_id}}" }
        repeat: 2
        expect: { status: [200, 500], vars: [ { var: first_id, matches: "^." } ] }
      - name: unknown route
        method: PUT
        rawPath: /aam/v2/nothing
        raw: { contentType: application/json, body: "{" }
        expect: { status: 404 }
`, 'constants:\n  forged: abc\n');

test('a valid file becomes the typed model', async () => {
  const suite = await parseScenarios(valid, FILE, operations);
  assert.deepEqual(suite.constants, { forged: 'abc' });
  const [list, get, raw] = suite.scenarios[0]?.steps ?? [];
  assert.deepEqual(list?.query, { user_id: '4', fields: 'id' });
  assert.equal(list?.auth, 'caller');
  assert.deepEqual(list?.expect.status, [200]);
  assert.deepEqual(list?.expect.body, [{ pointer: '', kind: 'type', type: 'array' }]);
  assert.deepEqual(list?.capture, { first_id: '/0/id' });
  assert.equal(list?.pointer, '#/scenarios/0/steps/0');
  assert.equal(get?.auth, 'none');
  assert.deepEqual(get?.expect.status, [200, 500]);
  assert.deepEqual(get?.expect.vars, [{ variable: 'first_id', pattern: '^.', message: undefined }]);
  assert.deepEqual(stepItemNames(get ?? { name: '', repeat: 1 }), ['get (1/2)', 'get (2/2)']);
  assert.deepEqual(raw?.body, { mode: 'raw', contentType: 'application/json', text: '{' });
  assert.equal(raw?.operation, undefined);
});

const broken: Array<[string, string, string, RegExp]> = [
  ['YAML that does not parse', 'version: 1\nscenarios: [\n', 'ERR_SCENARIOS_PARSE', /^spec\/aam-6\.9\.32\/scenarios\.yaml: invalid YAML at line \d+/],
  ['a wrong version', 'version: 2\nscenarios: []\n', 'ERR_SCENARIOS_INVALID', /^spec\/aam-6\.9\.32\/scenarios\.yaml #\/version: must be equal to constant$/],
  ['an unknown step field', doc('      - { name: a, operation: listTokens, expct: {}, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_INVALID', /^spec\/aam-6\.9\.32\/scenarios\.yaml #\/scenarios\/0\/steps\/0: unknown field "expct"$/],
  ['a step without expect', doc('      - { name: a, operation: listTokens }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0: must have required property 'expect'$/],
  ['a bad auth', doc('      - { name: a, operation: listTokens, auth: admin, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0\/auth: must be equal to one of the allowed values/],
  ['an assertion with two kinds', doc('      - { name: a, operation: listTokens, expect: { status: 200, body: [ { pointer: "", type: array, length: 1 } ] } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0\/expect\/body\/0: an assertion needs a pointer and exactly one of/],
  ['a pointer without a slash', doc('      - { name: a, operation: listTokens, expect: { status: 200, body: [ { pointer: code, equals: 1 } ] } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0\/expect\/body\/0\/pointer: must match pattern/],
  ['an invalid regular expression', doc('      - { name: a, operation: listTokens, expect: { status: 200, body: [ { pointer: "", matches: "(" } ] } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0\/expect\/body\/0\/matches: must match format "regex"/],
  ['a status out of range', doc('      - { name: a, operation: listTokens, expect: { status: 999 } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0\/expect\/status/],
  ['an unknown operation', doc('      - { name: a, operation: listTokenz, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_UNKNOWN_OPERATION', /^spec\/aam-6\.9\.32\/scenarios\.yaml #\/scenarios\/0\/steps\/0\/operation: unknown operation "listTokenz" \(no such operationId in spec\/aam-6\.9\.32\/openapi\.yaml\)$/],
  ['neither operation nor rawPath', doc('      - { name: a, method: GET, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0: a step needs an operation, or a method and a rawPath$/],
  ['two bodies', doc('      - { name: a, operation: listTokens, json: {}, form: { a: b }, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_INVALID', /a step has at most one body, found json and form$/],
  ['a missing path parameter', doc('      - { name: a, operation: getToken, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0\/path: missing path parameter "id" of getToken/],
  ['an unknown path parameter', doc('      - { name: a, operation: listTokens, path: { id: x }, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0\/path\/id: listTokens \(\/aam\/v2\/service\/jwt\) has no path parameter "id"$/],
  ['a duplicate step name', doc('      - { name: a, operation: listTokens, expect: { status: 200 } }\n      - { name: a, operation: listTokens, expect: { status: 401 } }\n'), 'ERR_SCENARIOS_DUPLICATE_NAME', /^spec\/aam-6\.9\.32\/scenarios\.yaml #\/scenarios\/0\/steps\/1\/name: step name "a" is already used at #\/scenarios\/0\/steps\/0$/],
  ['a repeated name colliding with another step', doc('      - { name: a, repeat: 2, operation: listTokens, expect: { status: 200 } }\n      - { name: "a (2/2)", operation: listTokens, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_DUPLICATE_NAME', /step name "a \(2\/2\)" is already used/],
  ['a duplicate scenario name', 'version: 1\nscenarios:\n  - { name: S, steps: [ { name: a, operation: listTokens, expect: { status: 200 } } ] }\n  - { name: S, steps: [ { name: b, operation: listTokens, expect: { status: 200 } } ] }\n', 'ERR_SCENARIOS_DUPLICATE_NAME', /#\/scenarios\/1\/name: scenario name "S" is already used at #\/scenarios\/0$/],
  ['a bad variable name in capture', doc('      - { name: a, operation: listTokens, capture: { "bad name": /x }, expect: { status: 200 } }\n'), 'ERR_SCENARIOS_INVALID', /#\/scenarios\/0\/steps\/0\/capture: must match pattern/],
];

for (const [name, text, code, message] of broken) {
  test(`rejects ${name}`, async () => {
    await assert.rejects(parseScenarios(text, FILE, operations, 'spec/aam-6.9.32/openapi.yaml'), (err: unknown) => {
      assert.ok(err instanceof ScenarioError);
      assert.equal(err.code, code);
      assert.match(err.message, message);
      return true;
    });
  });
}

test('a missing file is ERR_SCENARIOS_READ naming the file', async () => {
  await assert.rejects(loadScenarios('spec/no-such-file.yaml', operations), { code: 'ERR_SCENARIOS_READ', message: 'spec/no-such-file.yaml: cannot read the file' });
});

test('the committed spec/aam-6.9.32/scenarios.yaml loads against the committed spec', async () => {
  const spec = listOperations(parse(await readFile(new URL('spec/aam-6.9.32/openapi.yaml', root), 'utf8')));
  const suite = await loadScenarios(new URL(FILE, root).pathname, spec, 'spec/aam-6.9.32/openapi.yaml');
  assert.ok(suite.scenarios.length >= 10);
  const items = suite.scenarios.flatMap((s) => s.steps.flatMap(stepItemNames));
  assert.ok(items.length >= 150, `only ${items.length} requests`);
});

test('every destructive step of the committed file targets {{target_user_id}}', async () => {
  const spec = listOperations(parse(await readFile(new URL('spec/aam-6.9.32/openapi.yaml', root), 'utf8')));
  const suite = await loadScenarios(new URL(FILE, root).pathname, spec);
  const writes = ['createToken', 'deleteToken', 'resetTokens', 'resetTokensPut', 'resetTokensPatch'];
  for (const step of suite.scenarios.flatMap((s) => s.steps)) {
    if (step.operation === undefined || !writes.includes(step.operation) || step.auth !== 'caller') continue;
    const userId = step.query.user_id;
    // Writes without a valid user_id are 500s by design (nothing is written); every other write names the target.
    if (userId === undefined || userId === 'abc') assert.deepEqual(step.expect.status, [500], step.name);
    else if (step.expect.status.includes(200)) assert.equal(userId, '{{target_user_id}}', step.name);
  }
});
