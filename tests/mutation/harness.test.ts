import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCEPTED_SURVIVORS, catalogueOf, catalogueVersions, FAULTS, findFault } from './catalogue.js';
import { parseMutationArgs } from './cli-args.js';
import { REST_ROUTES, routeOf, ROUTES, type ProxiedRequest, type Route } from './exchange.js';
import { startFaultProxy } from './fault-proxy.js';
import { AAM_APPEND, RegistryViews } from './registry-model.js';
import { buildKillReport, formatTable, formatVerdict, routesLabel } from './report.js';
import { DEFAULT_CONCURRENCY, type CatalogueResult } from './run-catalogue.js';
import type { FaultOutcome } from './run-fault.js';

const root = new URL('../../', import.meta.url).pathname;

test('the catalogue holds at least 25 faults with unique kebab-case ids, one-line descriptions and known routes', () => {
  assert.ok(FAULTS.length >= 25, `only ${FAULTS.length} faults`);
  assert.equal(new Set(FAULTS.map((f) => f.id)).size, FAULTS.length, 'duplicate ids');
  for (const fault of FAULTS) {
    assert.match(fault.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, fault.id);
    assert.ok(fault.description.length > 10 && !fault.description.includes('\n'), `${fault.id}: description`);
    assert.ok(fault.routes.length > 0, `${fault.id}: no route`);
    for (const route of fault.routes) assert.ok((ROUTES as readonly string[]).includes(route), `${fault.id}: unknown route ${route}`);
  }
});

test('every route of the API is hit by at least one fault', () => {
  const hit = new Set<string>(FAULTS.flatMap((f) => f.routes));
  assert.deepEqual(ROUTES.filter((route) => !hit.has(route)), []);
});

// The examples of issue 6, each with the fault that stands for it.
const ISSUE_EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['a wrong status (create)', 'create-201'],
  ['a wrong status (get)', 'get-not-found-404'],
  ['a wrong status (delete)', 'delete-not-found-500'],
  ['a wrong status (validate)', 'validate-failure-401'],
  ['a wrong status (refresh)', 'refresh-not-refreshable-400'],
  ['a wrong status (revoke)', 'revoke-non-revocable-200'],
  ['a wrong status (authenticate)', 'authenticate-failure-401'],
  ['`token` missing', 'create-token-missing'],
  ['`id` missing', 'create-id-missing'],
  ['`is_valid` as a string', 'is-valid-string'],
  ['`fields` ignored', 'list-fields-ignored'],
  ['the list-without-fields quirk "fixed"', 'list-default-fields-fixed'],
  ['an error body in another shape', 'delete-error-shape-a'],
  ['401 where 403 is due', 'forbidden-as-401'],
  ['a revoked token still validating', 'revoked-token-validates'],
  ['an evicted token still validating / the registry not limited', 'registry-not-limited'],
  ['refresh not revoking the old token', 'refresh-keeps-old-token'],
  ['the registry evicting the newest', 'registry-evicts-newest'],
  ['reset miscounting', 'reset-count-after-delete'],
  ['an expired token accepted', 'expired-token-accepted'],
  ['the Bearer prefix matched case-insensitively', 'bearer-case-insensitive'],
  ['Content-Type: text/html', 'content-type-html'],
  // issue 10
  ['a mock that ignores cookies', 'cookies-ignored'],
  ['a login cookie that authenticates without a nonce', 'cookie-without-nonce-authenticates'],
  ['a wrong nonce that is not a 403', 'wrong-nonce-anonymous'],
  ['the legacy login without its cookies', 'legacy-login-no-cookies'],
  ['a signed URL that does not log in', 'signed-url-disabled'],
  ['a signed URL that logs in with any token', 'signed-url-unvalidated'],
  ['a list in the wrong order', 'list-newest-first'],
];

test('every example of the issue is in the catalogue', () => {
  for (const [example, id] of ISSUE_EXAMPLES) assert.doesNotThrow(() => findFault(id), example);
});

