import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { generateCollection, loadSpec, SpecError, type LoadedSpec, type PostmanCollection, type PostmanFolder, type PostmanItem } from '../../generators/index.js';
import { afterResponseExec, autoLoginExec, type AfterResponseData, type AutoLoginData } from '../../generators/postman-scripts.js';
import { variablesIn } from '../../generators/postman-extensions.js';
import { loadScenarios } from '../../generators/scenarios/load-scenarios.js';
import { listOperations } from '../../generators/scenarios/operation-catalogue.js';

const root = new URL('../../', import.meta.url);
const path = (rel: string): string => new URL(rel, root).pathname;
const FIXTURE = path('tests/fixtures/openapi/postman-walkthrough.yaml');
const AAM = path('spec/aam-6.9.32/openapi.yaml');

function items(entries: ReadonlyArray<PostmanItem | PostmanFolder>): PostmanItem[] {
  return entries.flatMap((entry) => ('request' in entry ? [entry] : items(entry.item)));
}
function folderOf(collection: PostmanCollection, name: string): PostmanFolder {
  const found = collection.item.find((entry): entry is PostmanFolder => !('request' in entry) && entry.name === name);
  assert.ok(found, `no folder ${name}`);
  return found;
}
const itemNamed = (collection: PostmanCollection, name: string): PostmanItem => {
  const found = items(collection.item).find((i) => i.name === name);
  assert.ok(found, `no item ${name}`);
  return found;
};

// ---- what the extensions make of a generic spec ----
test('folders follow the tags (x-postman-folder overrides, empty ones are dropped), items follow x-postman-order', async () => {
  const collection = generateCollection(await loadSpec(FIXTURE));
  assert.deepEqual(collection.item.map((f) => f.name), ['Session', 'Notes']);
  assert.deepEqual(folderOf(collection, 'Notes').item.map((i) => i.name), ['Create a note', 'List notes', 'Share a note', 'Delete a note']);
  assert.equal(folderOf(collection, 'Session').description, 'Run the folders in order.');
});

test('x-postman-value sends the value (enabled), x-postman-body replaces the example, every {{variable}} is declared', async () => {
  const collection = generateCollection(await loadSpec(FIXTURE));
  const list = itemNamed(collection, 'List notes').request;
  assert.deepEqual(list.url.query?.map((q) => [q.key, q.value, q.disabled ?? false]), [['owner', '{{owner_id}}', false], ['limit', '10', true]]);
  assert.equal(itemNamed(collection, 'Delete a note').request.url.variable?.[0]?.value, '{{note_id}}');
  const login = itemNamed(collection, 'Log in').request.body;
  assert.deepEqual(login?.mode === 'raw' ? JSON.parse(login.raw) : undefined, { user: '{{username}}', secret: '{{password}}' });
  assert.deepEqual(collection.variable.map((v) => [v.key, v.value, v.description ?? '']), [
    ['baseUrl', 'http://localhost:9100/api', ''],
    ['jwt_token', '', ''],
    ['jwt_token_expires', '', 'Unix time when {{jwt_token}} expires; set by "Log in"'],
    ['auto_login', 'on', 'on: log in with "Log in" before a request that needs {{jwt_token}} when it is empty or expires within a minute; off: never'],
    ['note', '', 'Set by "Create a note"'],
    ['note_id', '', 'Set by "Create a note"'],
    ['owner_id', '', 'Used by "List notes"'],
    ['password', '', 'Used by "Log in"'],
    ['username', '', 'Used by "Log in"'],
  ]);
});

