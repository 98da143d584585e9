import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseCompareArgs, UsageError } from '../../compare/cli-args.js';
import { alignTimes, compareAnswers } from '../../compare/diff.js';
import { generateProbes } from '../../compare/generate.js';
import { readUsersFile, REAL_AAM_USERS } from '../../compare/mock-side.js';
import { createTextNormalizer } from '../../compare/normalize.js';
import { htmlReport, textReport } from '../../compare/report.js';
import { runCompare } from '../../compare/run.js';
import { isSafe } from '../../compare/safety.js';
import { loadSpecModel } from '../../compare/spec-model.js';
import type { NormalAnswer, Probe } from '../../compare/types.js';
import { createMock } from '../../mock/index.js';

const SPEC = loadSpecModel(fileURLToPath(new URL('../../spec/aam-6.9.32/openapi.yaml', import.meta.url)));
const PASSWORDS = readUsersFile(REAL_AAM_USERS, 'http://x').map((u) => u.password);

test('generation is seeded: the same seed gives the same probes, another seed others', () => {
  const a = generateProbes(SPEC, 42, 200);
  assert.deepEqual(generateProbes(SPEC, 42, 200), a);
  assert.notDeepEqual(generateProbes(SPEC, 43, 200), a);
  assert.equal(a.length, 200);
  assert.ok(new Set(a.map((p) => p.route)).size >= SPEC.operations.length, 'every operation is drawn');
});

test('every generated probe keeps the safety rules; unsafe ones are recognised', () => {
  for (const p of generateProbes(SPEC, 5, 2000)) assert.ok(isSafe(p), `probe ${p.index}: ${p.target}`);
  const base: Probe = { index: 0, route: 'x', features: [], method: 'POST', target: '/wp-json/x', headers: [], body: null, caller: 'admin' };
  const unsafe: Partial<Probe>[] = [
    { target: '/wp-json/aam/v2/service/jwt/reset?user_id=1' },
    { target: '/wp-json/aam/v2/service/jwt/reset?user_id[]=x' },
    { body: '{"user_id":true}', headers: [['Content-Type', 'application/json']] },
    { body: '{"jwt":"{{j:token:admin}}"}' },
    { body: '{"username":"admin","password":"{{j:password:admin}}"}' },
    { target: '/?aam-jwt={{u:token:manager}}' },
  ];
  for (const u of unsafe) assert.equal(isSafe({ ...base, ...u }), false, JSON.stringify(u));
  assert.equal(isSafe({ ...base, target: '/wp-json/x?user_id={{u:user:target}}', body: 'aam-jwt={{token:admin}}' }), true);
});

test('normalization: tokens by name with their claims, ids, site, times, nonces; bytes otherwise kept', () => {
  const site = 'http://127.0.0.1:1234';
  const names = new Map<string, string>();
  const text = createTextNormalizer({ siteUrl: site, nowSeconds: 1_800_000_000, jtiName: () => undefined,
    tokenName: (t) => names.get(t) ?? (names.set(t, `new#${names.size + 1}`), `new#${names.size}`) });
  const payload = Buffer.from('{"iat":1800000000,"iss":"http://127.0.0.1:1234","jti":"0b5c6b1e-8a5e-4c1e-9d1e-2f3a4b5c6d7e"}').toString('base64url');
  const jwt = `eyJ0eXAiOiJKV1QifQ.${payload}.sig`;
  assert.equal(text(`{"t":"${jwt}","u":"http:\\/\\/127.0.0.1:1234\\/x","exp":1800003600,"n":"?_wpnonce=0123456789"}`),
    '{"t":"<jwt:new#1 {\'typ\':\'JWT\'} {\'iat\':<t+0s>,\'iss\':\'<site>\',\'jti\':\'<id#1>\'}>","u":"<site>\\/x","exp":<t+3600s>,"n":"?_wpnonce=<nonce>"}');
  assert.deepEqual(alignTimes('<t+3600s>', '<t+3689s>'), ['<t+60m>', '<t+60m>']);
  assert.deepEqual(alignTimes('<t+3600s>', '<t+3700s>'), ['<t+60m>', '<t+62m>']);
});

test('a disagreement is named by route, status pair and where the answers differ', () => {
  const p: Probe = { index: 3, route: 'listTokens', features: ['auth:none'], method: 'GET', target: '/x', headers: [], body: null, caller: null };
  const ans = (status: number, body: string): NormalAnswer => ({ status, headers: [['Content-Type', 'application/json']], body, shape: '', crashed: false });
  const same = compareAnswers(p, ans(200, '[]'), ans(200, '[]'));
  assert.equal(same.agree.whole, true);
  assert.equal(same.signature, '');
  const body = compareAnswers(p, ans(200, '{"a":1,"b":2}'), ans(200, '{"b":2,"a":1}'));
  assert.deepEqual([body.agree.status, body.agree.body, body.signature], [true, false, 'listTokens | 200/200 | body $ key order']);
  const status = compareAnswers(p, ans(401, '{"code":"rest_forbidden"}'), ans(404, '{"code":"rest_no_route"}'));
  assert.equal(status.signature, 'listTokens | 401/404 | status rest_forbidden/rest_no_route');
});

test('compare mock vs mock agrees on every request, and its reports hold no password or live token', async () => {
  const result = await runCompare({ a: 'mock', b: 'mock', aamVersion: '6.9.32', seed: 11, count: 400, resyncEvery: 150 });
  assert.equal(result.total, 400);
  assert.deepEqual(result.agreed, { status: 400, headers: 400, shape: 400, body: 400, whole: 400 });
  assert.deepEqual(result.groups, []);
  const text = textReport(result);
  assert.match(text, /whole\s+100\.00 %/);
  for (const out of [text, htmlReport(result)]) {
    for (const pw of PASSWORDS) assert.ok(!out.includes(pw));
    assert.doesNotMatch(out, /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/);
  }
});

test('compare finds a difference: a site whose tokens live one hour instead of 24', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', createMock({ siteUrl: origin, users: readUsersFile(REAL_AAM_USERS, origin), ttl: '+1 hour' }).handle);
  try {
    const result = await runCompare({ a: 'mock', b: origin, aamVersion: '6.9.32', seed: 11, count: 150 });
    assert.ok(result.agreed.whole < result.total);
    const group = result.groups.find((g) => g.example.a.body.includes('<t+1440m>') && g.example.b.body.includes('<t+60m>'));
    assert.ok(group, result.groups.map((g) => g.signature).join('\n'));
    assert.match(group.signature, /\| 200\/200 \| body \$/);
  } finally {
    server.close();
    server.closeAllConnections();
  }
});

test('cli: sides are URLs or "mock", numbers and thresholds are checked', () => {
  const ok = parseCompareArgs(['--a', 'mock', '--b', 'http://127.0.0.1:8081/', '--count', '5', '--min-whole', '99']);
  assert.equal(ok.kind, 'run');
  assert.equal(ok.kind === 'run' && ok.options.compare.b, 'http://127.0.0.1:8081');
  for (const bad of [['--a', 'mock'], ['--a', 'ftp://x', '--b', 'mock'], ['--a', 'mock', '--b', 'mock', '--count', '0'], ['--a', 'mock', '--b', 'mock', '--min-status', '101'], ['--x']]) {
    assert.throws(() => parseCompareArgs(bad), UsageError, bad.join(' '));
  }
});
