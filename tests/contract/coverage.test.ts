import { test } from 'node:test';
import { AAM_VERSIONS, generationFiles } from '../../runner/generations.js';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { listOperations, type CatalogueOperation } from '../../generators/scenarios/operation-catalogue.js';
import { loadScenarios, parseScenarios } from '../../generators/scenarios/load-scenarios.js';
import { buildCoverage, formatCoverage } from '../../runner/coverage.js';
import { ExclusionsError, loadExclusions, parseExclusions } from '../../runner/load-exclusions.js';

const root = new URL('../../', import.meta.url);
const path = (file: string): string => new URL(file, root).pathname;

const operations = new Map<string, CatalogueOperation>([
  ['listTokens', { operationId: 'listTokens', method: 'GET', path: '/l', pointer: '#/paths/~1l/get', statuses: [200, 401, 403] }],
  ['revokeToken', { operationId: 'revokeToken', method: 'POST', path: '/r', pointer: '#/paths/~1r/post', statuses: [200, 409] }],
]);

const scenarios = `version: 1
scenarios:
  - name: S
    steps:
      - { name: list, operation: listTokens, expect: { status: 200 } }
      - { name: list anonymously, operation: listTokens, auth: none, repeat: 2, expect: { status: 401 } }
      - { name: maybe, operation: revokeToken, expect: { status: [200, 409] } }
      - { name: teapot, operation: revokeToken, expect: { status: 418 } }
      - { name: no route, method: GET, rawPath: /x, expect: { status: 404 } }
`;

test('the table maps (operation × documented status) to the steps that expect exactly it', async () => {
  const suite = await parseScenarios(scenarios, 'test.yaml', operations);
  const report = buildCoverage(operations, suite, [{ operationId: 'revokeToken', status: 409, reason: 'cannot be triggered here' }], [
    { item: 'list', status: 200 },
    { item: 'list anonymously (1/2)', status: 401 },
    { item: 'list anonymously (2/2)', status: 401 },
    { item: 'maybe', status: 200 },
    { item: 'no route', status: 404 },
  ]);
  assert.deepEqual(
    report.rows.map((r) => [r.operationId, r.status, r.steps, r.accepting, r.observed, r.excluded]),
    [
      ['listTokens', 200, ['list'], [], ['list'], undefined],
      ['listTokens', 401, ['list anonymously'], [], ['list anonymously (1/2)', 'list anonymously (2/2)'], undefined],
      ['listTokens', 403, [], [], [], undefined],
      ['revokeToken', 200, [], ['maybe'], ['maybe'], undefined],
      ['revokeToken', 409, [], ['maybe'], [], 'cannot be triggered here'],
    ],
  );
  assert.deepEqual(report.uncovered.map((r) => `${r.operationId} ${r.status}`), ['listTokens 403', 'revokeToken 200']);
  assert.deepEqual(report.undocumented, [{ step: 'teapot', operationId: 'revokeToken', status: 418 }]);
  assert.deepEqual(report.staleExclusions, []);
});

test('an exclusion is stale when its status is exercised or not documented', async () => {
  const suite = await parseScenarios(scenarios, 'test.yaml', operations);
  const exclusions = [
    { operationId: 'listTokens', status: 200, reason: 'exercised anyway' },
    { operationId: 'listTokens', status: 404, reason: 'not documented' },
    { operationId: 'listTokens', status: 403, reason: 'fine' },
  ];
  const report = buildCoverage(operations, suite, exclusions);
  assert.deepEqual(report.staleExclusions.map((e) => e.status), [200, 404]);
});

test('the printed table names uncovered and unseen cells', async () => {
  const suite = await parseScenarios(scenarios, 'test.yaml', operations);
  const text = formatCoverage(buildCoverage(operations, suite, [], [{ item: 'list', status: 200 }]), true);
  const lines = text.split('\n');
  assert.match(lines[0] ?? '', /^operation\s+status\s+steps\s+observed\s+note$/);
  assert.match(text, /^listTokens\s+200\s+1\s+1\s+list$/m);
  assert.match(text, /^listTokens\s+401\s+1\s+NOT SEEN\s+list anonymously$/m);
  assert.match(text, /^listTokens\s+403\s+0\s+NOT SEEN\s+NOT EXERCISED$/m);
  assert.match(text, /^2 of 5 documented statuses exercised, 0 excluded with a reason, 3 uncovered\.$/m);
});

const badExclusions: Array<[string, string, RegExp]> = [
  ['no list', 'exclusions: 3\n', /x\.yaml #\/exclusions: must be a list/],
  ['a missing reason', 'exclusions:\n  - { operation: a, status: 500 }\n', /x\.yaml #\/exclusions\/0\/reason: must say why/],
  ['a string status', 'exclusions:\n  - { operation: a, status: "500", reason: "a long enough reason" }\n', /#\/exclusions\/0\/status: must be an HTTP status number/],
  ['an unknown field', 'exclusions:\n  - { operation: a, status: 500, reason: "a long enough reason", why: x }\n', /#\/exclusions\/0: unknown field "why"/],
];
for (const [name, text, message] of badExclusions) {
  test(`the exclusions file rejects ${name}`, () => {
    assert.throws(() => parseExclusions(text, 'x.yaml'), (err: unknown) => err instanceof ExclusionsError && err.code === 'ERR_EXCLUSIONS_INVALID' && message.test(err.message));
  });
}

for (const version of AAM_VERSIONS) {
  test(`AAM ${version}: every documented status of the spec is exercised by a scenario step or excluded with a reason`, async () => {
    const files = generationFiles(version);
    const spec = listOperations(parse(await readFile(path(files.spec), 'utf8')));
    const suite = await loadScenarios(path(files.scenarios), spec);
    const report = buildCoverage(spec, suite, await loadExclusions(path(files.exclusions)));
    assert.ok(report.rows.length >= 40, `only ${report.rows.length} documented statuses`);
    assert.deepEqual(report.uncovered.map((r) => `${r.operationId} ${r.status}`), [], 'documented but not exercised');
    assert.deepEqual(report.staleExclusions, [], 'exclusions that are stale');
    assert.deepEqual(report.undocumented, [], 'steps expecting a status the spec does not document');
  });
}
