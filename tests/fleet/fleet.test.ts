import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock, type RunningMock } from '../../mock/index.js';
import { loadUsers } from '../../mock/wp/users.js';
import { catalogueOf, findFault } from '../mutation/catalogue.js';
import { startFaultProxy, type FaultProxy } from '../mutation/fault-proxy.js';
import type { FaultHandler } from '../mutation/fault-model.js';
import { isObject } from '../../generators/lib/type-checks.js';
import { runCli } from '../contract/run-cli.js';
import { closedPort } from './closed-port.js';

const ADMIN_PASSWORD = 'Fl33tAdm1n&<pw>';
const SUB_PASSWORD = 'Fl33tSub&pw';
const users = loadUsers().map((user) => ({ ...user, password: user.login === 'admin' ? ADMIN_PASSWORD : user.login === 'subscriber1' ? SUB_PASSWORD : `${user.login}-fleet-pw` }));

/** A mock of `version` behind a fault proxy (the mock's site URL is the proxy's, as in the mutation harness). */
async function behindProxy(version: '6.9.32' | '6.9.51', handler: FaultHandler, routeOf?: Parameters<typeof startFaultProxy>[2]): Promise<{ proxy: FaultProxy; mock: RunningMock }> {
  let upstream = '';
  const proxy = await startFaultProxy(() => upstream, handler, routeOf);
  const mock = await startMock({ aamVersion: version, port: 0, host: '127.0.0.1', users, siteUrl: proxy.url });
  upstream = mock.url;
  return { proxy, mock };
}

/**
 * Index answers list the 6.9.x token routes under a path no AAM generation this checkout knows uses (as a
 * newer AAM might): the site is AAM with a JWT API, in a generation the checkout does not support.
 */
const AS_NEWER: FaultHandler = {
  response: (_req, res) => {
    if (!res.body.includes('service\\/jwt') && !res.body.includes('service/jwt')) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      return undefined;
    }
    if (!isObject(body) || !isObject(body.routes)) return undefined;
    const routes = Object.fromEntries(Object.entries(body.routes).map(([route, value]) => [route.replace(/^\/aam\/v2\/service\/jwts?/, '/aam/v9/tokens'), value]));
    return { ...res, body: JSON.stringify({ ...body, routes }) };
  },
};

const site = (name: string, url: string, password: string, extra = ''): string =>
  `  - name: ${name}\n    url: ${url}\n    caller: { username: admin, password: { env: ${password} } }\n    targetUserId: 4\n${extra}`;

/** The table row of `name`: its cells (split on two or more spaces). */
function row(table: string, name: string): string[] {
  const line = table.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line !== undefined, `no table row for ${name}`);
  return line.split(/ {2,}/);
}

