import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { generateCollection, loadSpec } from '../../generators/index.js';
import { serverVariablesExec, type ServerVariablesData } from '../../generators/postman-scripts.js';
import { baseUrlVariables } from '../../generators/transform/server-object.js';

const server = (url: string): unknown[] => [{ url }];

// [first server, variables the requests use, base URL, what each variable reads back (undefined: no pattern)]
const patternCases: Array<[string, string[], string, Record<string, string> | undefined]> = [
  ['{siteUrl}/wp-json', ['siteUrl'], 'https://shop.example.org/wp-json', { siteUrl: 'https://shop.example.org' }],
  ['{siteUrl}/wp-json/', ['siteUrl'], 'http://127.0.0.1:58081/wp-json/', { siteUrl: 'http://127.0.0.1:58081' }],
  ['{siteUrl}/wp-json', ['siteUrl'], 'https://a.test/sub/wp-json', { siteUrl: 'https://a.test/sub' }],
  ['{scheme}://{host}/api.v{major}', ['host', 'major'], 'https://h.test/api.v2', { host: 'h.test', major: '2' }],
  ['{siteUrl}/wp-json', ['other'], 'https://a.test/wp-json', undefined],
  ['https://fixed.test/api', ['siteUrl'], 'https://fixed.test/api', undefined],
];
for (const [url, names, base, want] of patternCases) {
  test(`baseUrlVariables: ${url} with ${names.join(', ')} reads ${base}`, () => {
    const found = baseUrlVariables(server(url), names);
    if (want === undefined) {
      assert.equal(found, undefined);
      return;
    }
    const match = new RegExp(found?.pattern ?? '(?!)').exec(base);
    assert.ok(match, `${found?.pattern} does not match ${base}`);
    assert.deepEqual(Object.fromEntries((found?.variables ?? []).map((v) => [v.name, match[v.group]])), want);
  });
}

function runScript(data: ServerVariablesData, vars: Record<string, string>): Record<string, string> {
  const locals: Record<string, string> = {};
  const pm = { variables: { get: (k: string) => locals[k] ?? vars[k], set: (k: string, v: string) => { locals[k] = v; } } };
  new vm.Script(serverVariablesExec(data).join('\n')).runInContext(vm.createContext({ pm, RegExp, String }));
  return locals;
}

const SITE: ServerVariablesData = { baseVariable: 'baseUrl', pattern: '^(.+?)/wp-json/*$', variables: [{ name: 'siteUrl', group: 1 }] };
const scriptCases: Array<[string, Record<string, string>, Record<string, string>]> = [
  ['an empty siteUrl is taken from baseUrl (a local variable)', { baseUrl: 'https://s.test/wp-json', siteUrl: '' }, { siteUrl: 'https://s.test' }],
  ['an undeclared siteUrl too', { baseUrl: 'https://s.test/wp-json' }, { siteUrl: 'https://s.test' }],
  ['a siteUrl the user set is kept', { baseUrl: 'https://s.test/wp-json', siteUrl: 'https://other.test' }, {}],
  ['a baseUrl of another shape leaves it alone', { baseUrl: 'https://s.test/?rest_route=', siteUrl: '' }, {}],
  ['no baseUrl, nothing', {}, {}],
];
for (const [name, vars, want] of scriptCases) test(`server variables script: ${name}`, () => assert.deepEqual(runScript(SITE, vars), want));

test('AAM 6.9.32: siteUrl (admin-ajax, the signed-URL login) is empty in the collection and taken from baseUrl first', async () => {
  const collection = generateCollection(await loadSpec(new URL('../../spec/aam-6.9.32/openapi.yaml', import.meta.url).pathname));
  assert.equal(collection.variable.find((v) => v.key === 'siteUrl')?.value, '');
  const exec = collection.event.find((e) => e.listen === 'prerequest')?.script.exec ?? [];
  const call = exec.find((line) => line.startsWith('serverVariables(pm, '));
  assert.deepEqual(JSON.parse(/^serverVariables\(pm, (.*)\);$/.exec(call ?? '')?.[1] ?? 'null'), SITE);
  assert.ok(exec.indexOf(call ?? '') < exec.findIndex((line) => line.startsWith('autoLogin(pm, ')), 'before the automatic login');
});