test('the login gets the collection-level automatic login; captures and cookie clearing get an after-response script', async () => {
  const collection = generateCollection(await loadSpec(FIXTURE));
  const pre = collection.event.find((e) => e.listen === 'prerequest')?.script.exec ?? [];
  const data = JSON.parse(/^autoLogin\(pm, (.*)\);$/.exec(pre.at(-1) ?? '')?.[1] ?? 'null') as AutoLoginData;
  assert.deepEqual(data, {
    name: 'Log in',
    request: {
      method: 'POST', url: '{{baseUrl}}/session',
      header: [{ key: 'Accept', value: 'application/json' }, { key: 'Content-Type', value: 'application/json' }],
      json: { user: '{{username}}', secret: '{{password}}' },
    },
    requires: ['baseUrl', 'username', 'password'],
    token: '/access_token',
    expires: { pointer: '/expires_in', expiresIn: true },
    tokenVariable: 'jwt_token', expiresVariable: 'jwt_token_expires', switchVariable: 'auto_login', margin: 60,
  });
  const after = (name: string): AfterResponseData | undefined => {
    const exec = itemNamed(collection, name).event?.find((e) => e.listen === 'test')?.script.exec;
    return exec === undefined ? undefined : JSON.parse(/^afterResponse\(pm, (.*)\);$/.exec(exec.at(-1) ?? '')?.[1] ?? 'null') as AfterResponseData;
  };
  assert.deepEqual(after('Log in')?.capture, [{ variable: 'jwt_token', pointer: '/access_token' }, { variable: 'jwt_token_expires', pointer: '/expires_in', expiresIn: true }]);
  assert.deepEqual(after('Create a note'), { operationId: 'createNote', capture: [{ variable: 'note_id', pointer: '/id' }, { variable: 'note', pointer: '' }], clearCookies: false });
  assert.deepEqual(after('Share a note'), { operationId: 'shareNote', capture: [], clearCookies: true });
  assert.equal(after('List notes'), undefined);
  assert.match(itemNamed(collection, 'Share a note').request.description ?? '', /\*\*Cookie warning\.\*\*.* The share link logs the browser in\./);
});