test('fleet: two generations, one down, one faulty, wrong credentials, unsupported, misconfigured — table, HTML, JUnit, JSON and exit code say so per site', async () => {
  const old = await startMock({ aamVersion: '6.9.32', port: 0, host: '127.0.0.1', users });
  const current = await startMock({ aamVersion: '6.9.51', port: 0, host: '127.0.0.1', users });
  const wrong = await startMock({ aamVersion: '6.9.51', port: 0, host: '127.0.0.1', users });
  const catalogue = catalogueOf('6.9.32');
  const faulty = await behindProxy('6.9.32', findFault('validate-failure-401', '6.9.32').start(), catalogue.routeOf);
  const seventh = await behindProxy('6.9.32', AS_NEWER);
  const down = await closedPort();
  const dir = await mkdtemp(join(tmpdir(), 'aam-fleet-'));
  const reports = join(dir, 'reports');
  try {
    const sites = [
      site('old', old.url, 'FLEET_PW', '    unprivileged: { username: subscriber1, password: { env: FLEET_SUB_PW } }\n'),
      site('current', current.url, 'FLEET_PW'),
      site('down', `http://127.0.0.1:${down}`, 'FLEET_PW'),
      site('faulty', faulty.proxy.url, 'FLEET_PW'),
      site('wrong-password', wrong.url, 'FLEET_WRONG_PW'),
      site('seven', seventh.proxy.url, 'FLEET_PW'),
      site('no-env', current.url, 'FLEET_UNSET_PW'),
    ];
    await writeFile(join(dir, 'sites.yaml'), `sites:\n${sites.join('')}`);
    const run = await runCli(['--no-generate', '--sites', join(dir, 'sites.yaml'), '--concurrency', '3', '--reports', reports], {
      FLEET_PW: ADMIN_PASSWORD,
      FLEET_SUB_PW: SUB_PASSWORD,
      FLEET_WRONG_PW: 'Wr0ngFl33tPw',
      CI: 'true',
    });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.ok(faulty.proxy.altered() > 0, 'the fault changed no answer');
    assert.ok(seventh.proxy.altered() > 0, 'the rewrite changed no answer');

    // Progress: plain lines in CI — queued, a running step, the end of each site.
    assert.match(run.stdout, /^7 sites queued: old, current, down, faulty, wrong-password, seven, no-env$/m);
    assert.match(run.stdout, /^old +running step 1 of \d+$/m);
    for (const [name, label] of [['old', 'passed'], ['current', 'passed'], ['down', 'UNREACHABLE'], ['faulty', 'FAILED'], ['wrong-password', 'NOT READY'], ['seven', 'UNSUPPORTED'], ['no-env', 'MISCONFIGURED']] as const) {
      assert.match(run.stdout, new RegExp(`^${name} +${label}: `, 'm'), `no end line for ${name}`);
    }

    // The table: status, generation, counts, first failure.
    const table = run.stdout.slice(run.stdout.indexOf('\nsite '));
    assert.deepEqual(row(table, 'old').slice(1, 4), ['passed', '?', '6.9.11–6.9.32']);
    assert.deepEqual(row(table, 'old').slice(6, 7), ['0']);
    assert.deepEqual(row(table, 'current').slice(1, 4), ['passed', '?', '6.9.33–6.9.51']);
    assert.deepEqual(row(table, 'down').slice(1, 8), ['UNREACHABLE', '?', '?', '-', '-', '-', '-']);
    assert.match(row(table, 'down')[8] ?? '', /^http:\/\/127\.0\.0\.1:\d+ refused the connection/);
    const failedRow = row(table, 'faulty');
    assert.deepEqual(failedRow.slice(1, 4), ['FAILED', '?', '6.9.11–6.9.32']);
    assert.ok(Number(failedRow[6]) > 0, `faulty: ${failedRow.join(' | ')}`);
    assert.match(failedRow[8] ?? '', /›/);
    assert.match(row(table, 'wrong-password')[8] ?? '', /^the site refuses the login of admin: 403 incorrect_password/);
    assert.deepEqual(row(table, 'seven').slice(1, 4), ['UNSUPPORTED', '?', '?']);
    assert.match(table, /^ {2}seven: no known AAM JWT API generation on http:\/\/127\.0\.0\.1:\d+\/wp-json: .* \[ERR_GENERATION_UNKNOWN\]$/m);
    assert.match(table, /^ {2}no-env: the caller's password comes from the environment variable FLEET_UNSET_PW \(.*sites\.yaml:29:42\), which is not set \[ERR_SITE_CONFIG\]$/m);
    assert.match(table, /^2 of 7 sites passed, 1 FAILED, 1 UNREACHABLE, 1 NOT READY, 1 UNSUPPORTED, 1 MISCONFIGURED in .* \(concurrency 3\)\.\nFLEET RESULT: FAILED$/m);

    // fleet.json
    const json = JSON.parse(await readFile(join(reports, 'fleet.json'), 'utf8')) as { exitCode: number; totals: unknown; sites: Array<Record<string, unknown>> };
    assert.equal(json.exitCode, 1);
    assert.deepEqual(json.totals, { sites: 7, passed: 2, notPassed: 5 });
    const byName = new Map(json.sites.map((s) => [s.name, s]));
    assert.deepEqual(
      json.sites.map((s) => [s.name, s.status, (s.generation as { releases?: string } | null)?.releases ?? null]),
      [
        ['old', 'passed', '6.9.11–6.9.32'],
        ['current', 'passed', '6.9.33–6.9.51'],
        ['down', 'unreachable', null],
        ['faulty', 'failed', '6.9.11–6.9.32'],
        ['wrong-password', 'not-ready', null],
        ['seven', 'unsupported', null],
        ['no-env', 'misconfigured', null],
      ],
    );
    const faultyJson = byName.get('faulty') as { steps: { failed: number }; failures: Array<{ item: string; test: string }>; coverage: { documented: number } };
    assert.ok(faultyJson.steps.failed > 0 && faultyJson.failures.length > 0);
    assert.ok(faultyJson.failures.some((f) => /validat/i.test(f.item)), JSON.stringify(faultyJson.failures.slice(0, 3)));
    assert.ok(faultyJson.coverage.documented > 0);
    assert.deepEqual((byName.get('wrong-password') as { problem: { code: string } }).problem.code, 'ERR_CREDENTIALS');
    assert.deepEqual((byName.get('down') as { problem: { code: string } }).problem.code, 'ERR_SITE_REFUSED');

    // JUnit: one suite per site, failures and errors where they belong.
    const junit = await readFile(join(reports, 'fleet-junit.xml'), 'utf8');
    const suites = [...junit.matchAll(/<testsuite name="([^"]+)" id="\d+" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((m) => [m[1], Number(m[2]) > 0, Number(m[3]) > 0, Number(m[4]), Number(m[5]) > 0]);
    assert.deepEqual(suites, [
      ['old', true, false, 0, false],
      ['current', true, false, 0, true],
      ['down', true, false, 1, false],
      ['faulty', true, true, 0, true],
      ['wrong-password', true, false, 1, false],
      ['seven', true, false, 0, true],
      ['no-env', true, false, 1, false],
    ]);
    assert.match(junit, /<error type="ERR_SITE_REFUSED" message="http:\/\/127\.0\.0\.1:\d+ refused the connection/);
    assert.match(junit, /<testcase classname="seven" name="generation" time="[\d.]+">\n {6}<skipped message="no known AAM JWT API generation/);

    // fleet.html: a row per site, its status, expandable to its failures and coverage.
    const html = await readFile(join(reports, 'fleet.html'), 'utf8');
    assert.deepEqual([...html.matchAll(/<details class="([a-z-]+)" id="site-([^"]+)">/g)].map((m) => [m[2], m[1]]), [
      ['old', 'passed'],
      ['current', 'passed'],
      ['down', 'unreachable'],
      ['faulty', 'failed'],
      ['wrong-password', 'not-ready'],
      ['seven', 'unsupported'],
      ['no-env', 'misconfigured'],
    ]);
    const faultyBlock = html.slice(html.indexOf('id="site-faulty"'), html.indexOf('id="site-wrong-password"'));
    assert.match(faultyBlock, /<h3>Failures \(\d+\)<\/h3>/);
    assert.match(faultyBlock, /<h3>Coverage: \d+ of \d+ documented statuses exercised/);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!127\.0\.0\.1)/, 'readable offline: no script, no external file');

    // Each site's own files, about that site only: nothing of another site's run leaks into them.
    const hosts = { old: old.url, current: current.url, faulty: faulty.proxy.url };
    for (const [name, url] of Object.entries(hosts)) {
      for (const file of ['junit.xml', 'report.html', 'run.log']) assert.ok((await stat(join(reports, 'fleet', name, file))).size > 0, `${name}/${file}`);
      const report = await readFile(join(reports, 'fleet', name, 'report.html'), 'utf8');
      assert.ok(report.includes(new URL(url).host), `${name}'s report names its own site`);
      for (const other of Object.values(hosts).filter((u) => u !== url)) assert.ok(!report.includes(new URL(other).host), `${name}'s report mentions ${other}`);
    }
    const outputs: Array<[string, string]> = [['stdout', run.stdout]];
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else outputs.push([path, await readFile(path, 'utf8')]);
      }
    };
    await walk(reports);
    assert.ok(outputs.length >= 3 + 3 * 3);
    for (const [name, text] of outputs) {
      for (const secret of ['Fl33tAdm1n', 'Fl33tSub', 'Wr0ngFl33tPw']) {
        const at = text.indexOf(secret);
        assert.equal(at, -1, `${name} holds a password: …${text.slice(Math.max(0, at - 80), at + 40)}…`);
      }
      assert.doesNotMatch(text, /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{20,}/, `${name} holds a JWT`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await Promise.all([old.close(), current.close(), wrong.close(), faulty.proxy.close(), faulty.mock.close(), seventh.proxy.close(), seventh.mock.close()]);
  }
});