test('findFault names the known ids when an id is unknown', () => {
  assert.throws(() => findFault('no-such-fault'), { code: 'ERR_UNKNOWN_FAULT', message: /^unknown fault "no-such-fault"; known: create-201, / });
});

test('accepted survivors name catalogue faults and give a reason', () => {
  for (const [id, reason] of Object.entries(ACCEPTED_SURVIVORS)) {
    assert.doesNotThrow(() => findFault(id));
    assert.ok(reason.trim().length > 0, id);
  }
});

function req(method: string, url: string, headers: Record<string, string> = {}, body = ''): ProxiedRequest {
  return { method, url, headers, body };
}

const ROUTE_CASES: ReadonlyArray<readonly [ProxiedRequest, Route | undefined]> = [
  [req('GET', '/wp-json/aam/v2/service/jwt?user_id=4'), 'listTokens'],
  [req('GET', '/wp-json/AAM/V2/SERVICE/JWT/'), 'listTokens'],
  [req('POST', '/wp-json/aam/v2/service/jwt'), 'createToken'],
  [req('GET', '/wp-json/aam/v2/service/jwt/0b7c-AF'), 'getToken'],
  [req('GET', '/wp-json/aam/v2/service/jwt/reset'), 'getToken'],
  [req('DELETE', '/wp-json/aam/v2/service/jwt/reset'), 'deleteToken'],
  [req('POST', '/wp-json/aam/v2/service/jwt/abc', { 'x-http-method-override': 'DELETE' }), 'deleteToken'],
  [req('POST', '/wp-json/aam/v2/service/jwt/abc?_method=DELETE'), 'deleteToken'],
  [req('PUT', '/wp-json/aam/v2/service/jwt/reset'), 'resetTokens'],
  [req('POST', '/wp-json/aam/v1/validate-jwt'), 'validateTokenV1'],
  [req('POST', '/wp-json/aam/v2/authenticate'), 'authenticate'],
  [req('GET', '/wp-json/aam/v2/jwt/validate'), undefined],
  [req('GET', '/wp-json/aam/v2/service/jwt/not_a_valid_id'), undefined],
  [req('PUT', '/wp-json/aam/v2/service/jwt'), undefined],
];

test('routeOf matches routes as WordPress does (case, trailing slash, method override)', () => {
  for (const [request, route] of ROUTE_CASES) assert.equal(routeOf(request), route, `${request.method} ${request.url}`);
});

test('the registry views: AAM drops the oldest at 10, an unlimited site keeps it as a ghost', () => {
  assert.deepEqual(AAM_APPEND(['a', 'b'], 'c', 2), ['b', 'c']);
  const views = new RegistryViews((registry, token) => [...registry, token], 2);
  const reset = req('POST', '/wp-json/aam/v2/service/jwt/reset?user_id=4');
  views.observe(reset, { status: 500, headers: {}, body: '{}' }, 'resetTokens');
  const create = req('POST', '/wp-json/aam/v2/service/jwt?user_id=4');
  for (const token of ['t1', 't2', 't3']) views.observe(create, { status: 200, headers: {}, body: JSON.stringify({ token, id: token }) }, 'createToken');
  assert.deepEqual(views.ghosts(4), ['t1']);
  assert.deepEqual(views.dropped(4), []);
  assert.deepEqual(views.site(4), ['t1', 't2', 't3']);
  assert.equal(views.ownerOf('t1'), 4);
  assert.equal(views.site(1), undefined, 'users are tracked only from a reset');
});

