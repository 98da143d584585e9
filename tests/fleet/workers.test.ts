/**
 * The fleet's worker threads (runner/fleet/worker-pool.ts, site-worker.ts): a worker that dies is its site's
 * ERROR and the fleet goes on; a worker gets its own site's secrets only (not the fleet's environment); Ctrl-C
 * reaches the sites in their workers (the running site stops and is cleaned up, a queued one never starts).
 * The probe worker (tests/fixtures/fleet/probe-worker.ts) is the real worker plus a recorder and two ways to die.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock } from '../../mock/index.js';
import { loadUsers } from '../../mock/wp/users.js';
import { defaultWorkers, runFleet, type FleetOptions } from '../../runner/fleet/run-fleet.js';
import { loadSitesFile } from '../../runner/fleet/sites-file.js';
import { workerEnv } from '../../runner/fleet/worker-env.js';
import { isFromWorker } from '../../runner/fleet/worker-protocol.js';
import { closedPort } from './closed-port.js';

const PROBE = new URL('../fixtures/fleet/probe-worker.ts', import.meta.url);

const entry = (name: string, url: string, caller: string, extra = ''): string => `  - name: ${name}\n    url: ${url}\n    caller: ${caller}\n    targetUserId: 4\n${extra}`;
const login = (variable: string): string => `{ username: admin, password: { env: ${variable} } }`;

/** Runs a fleet of `sites` (entries of a sites file) in `dir`; `watch` sees the output so far after each write. */
async function fleetIn(dir: string, sites: readonly string[], options: Partial<FleetOptions> & Pick<FleetOptions, 'env'>, watch: (out: string) => void = () => undefined): Promise<{ result: Awaited<ReturnType<typeof runFleet>>; out: string }> {
  const sitesFile = join(dir, 'sites.yaml');
  await writeFile(sitesFile, `sites:\n${sites.join('')}`);
  let out = '';
  const result = await runFleet({
    sitesFile,
    concurrency: 1,
    reportsDir: join(dir, 'reports'),
    generate: false,
    requestTimeoutMs: 10_000,
    totalTimeoutMs: 120_000,
    progress: 'plain',
    write: (text) => {
      out += text;
      watch(out);
    },
    ...options,
  });
  return { result, out };
}

interface Probe {
  readonly message: unknown;
  readonly env: Record<string, string>;
  readonly threadId: number;
}
const probe = async (dir: string, name: string): Promise<Probe> => JSON.parse(await readFile(join(dir, 'probe', `${name}.json`), 'utf8')) as Probe;