test('fleet CLI: every site passed → exit 0; a bad sites file → exit 2 with file:line before any site is contacted', async () => {
  const mock = await startMock({ aamVersion: '6.9.51', port: 0, host: '127.0.0.1', users });
  const dir = await mkdtemp(join(tmpdir(), 'aam-fleet-ok-'));
  try {
    await writeFile(join(dir, 'good.yaml'), `sites:\n${site('only', mock.url, 'FLEET_PW')}`);
    const good = await runCli(['--no-generate', '--sites', join(dir, 'good.yaml'), '--reports', join(dir, 'r')], { FLEET_PW: ADMIN_PASSWORD, CI: 'true' });
    assert.equal(good.status, 0, good.stderr + good.stdout.slice(-2000));
    assert.match(good.stdout, /^1 of 1 site passed in .* \(concurrency 8\)\.\nFLEET RESULT: PASSED$/m);
    const json = JSON.parse(await readFile(join(dir, 'r', 'fleet.json'), 'utf8')) as { exitCode: number; result: string };
    assert.deepEqual([json.exitCode, json.result], [0, 'passed']);

    await writeFile(join(dir, 'bad.yaml'), `sites:\n${site('only', mock.url, 'FLEET_PW')}    password: x\n`);
    const bad = await runCli(['--no-generate', '--sites', join(dir, 'bad.yaml'), '--reports', join(dir, 'r2')], { FLEET_PW: ADMIN_PASSWORD });
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr, `error: ${join(dir, 'bad.yaml')}: 1 mistake\n  ${join(dir, 'bad.yaml')}:6:5: unknown key "password" in sites[0] (known: name, url, caller, targetUserId, unprivileged, aamVersion) [ERR_SITES_FILE]\n`);
    await assert.rejects(stat(join(dir, 'r2')), 'nothing written for a bad sites file');

    const usage = await runCli(['--no-generate', '--sites', join(dir, 'good.yaml'), '--concurrency', '0'], {});
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^error: --concurrency must be a whole number from 1 to 64, got "0"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await mock.close();
  }
});