test('the fault proxy rewrites requests and answers, counts changes, and answers 502 when a fault throws', async () => {
  const upstream = createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify({ url: incoming.url, auth: incoming.headers.authorization ?? null, body: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, {
    request: (r) => (r.url.startsWith('/rewrite') ? { ...r, url: '/rewritten', body: 'new body' } : undefined),
    response: (r, res) => {
      if (r.url.startsWith('/throw')) throw new Error('fault bug');
      return r.url === '/rewritten' ? { ...res, status: 418 } : undefined;
    },
  });
  try {
    const plain = await fetch(`${proxy.url}/plain?x=1`, { headers: { authorization: 'Bearer t' } });
    assert.equal(plain.status, 200);
    assert.deepEqual(await plain.json(), { url: '/plain?x=1', auth: 'Bearer t', body: '' });
    const rewritten = await fetch(`${proxy.url}/rewrite`, { method: 'POST', body: 'old' });
    assert.equal(rewritten.status, 418);
    assert.deepEqual(await rewritten.json(), { url: '/rewritten', auth: null, body: 'new body' });
    assert.equal(rewritten.headers.get('content-type'), 'application/json; charset=UTF-8');
    const broken = await fetch(`${proxy.url}/throw`);
    assert.equal(broken.status, 502);
    assert.equal(proxy.altered(), 1);
    assert.deepEqual(proxy.errors(), ['fault bug']);
  } finally {
    await proxy.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  }
});

function outcome(faultId: string | undefined, fields: Partial<FaultOutcome> = {}): FaultOutcome {
  return { faultId, killed: true, killers: [{ item: 'Step', test: 'status is 200' }], failures: 1, requests: 10, assertions: 100, altered: 1, harnessError: undefined, durationMs: 5, ...fields };
}

function catalogueResult(outcomes: FaultOutcome[], control: FaultOutcome = outcome(undefined, { killed: false, killers: [], failures: 0 })): CatalogueResult {
  return { control, outcomes, durationMs: 100 };
}

const [first, second] = FAULTS;
const A = first?.id ?? '';
const B = second?.id ?? '';

const VERDICT_CASES: ReadonlyArray<{ name: string; result: CatalogueResult; accepted: Record<string, string>; want: { passed: boolean; killed: number; unexplained: string[]; accepted: string[]; broken: string[]; control: boolean } }> = [
  { name: 'all killed', result: catalogueResult([outcome(A), outcome(B)]), accepted: {}, want: { passed: true, killed: 2, unexplained: [], accepted: [], broken: [], control: true } },
  { name: 'a survivor nobody explained', result: catalogueResult([outcome(A), outcome(B, { killed: false, killers: [], failures: 0 })]), accepted: {}, want: { passed: false, killed: 1, unexplained: [B], accepted: [], broken: [], control: true } },
  { name: 'an accepted survivor', result: catalogueResult([outcome(A), outcome(B, { killed: false, killers: [], failures: 0 })]), accepted: { [B]: 'not observable' }, want: { passed: true, killed: 1, unexplained: [], accepted: [B], broken: [], control: true } },
  { name: 'an empty reason does not count', result: catalogueResult([outcome(A, { killed: false })]), accepted: { [A]: ' ' }, want: { passed: false, killed: 0, unexplained: [A], accepted: [], broken: [], control: true } },
  { name: 'a fault that changed nothing', result: catalogueResult([outcome(A, { altered: 0 })]), accepted: {}, want: { passed: false, killed: 0, unexplained: [], accepted: [], broken: [A], control: true } },
  { name: 'a failing control', result: catalogueResult([outcome(A)], outcome(undefined, { failures: 2 })), accepted: {}, want: { passed: false, killed: 1, unexplained: [], accepted: [], broken: [], control: false } },
];

test('the kill report: survivors need an accepted reason, broken measurements and an unclean control fail', () => {
  for (const { name, result, accepted, want } of VERDICT_CASES) {
    const report = buildKillReport(result, accepted);
    assert.deepEqual(
      { passed: report.passed, killed: report.killed, unexplained: report.unexplained, accepted: report.accepted, broken: report.broken, control: report.controlProblem === undefined },
      want,
      name,
    );
  }
});

test('routes are labelled, the two common sets by name', () => {
  assert.equal(routesLabel(ROUTES), 'every route');
  assert.equal(routesLabel(REST_ROUTES), 'every REST route');
  assert.equal(routesLabel(['resetTokens', 'listTokens', 'createToken', 'getToken', 'deleteToken']), 'the 5 token-management routes');
  assert.equal(routesLabel(['getToken', 'deleteToken']), 'getToken, deleteToken');
});

test('the table names the first failing test (Markdown escapes pipes) and the verdict gives the kill rate', () => {
  const faults = FAULTS.slice(0, 2);
  const result = catalogueResult([outcome(A, { killers: [{ item: 'Get | one', test: 'status is 500' }], failures: 3 }), outcome(B, { killed: false, killers: [], failures: 0 })]);
  const markdown = formatTable(faults, result, {}, true).split('\n');
  assert.equal(markdown[0], '| # | fault | what the broken site does | routes | verdict | first failing test |');
  assert.match(markdown[2] ?? '', new RegExp(`^\\| 1 \\| \`${A}\` \\| .* \\| killed \\| Get \\\\\\| one › status is 500 \\(\\+2 more\\) \\|$`));
  assert.match(markdown[3] ?? '', /\| SURVIVED \|  \|$/);
  const text = formatTable(faults, result, {}, false);
  assert.match(text, new RegExp(`^${A} +killed +Get \\| one › status is 500 \\(\\+2 more\\)$`, 'm'));
  const verdict = formatVerdict(buildKillReport(result, {}), result);
  assert.match(verdict, /^Control \(no fault\): clean, 10 requests, 100 assertions\.$/m);
  assert.match(verdict, /^Kill rate: 1\/2 faults killed \(50 %\)\.$/m);
  assert.match(verdict, new RegExp(`^Survivors with no accepted reason \\(gaps in the suite\\): ${B}\\.$`, 'm'));
  assert.match(verdict, /RESULT: FAILED\n$/);
});

const ARG_CASES: ReadonlyArray<readonly [string[], unknown]> = [
  [['--help'], { kind: 'help' }],
  [['--list'], { kind: 'list' }],
  [['--markdown', '--concurrency', '1', '--full'], { kind: 'run', options: { versions: undefined, markdown: true, only: undefined, concurrency: 1, bail: false } }],
  [['--only', 'create-201, content-type-html'], { kind: 'run', options: { versions: undefined, markdown: false, only: ['create-201', 'content-type-html'], concurrency: DEFAULT_CONCURRENCY, bail: true } }],
  [['--aam-version', '6.9.32'], { kind: 'run', options: { versions: ['6.9.32'], markdown: false, only: undefined, concurrency: DEFAULT_CONCURRENCY, bail: true } }],
];

test('CLI flags', () => {
  for (const [argv, want] of ARG_CASES) assert.deepEqual(parseMutationArgs(argv), want, argv.join(' '));
  for (const argv of [['--concurrency', '0'], ['--concurrency', 'two'], ['--only', ','], ['--bogus'], ['stray'], ['--aam-version', '5.0'], ['--aam-version', ',']]) {
    assert.throws(() => parseMutationArgs(argv), { code: 'ERR_USAGE' }, argv.join(' '));
  }
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'tests/mutation/cli.ts', ...args], { cwd: root }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout, stderr });
    });
  });
}

test('npm run mutation: --list prints every fault; bad flags and unknown ids exit 2 with the usage, no stack trace', async () => {
  const list = await cli(['--list']);
  assert.equal(list.code, 0);
  // one line per fault of every generation's catalogue
  assert.equal(list.stdout.trim().split('\n').length, catalogueVersions().reduce((n, version) => n + catalogueOf(version).faults.length, 0));
  for (const args of [['--concurrency', 'x'], ['--only', 'no-such-fault']]) {
    const { code, stdout, stderr } = await cli(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, /^error: .+\n\nUsage: npm run mutation/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  }
});