test('a worker thread that crashes or exits is its site\'s ERROR; the fleet goes on, the next site in a fresh worker', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aam-fleet-workers-'));
  try {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const names = ['crash-1', 'down-1', 'exit-1', 'down-2'];
    const { result, out } = await fleetIn(dir, names.map((name) => entry(name, url, login('FLEET_PW'))), { workers: 1, workerEntry: PROBE, env: { FLEET_PW: 'Cr4shPw', FLEET_PROBE_DIR: join(dir, 'probe') } });
    assert.deepEqual(result.sites.map((site) => [site.name, site.status, site.problem?.code]), [
      ['crash-1', 'error', 'ERR_WORKER'],
      ['down-1', 'unreachable', 'ERR_SITE_REFUSED'],
      ['exit-1', 'error', 'ERR_WORKER'],
      ['down-2', 'unreachable', 'ERR_SITE_REFUSED'],
    ]);
    assert.equal(result.exitCode, 1);
    assert.equal(result.sites[0]?.problem?.message, 'the worker thread running this site crashed: simulated crash of the worker thread');
    assert.equal(result.sites[2]?.problem?.message, 'the worker thread running this site exited (code 3)');
    assert.match(out, /^crash-1 +ERROR: the worker thread running this site crashed: simulated crash of the worker thread$/m);
    assert.match(out, /^exit-1 +ERROR: the worker thread running this site exited \(code 3\)$/m);
    assert.match(out, /^0 of 4 sites passed, 2 UNREACHABLE, 2 ERROR in .* \(concurrency 1\)\.$/m);
    assert.equal(await readFile(join(dir, 'reports', 'fleet', 'crash-1', 'run.log'), 'utf8'), '\nerror: the worker thread running this site crashed: simulated crash of the worker thread [ERR_WORKER]\n');
    const json = JSON.parse(await readFile(join(dir, 'reports', 'fleet.json'), 'utf8')) as { sites: Array<{ status: string }> };
    assert.deepEqual(json.sites.map((site) => site.status), ['error', 'unreachable', 'error', 'unreachable']);
    // one worker at a time: a dead worker is replaced, a living one runs the next site
    const threads = await Promise.all(names.map(async (name) => (await probe(dir, name)).threadId));
    assert.notEqual(threads[1], threads[0], 'the site after a crash runs in a new worker');
    assert.equal(threads[2], threads[1], 'a worker that ended its site runs the next one');
    assert.notEqual(threads[3], threads[2], 'the site after an exit runs in a new worker');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a worker gets its own site\'s secrets only: its run message holds no other site\'s, its environment none of the fleet\'s', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aam-fleet-secrets-'));
  const secrets = { FLEET_A_PW: 'Alpha-S3cret', FLEET_A_SUB: 'Alpha-Sub-S3cret', FLEET_B_PW: 'Bravo-S3cret', FLEET_C_TOKEN: 'charlie-opaque-token-0123' };
  try {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const sites = [
      entry('alpha', url, login('FLEET_A_PW'), '    unprivileged: { username: subscriber1, password: { env: FLEET_A_SUB } }\n'),
      entry('bravo', url, login('FLEET_B_PW')),
      entry('charlie', url, '{ token: { env: FLEET_C_TOKEN } }'),
    ];
    // ALIAS holds alpha's password under a name no site refers to; HARMLESS is no secret
    const env = { ...secrets, ALIAS: secrets.FLEET_A_PW, HARMLESS: 'kept', FLEET_PROBE_DIR: join(dir, 'probe') };
    // all three in one worker at once: the worst case for crossing
    const { result, out } = await fleetIn(dir, sites, { workers: 1, concurrency: 3, workerEntry: PROBE, env });
    assert.deepEqual(result.sites.map((site) => site.status), ['unreachable', 'unreachable', 'unreachable']);
    const own: Record<string, readonly string[]> = { alpha: [secrets.FLEET_A_PW, secrets.FLEET_A_SUB], bravo: [secrets.FLEET_B_PW], charlie: [secrets.FLEET_C_TOKEN] };
    const threads = new Set<number>();
    for (const [name, mine] of Object.entries(own)) {
      const seen = await probe(dir, name);
      threads.add(seen.threadId);
      const message = JSON.stringify(seen.message);
      for (const secret of Object.values(secrets)) assert.equal(message.includes(secret), mine.includes(secret), `${name}'s run message ${mine.includes(secret) ? 'lacks' : 'holds'} ${secret}`);
      assert.equal(seen.env.HARMLESS, 'kept');
      for (const [variable, value] of Object.entries(secrets)) {
        assert.equal(seen.env[variable], undefined, `${name}'s worker has ${variable}`);
        assert.ok(!Object.values(seen.env).includes(value), `${name}'s worker environment holds a secret`);
      }
    }
    assert.equal(threads.size, 1);
    // and nothing the fleet wrote holds any of them
    const texts: Array<[string, string]> = [['output', out]];
    const walk = async (folder: string): Promise<void> => {
      for (const item of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, item.name);
        if (item.isDirectory()) await walk(path);
        else texts.push([path, await readFile(path, 'utf8')]);
      }
    };
    await walk(join(dir, 'reports'));
    assert.ok(texts.length >= 1 + 3 + 3);
    for (const [name, text] of texts) for (const secret of Object.values(secrets)) assert.ok(!text.includes(secret), `${name} holds ${secret}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Ctrl-C reaches the sites in their workers: the running site stops after its current request and is cleaned up, a queued one never starts (exit 130)', async () => {
  const users = loadUsers().map((user) => ({ ...user, password: user.login === 'admin' ? 'Ab0rt-Admin-pw' : `${user.login}-pw` }));
  const mock = await startMock({ aamVersion: '6.9.51', port: 0, host: '127.0.0.1', users, latency: { latencyMs: 20, jitterMs: 0, seed: 1 } });
  const dir = await mkdtemp(join(tmpdir(), 'aam-fleet-abort-'));
  const stop = new AbortController();
  try {
    const sites = [entry('first', mock.url, login('FLEET_PW')), entry('second', mock.url, login('FLEET_PW'))];
    const { result, out } = await fleetIn(dir, sites, { env: { FLEET_PW: 'Ab0rt-Admin-pw' }, signal: stop.signal }, (so) => {
      if (/^first +running step 1 of/m.test(so)) stop.abort();
    });
    assert.equal(result.exitCode, 130);
    assert.deepEqual(result.sites.map((site) => site.status), ['interrupted', 'interrupted']);
    assert.match(out, /^first +cleaning up the site$/m);
    assert.match(result.sites[0]?.runError ?? '', /interrupted/);
    assert.ok((result.sites[0]?.requests ?? 0) < 20, `the run went on after the abort: ${result.sites[0]?.requests} requests`);
    assert.match(result.sites[0]?.siteChanges ?? '', /target user 4: registry \d+ → 0 token\(s\), empty/);
    assert.equal(result.sites[1]?.problem?.message, 'interrupted before the site ran');
  } finally {
    await rm(dir, { recursive: true, force: true });
    await mock.close();
  }
});

test('workerEnv: the fleet\'s environment without the variables its sites refer to nor any that holds a secret', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'aam-fleet-env-'));
  try {
    const file = join(dir, 'sites.yaml');
    await writeFile(file, `sites:\n${entry('a', 'http://127.0.0.1:9', login('A_PW'), '    unprivileged: { username: { env: SUB_USER }, password: { env: SUB_PW } }\n')}${entry('b', 'http://127.0.0.1:9', '{ token: { env: B_TOKEN } }')}`);
    const sites = await loadSitesFile(file);
    const cases: Array<[Record<string, string | undefined>, Record<string, string>]> = [
      [{ A_PW: 'x', SUB_USER: 'u', SUB_PW: 'y', B_TOKEN: 't', PATH: '/bin' }, { PATH: '/bin' }],
      [{ COPY: 'pw-a', BEARER: 'Bearer tok', OTHER: 'pw-a2', UNSET: undefined }, { OTHER: 'pw-a2' }],
    ];
    const secrets = [{ value: 'pw-a', label: '[password]' }, { value: 'tok', label: '[token]' }, { value: '', label: '[password]' }];
    for (const [env, kept] of cases) assert.deepEqual(workerEnv(env, sites, secrets), kept);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('defaultWorkers: one per core, at most one per slot; isFromWorker: a kind and a site index', () => {
  const cases: Array<[number, number, number]> = [
    [8, 2, 2],
    [1, 2, 1],
    [8, 16, 8],
    [3, 1, 1],
  ];
  for (const [concurrency, cores, want] of cases) assert.equal(defaultWorkers(concurrency, cores), want, `${concurrency} slots, ${cores} cores`);
  const messages: Array<[unknown, boolean]> = [
    [{ kind: 'phase', index: 0, phase: { kind: 'queued' } }, true],
    [{ kind: 'outcome', index: 2 }, true],
    [{ kind: 'phase', index: '0' }, false],
    [{ kind: 'run', index: 0 }, false],
    [null, false],
    ['log', false],
  ];
  for (const [message, want] of messages) assert.equal(isFromWorker(message), want, JSON.stringify(message));
});