test("x-postman-login's own body: the automatic login sends it (and needs its variables), the request keeps x-postman-body", () => {
  const login = {
    ...ok, ...body, operationId: 'login', summary: 'Log in',
    'x-postman-body': { user: '{{username}}', pass: '{{password}}', cookies: true },
    'x-postman-login': { token: '/t', body: { user: '{{username}}', pass: '{{password}}', site: '{{site}}' } },
  };
  const collection = generateCollection(specOf({ '/login': { post: login } }));
  const pre = collection.event.find((e) => e.listen === 'prerequest')?.script.exec ?? [];
  const data = JSON.parse(/^autoLogin\(pm, (.*)\);$/.exec(pre.at(-1) ?? '')?.[1] ?? 'null') as AutoLoginData;
  assert.deepEqual([data.request.json, data.requires], [{ user: '{{username}}', pass: '{{password}}', site: '{{site}}' }, ['baseUrl', 'username', 'password', 'site']]);
  const request = itemNamed(collection, 'Log in').request;
  assert.deepEqual(request.body?.mode === 'raw' ? JSON.parse(request.body.raw) : undefined, login['x-postman-body']);
  assert.equal(collection.variable.find((v) => v.key === 'site')?.description, 'Used by "Log in"', 'a variable only the automatic login sends is declared too');
  assert.match(request.description ?? '', /sends this request \(with the body `\{"user":"\{\{username\}\}","pass":"\{\{password\}\}","site":"\{\{site\}\}"\}` instead of this one's\) by itself/);
});

test('a spec with a cookie scheme (cookie jar off on every request): the cookie warning stays, no script clears the jar', async () => {
  const spec = await loadSpec(FIXTURE);
  const components = spec.doc.components as { securitySchemes: Record<string, unknown> };
  const doc = { ...spec.doc, components: { ...components, securitySchemes: { ...components.securitySchemes, session: { type: 'apiKey', in: 'cookie', name: 'sid' } } } };
  const collection = generateCollection({ ...spec, doc });
  const share = itemNamed(collection, 'Share a note');
  assert.equal(share.protocolProfileBehavior?.disableCookies, true);
  assert.equal(share.event?.find((e) => e.listen === 'test'), undefined, 'nothing to capture, nothing to clear');
  assert.match(share.request.description ?? '', /\*\*Cookie warning\.\*\*.* The share link logs the browser in\. .*cookie jar off .*"Disable cookie jar"/s);
  const create = itemNamed(collection, 'Create a note').event?.find((e) => e.listen === 'test')?.script.exec ?? [];
  assert.match(create.at(-1) ?? '', /"clearCookies":false/);
});

test('a spec without extensions has no collection-level pre-request and no after-response scripts', async () => {
  const collection = generateCollection(await loadSpec(path('tests/fixtures/openapi/petstore-expanded.yaml')));
  assert.deepEqual(collection.event.map((e) => e.listen), ['test']);
  assert.deepEqual(items(collection.item).flatMap((i) => (i.event ?? []).map((e) => e.listen)).filter((l) => l === 'test'), []);
});

test('AAM: scenario steps built from an operation do not repeat its Postman notes', async () => {
  const spec = await loadSpec(AAM);
  const scenarios = await loadScenarios(path('spec/aam-6.9.32/scenarios.yaml'), listOperations(spec.doc), 'spec/aam-6.9.32/openapi.yaml', 'spec/aam-6.9.32/scenarios.yaml');
  const collection = generateCollection(spec, { specName: 'spec/aam-6.9.32/openapi.yaml', scenarios });
  assert.match(itemNamed(collection, 'Log in and get a JWT (deprecated v1)').request.description ?? '', /Cookie warning/);
  assert.match(itemNamed(collection, 'Create a token for a user').request.description ?? '', /\*\*Keeps\*\*/);
  const steps = items(folderOf(collection, 'Contract scenarios').item);
  assert.ok(steps.length > 100);
  assert.deepEqual(steps.filter((s) => /Cookie warning|\*\*Keeps\*\*|\*\*Log in\.\*\*/.test(s.request.description ?? '')).map((s) => s.name), []);
});

// ---- bad extensions: code, file and pointer ----
const BASE = {
  openapi: '3.1.0', info: { title: 't', version: '1' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
};
function specOf(paths: object, extra: object = {}): LoadedSpec {
  const doc = { ...BASE, ...extra, paths } as Record<string, unknown>;
  return { rootFile: '/x/api.yaml', doc, version: '3.1', documents: new Map([['/x/api.yaml', doc]]), refCount: 0 };
}
const ok = { responses: { '200': { description: 'ok' } } };
const body = { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } };
const errorCases: Array<[string, LoadedSpec, string, RegExp]> = [
  ['an unknown x-postman key', specOf({ '/a': { get: { ...ok, 'x-postman-ordre': 1 } } }), '#/paths/~1a/get/x-postman-ordre', /unknown extension/],
  ['an order that is no number', specOf({ '/a': { get: { ...ok, 'x-postman-order': 'first' } } }), '#/paths/~1a/get/x-postman-order', /must be a number/],
  ['an empty folder name', specOf({ '/a': { get: { ...ok, 'x-postman-folder': ' ' } } }), '#/paths/~1a/get/x-postman-folder', /non-empty string/],
  ['a capture that is no pointer', specOf({ '/a': { get: { ...ok, 'x-postman-capture': { id: 'id' } } } }), '#/paths/~1a/get/x-postman-capture/id', /JSON pointer/],
  ['a capture into a bad variable name', specOf({ '/a': { get: { ...ok, 'x-postman-capture': { 'a b': '/id' } } } }), '#/paths/~1a/get/x-postman-capture', /"a b" is not a variable name/],
  ['a cookie capture that is no pattern', specOf({ '/a': { get: { ...ok, 'x-postman-capture-cookie': { c: '(' } } } }), '#/paths/~1a/get/x-postman-capture-cookie/c', /not a regular expression/],
  ['a cookie capture into a bad variable name', specOf({ '/a': { get: { ...ok, 'x-postman-capture-cookie': { '1c': 'x' } } } }), '#/paths/~1a/get/x-postman-capture-cookie', /"1c" is not a variable name/],
  ['a login without token', specOf({ '/a': { post: { ...ok, 'x-postman-login': { expiresAt: '/exp' } } } }), '#/paths/~1a/post/x-postman-login/token', /JSON pointer/],
  ['a login with both expiries', specOf({ '/a': { post: { ...ok, 'x-postman-login': { token: '/t', expiresAt: '/a', expiresIn: '/b' } } } }), '#/paths/~1a/post/x-postman-login/expiresIn', /not both/],
  ['two logins', specOf({ '/a': { post: { ...ok, 'x-postman-login': { token: '/t' } } }, '/b': { post: { ...ok, 'x-postman-login': { token: '/t' } } } }), '#/paths/~1b/post/x-postman-login', /only one operation can log in; #\/paths\/~1a\/post does already/],
  ['a login without a bearer scheme', { ...specOf({ '/a': { post: { ...ok, 'x-postman-login': { token: '/t' } } } }), doc: { ...BASE, components: {}, paths: { '/a': { post: { ...ok, 'x-postman-login': { token: '/t' } } } } } }, '#/paths/~1a/post/x-postman-login', /no bearer security scheme/],
  ['a body without requestBody', specOf({ '/a': { post: { ...ok, 'x-postman-body': { a: 1 } } } }), '#/paths/~1a/post/x-postman-body', /no requestBody/],
  ['a login body on a request without a JSON body', specOf({ '/a': { post: { ...ok, 'x-postman-login': { token: '/t', body: { a: 1 } } } } }), '#/paths/~1a/post/x-postman-login/body', /needs a JSON body/],
  ['a login with an unknown key', specOf({ '/a': { post: { ...ok, ...body, 'x-postman-login': { token: '/t', bodies: {} } } } }), '#/paths/~1a/post/x-postman-login/bodies', /known: token, expiresAt, expiresIn, body/],
  ['a clear-cookies flag that is a number', specOf({ '/a': { post: { ...ok, ...body, 'x-postman-clear-cookies': 1 } } }), '#/paths/~1a/post/x-postman-clear-cookies', /true, false or the reason/],
  ['a parameter value that is an object', specOf({ '/a': { get: { ...ok, parameters: [{ name: 'q', in: 'query', 'x-postman-value': { a: 1 } }] } } }), '#/paths/~1a/get/parameters/0/x-postman-value', /string, number or boolean/],
  ['an unknown x-postman key on a parameter', specOf({ '/a': { get: { ...ok, parameters: [{ name: 'q', in: 'query', 'x-postman-values': 'x' }] } } }), '#/paths/~1a/get/parameters/0/x-postman-values', /known on parameters: x-postman-value/],
];
for (const [name, spec, pointer, message] of errorCases) {
  test(`extensions: ${name} is ERR_SPEC_INVALID at ${pointer}`, () => {
    assert.throws(() => generateCollection(spec), (err: unknown) => {
      assert.ok(err instanceof SpecError);
      assert.equal(err.code, 'ERR_SPEC_INVALID');
      assert.equal(err.pointer, pointer);
      assert.match(err.message, message);
      return true;
    });
  });
}

const variableCases: Array<[unknown, string[]]> = [
  ['{{a}} and {{ b }} and {{$randomInt}}', ['a', 'b']],
  [{ '{{k}}': ['{{v}}', 1, null, { x: '{{a}}' }] }, ['k', 'v', 'a']],
  ['{{}} {single}', []],
];
for (const [given, want] of variableCases) test(`variablesIn ${JSON.stringify(given)}`, () => assert.deepEqual([...variablesIn(given)], want));

// ---- the scripts, run against a stub pm ----
interface Sent { url: string; method: string; header: Array<{ key: string; value: string }>; body?: { mode: string; raw?: string } }
interface Stub {
  pm: unknown;
  sent: Sent[];
  tests: Array<{ name: string; passed: boolean; error?: string }>;
  cleared: string[];
}

function stub(options: {
  vars?: Record<string, string>;
  env?: Record<string, string>;
  auth?: { type: string };
  answer?: { code: number; body: unknown } | Error;
  response?: { code: number; body: unknown; setCookie?: string[] };
  cookieError?: string;
}): Stub {
  const collection = new Map<string, string>(Object.entries(options.vars ?? {}));
  const env = new Map<string, string>(Object.entries(options.env ?? {}));
  const sent: Sent[] = [];
  const tests: Stub['tests'] = [];
  const cleared: string[] = [];
  const get = (name: string): string | undefined => env.get(name) ?? collection.get(name);
  const replaceIn = (text: string): string => text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => get(name) ?? whole);
  const expect = (actual: unknown, message?: string) => ({
    to: {
      equal: (want: unknown) => { if (actual !== want) throw new Error(`${message ?? ''}: expected ${String(actual)} to equal ${String(want)}`); },
      not: { equal: (want: unknown) => { if (actual === want) throw new Error(`${message ?? ''}: expected not ${String(want)}`); } },
      be: { a: (type: string) => { if (typeof actual !== type) throw new Error(`${message ?? ''}: expected ${String(actual)} to be a ${type}`); } },
    },
  });
  const pm = {
    info: { requestName: 'the request' },
    request: { auth: options.auth, url: { toString: () => 'http://site.test/wp-json/aam/v1/authenticate' } },
    response: options.response === undefined ? undefined : {
      code: options.response.code,
      json: () => options.response?.body,
      headers: { all: () => [{ key: 'Content-Type', value: 'application/json' }, ...(options.response?.setCookie ?? []).map((value) => ({ key: 'Set-Cookie', value }))] },
    },
    variables: { get, replaceIn },
    collectionVariables: { set: (k: string, v: string) => collection.set(k, v), get: (k: string) => collection.get(k) },
    environment: { has: (k: string) => env.has(k), set: (k: string, v: string) => env.set(k, v) },
    expect,
    test: (name: string, fn: () => void) => {
      try { fn(); tests.push({ name, passed: true }); } catch (err) { tests.push({ name, passed: false, error: (err as Error).message }); }
    },
    sendRequest: (request: Sent, callback: (error: Error | null, response?: { code: number; json(): unknown }) => void) => {
      sent.push(request);
      const answer = options.answer;
      if (answer instanceof Error) callback(answer);
      else if (answer !== undefined) callback(null, { code: answer.code, json: () => answer.body });
    },
    cookies: { jar: () => ({ clear: (url: string, callback: (error: string | null) => void) => { cleared.push(url); callback(options.cookieError ?? null); } }) },
  };
  return { pm, sent, tests, cleared };
}

function run(exec: string[], state: Stub, consoleLines: string[] = []): void {
  new vm.Script(exec.join('\n')).runInContext(vm.createContext({ pm: state.pm, console: { warn: (line: string) => consoleLines.push(line) }, Date, Math, Number, JSON, isFinite }));
}

const LOGIN: AutoLoginData = {
  name: 'Log in',
  request: { method: 'POST', url: '{{baseUrl}}/login', header: [{ key: 'Content-Type', value: 'application/json' }], json: { user: '{{username}}', pass: '{{password}}', keep: true } },
  requires: ['baseUrl', 'username', 'password'],
  token: '/jwt/token',
  expires: { pointer: '/jwt/token_expires' },
  tokenVariable: 'jwt_token', expiresVariable: 'jwt_token_expires', switchVariable: 'auto_login', margin: 60,
};
const CREDENTIALS = { baseUrl: 'http://site.test', username: 'ann', password: 'p"w\\d', auto_login: 'on' };
const NOW = Math.floor(Date.now() / 1000);

const skipCases: Array<[string, Parameters<typeof stub>[0]]> = [
  ['a public route (noauth)', { vars: CREDENTIALS, auth: { type: 'noauth' } }],
  ['a request with its own bearer', { vars: CREDENTIALS, auth: { type: 'bearer' } }],
  ['auto_login off', { vars: { ...CREDENTIALS, auto_login: 'off' } }],
  ['a token that expires in an hour', { vars: { ...CREDENTIALS, jwt_token: 't', jwt_token_expires: String(NOW + 3600) } }],
  ['a token without a known expiry', { vars: { ...CREDENTIALS, jwt_token: 't' } }],
  ['no password', { vars: { ...CREDENTIALS, password: '' } }],
];
for (const [name, given] of skipCases) {
  test(`automatic login: nothing is sent for ${name}`, () => {
    const state = stub({ ...given, answer: { code: 200, body: {} } });
    run(autoLoginExec(LOGIN), state);
    assert.deepEqual([state.sent, state.tests], [[], []]);
  });
}

const loginCases: Array<[string, Parameters<typeof stub>[0]]> = [
  ['an empty token', { vars: CREDENTIALS }],
  ['a token expiring within the minute', { vars: { ...CREDENTIALS, jwt_token: 'old', jwt_token_expires: String(NOW + 30) } }],
  ['an inherited auth given as type inherit', { vars: CREDENTIALS, auth: { type: 'inherit' } }],
];
for (const [name, given] of loginCases) {
  test(`automatic login: logs in for ${name}, storing token and expiry (JSON body rebuilt, quotes intact)`, () => {
    const state = stub({ ...given, env: { jwt_token: '' }, answer: { code: 200, body: { jwt: { token: 'new-token', token_expires: NOW + 86400 } } } });
    run(autoLoginExec(LOGIN), state);
    assert.equal(state.sent.length, 1);
    // the request object comes from the script's own realm: compare its JSON
    assert.deepEqual(JSON.parse(JSON.stringify({ ...state.sent[0], body: JSON.parse(state.sent[0]?.body?.raw ?? 'null') as unknown })) as unknown, {
      url: 'http://site.test/login', method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], body: { user: 'ann', pass: 'p"w\\d', keep: true },
    });
    const pm = state.pm as { collectionVariables: { get(k: string): string }; variables: { get(k: string): string } };
    assert.equal(pm.collectionVariables.get('jwt_token'), 'new-token');
    assert.equal(pm.variables.get('jwt_token'), 'new-token', 'the environment declares jwt_token: it is updated too');
    assert.equal(pm.collectionVariables.get('jwt_token_expires'), String(NOW + 86400));
    assert.deepEqual(state.tests.map((t) => [t.name, t.passed]), [['automatic login (Log in) before "the request"', true]]);
  });
}

const failureCases: Array<[string, { code: number; body: unknown } | Error, RegExp]> = [
  ['a 403', { code: 403, body: { code: 'incorrect_password' } }, /^HTTP 403; auto_login is now off/],
  ['a 200 without the token', { code: 200, body: { reason: 'Algorithm not supported' } }, /^HTTP 200, no \/jwt\/token in the answer; auto_login is now off/],
  ['a connection error', new Error('ECONNREFUSED'), /^not sent \(Error: ECONNREFUSED\)/],
];
for (const [name, answer, message] of failureCases) {
  test(`automatic login: ${name} fails its test and turns auto_login off (no retry storm)`, () => {
    const state = stub({ vars: CREDENTIALS, answer });
    run(autoLoginExec(LOGIN), state);
    const pm = state.pm as { collectionVariables: { get(k: string): string } };
    assert.equal(pm.collectionVariables.get('auto_login'), 'off');
    assert.equal(pm.collectionVariables.get('jwt_token'), undefined);
    assert.equal(state.tests.length, 1);
    assert.equal(state.tests[0]?.passed, false);
    assert.match(state.tests[0]?.error ?? '', message);
    assert.doesNotMatch(state.tests[0]?.error ?? '', /p"w/, 'never the password');
  });
}

test('automatic login: an OAuth-style lifetime (expiresIn) is stored as a Unix time', () => {
  const state = stub({ vars: CREDENTIALS, answer: { code: 200, body: { jwt: { token: 't', token_expires: 3600 } } } });
  run(autoLoginExec({ ...LOGIN, expires: { pointer: '/jwt/token_expires', expiresIn: true } }), state);
  const stored = Number((state.pm as { collectionVariables: { get(k: string): string } }).collectionVariables.get('jwt_token_expires'));
  assert.ok(stored >= NOW + 3600 && stored <= NOW + 3700, String(stored));
});

const AFTER: AfterResponseData = { operationId: 'createToken', capture: [{ variable: 'token_id', pointer: '/id' }, { variable: 'claims', pointer: '/claims' }], clearCookies: false };
test('after-response: a 2xx answer stores each captured value (objects as JSON)', () => {
  const state = stub({ response: { code: 200, body: { id: 'abc', claims: { a: 1 } } } });
  run(afterResponseExec(AFTER), state);
  const pm = state.pm as { collectionVariables: { get(k: string): string } };
  assert.deepEqual([pm.collectionVariables.get('token_id'), pm.collectionVariables.get('claims')], ['abc', '{"a":1}']);
  assert.deepEqual(state.tests.map((t) => [t.name, t.passed]), [['[createToken] stores token_id from body /id', true], ['[createToken] stores claims from body /claims', true]]);
});
test('after-response: a 2xx answer without the captured value fails that test', () => {
  const state = stub({ response: { code: 200, body: { token: 'x' } } });
  run(afterResponseExec(AFTER), state);
  assert.deepEqual(state.tests.map((t) => t.passed), [false, false]);
  assert.match(state.tests[0]?.error ?? '', /\/id in the answer/);
});
test('after-response: a non-2xx answer stores nothing and tests nothing', () => {
  const state = stub({ response: { code: 404, body: { id: 'abc' } } });
  run(afterResponseExec(AFTER), state);
  assert.deepEqual([state.tests, (state.pm as { collectionVariables: { get(k: string): string } }).collectionVariables.get('token_id')], [[], undefined]);
});
const SET_COOKIES = ['wordpress_sec_abc=admin%7Cx; path=/wp-admin; HttpOnly', 'wordpress_logged_in_abc=admin%7Cy; path=/; HttpOnly'];
const cookieCases: Array<[string, { code: number; setCookie: string[] }, [boolean] | [], string | undefined]> = [
  ['keeps name=value of the first matching Set-Cookie', { code: 200, setCookie: SET_COOKIES }, [true], 'wordpress_logged_in_abc=admin%7Cy'],
  ['fails its test when no cookie matches', { code: 200, setCookie: SET_COOKIES.slice(0, 1) }, [false], undefined],
  ['does nothing on a non-2xx answer', { code: 403, setCookie: SET_COOKIES }, [], undefined],
];
for (const [name, response, passed, stored] of cookieCases) {
  test(`after-response: captureCookie ${name}`, () => {
    const state = stub({ response: { ...response, body: {} } });
    run(afterResponseExec({ operationId: 'authenticateV1', capture: [], captureCookie: { auth_cookie: '^wordpress_logged_in_' }, clearCookies: false }), state);
    assert.deepEqual(state.tests.map((t) => t.passed), passed);
    assert.equal((state.pm as { collectionVariables: { get(k: string): string } }).collectionVariables.get('auth_cookie'), stored);
  });
}
test('after-response: clearCookies clears the jar for the request URL, and says how when Postman denies it', () => {
  const lines: string[] = [];
  const state = stub({ response: { code: 200, body: {} }, cookieError: 'CookieStore: programmatic access to "site.test" is denied' });
  run(afterResponseExec({ operationId: 'authenticateV1', capture: [], clearCookies: true }), state, lines);
  assert.deepEqual(state.cleared, ['http://site.test/wp-json/aam/v1/authenticate']);
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /programmatic access .* is denied.*cookie allowlist/);
});
