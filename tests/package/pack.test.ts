/**
 * The installable package: `npm pack` (prepack builds build/cli and build/docs), installed into an empty
 * folder with npm offline (an unreachable registry, an empty cache: everything it needs is in the tarball),
 * then `aam-jwt mock` + `aam-jwt contract` against it (one site, then a fleet: `--sites`), `aam-jwt generate` on a
 * spec and `aam-jwt docs`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCollection, loadSpec, serializeJson } from '../../generators/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = await mkdtemp(join(tmpdir(), 'aam-jwt-pack-'));
const app = join(dir, 'app');
const BIN = join(app, 'node_modules', '.bin', 'aam-jwt');
/** npm must not reach any registry: everything comes from the tarball. */
const OFFLINE = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: join(dir, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function aamJwt(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(BIN, [...args], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
}

test.after(() => rm(dir, { recursive: true, force: true }));

test('npm pack builds a tarball that installs offline into an empty folder, without dev dependencies', { timeout: 600_000 }, async () => {
  const packed = spawnSync('npm', ['pack', '--pack-destination', dir, '--json'], { cwd: ROOT, encoding: 'utf8', env: OFFLINE, timeout: 300_000 });
  assert.equal(packed.status, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  assert.ok(info !== undefined);
  const files = info.files.map((f) => f.path);
  for (const wanted of ['build/cli/aam-jwt.mjs', 'build/docs/aam-6.9.32.html', 'build/fixtures/users.json', 'build/fixtures/wp-die.html', 'collections/aam-6.9.32.postman_collection.json', 'spec/aam-6.9.32/scenarios.yaml']) {
    assert.ok(files.includes(wanted), `${wanted} is packed`);
  }
  assert.deepEqual(files.filter((f) => /\.ts$/.test(f) && !f.startsWith('node_modules/')), [], 'no TypeScript source is packed');

  await mkdir(app, { recursive: true });
  const installed = spawnSync('npm', ['install', join(dir, info.filename)], { cwd: app, encoding: 'utf8', env: OFFLINE, timeout: 300_000 });
  assert.equal(installed.status, 0, installed.stderr);
  const tree = await readdir(join(app, 'node_modules', 'aam-jwt-contract-suite', 'node_modules'));
  for (const dev of ['tsx', 'typescript', 'esbuild', 'newman', 'eslint']) assert.ok(!tree.includes(dev), `${dev} is not installed`);
  assert.ok((await readdir(join(app, 'node_modules'))).every((name) => name === 'aam-jwt-contract-suite' || name.startsWith('.')), 'nothing else at the top');
});

test('aam-jwt: help, version and bad commands', () => {
  const help = aamJwt(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: aam-jwt <command>/);
  for (const command of ['contract', 'mock', 'generate', 'docs']) {
    const sub = aamJwt([command, '--help']);
    assert.equal(sub.status, 0, `${command} --help: ${sub.stderr}`);
    assert.match(sub.stdout, new RegExp(`^aam-jwt ${command} \\[options\\]`));
  }
  assert.equal(aamJwt(['--version']).stdout.trim(), '0.1.0');
  const unknown = aamJwt(['deploy']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command "deploy"/);
  assert.equal(aamJwt(['contract', '--bogus']).status, 2);
  assert.equal(aamJwt(['mock', '--port', 'x']).status, 2);
});

async function startPackedMock(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(BIN, ['mock', '--port', '0'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`aam-jwt mock exited ${String(code)}: ${out}`)));
  });
  return { child, url };
}

test('aam-jwt mock serves the API and its docs; aam-jwt contract passes against it', { timeout: 600_000 }, async () => {
  const { child, url } = await startPackedMock();
  try {
    const docs = await fetch(`${url}/docs`);
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /<title>AAM JWT token API/);
    const reports = join(dir, 'reports');
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      // credentials from the environment, as on a real site (the mock's fixture users)
      const env = { ...process.env, AAM_USERNAME: 'admin', AAM_PASSWORD: 'admin', AAM_UNPRIVILEGED_USERNAME: 'subscriber1', AAM_UNPRIVILEGED_PASSWORD: 'subscriber1' };
      const contract = spawn(BIN, ['contract', '--base-url', url, '--target-user-id', '4', '--reports', reports], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      contract.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
      contract.stderr.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
      contract.on('close', (code) => resolve({ code, out }));
    });
    assert.equal(run.code, 0, run.out.slice(-3000));
    assert.match(run.out, /RESULT: PASSED/);
    assert.doesNotMatch(run.out, /could not find .* reporter|warning:/);
    assert.ok((await stat(join(reports, 'junit.xml'))).size > 0);
    assert.ok((await stat(join(reports, 'report.html'))).size > 0);

    // a fleet: its sites run in worker threads, whose entry (fleet-worker.mjs) the package carries beside the CLI
    const sitesFile = join(dir, 'sites.yaml');
    await writeFile(sitesFile, `sites:\n  - name: packed-mock\n    url: ${url}\n    caller: { username: admin, password: { env: PACK_FLEET_PW } }\n    targetUserId: 4\n  - name: nowhere\n    url: http://127.0.0.1:9\n    caller: { username: admin, password: { env: PACK_FLEET_PW } }\n    targetUserId: 4\n`);
    const fleetReports = join(dir, 'fleet-reports');
    const fleet = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const contract = spawn(BIN, ['contract', '--sites', sitesFile, '--reports', fleetReports], { cwd: app, env: { ...process.env, CI: 'true', PACK_FLEET_PW: 'admin' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      contract.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
      contract.stderr.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
      contract.on('close', (code) => resolve({ code, out }));
    });
    assert.equal(fleet.code, 1, fleet.out.slice(-3000));
    assert.match(fleet.out, /^packed-mock +passed: \d+ requests/m);
    assert.match(fleet.out, /^nowhere +UNREACHABLE: /m);
    assert.match(fleet.out, /^1 of 2 sites passed, 1 UNREACHABLE in /m);
    assert.ok((await stat(join(fleetReports, 'fleet', 'packed-mock', 'report.html'))).size > 0);
  } finally {
    child.kill('SIGTERM');
  }
});

test('aam-jwt generate converts any OpenAPI document like the repository does', async () => {
  const spec = join(app, 'petstore.yaml');
  await copyFile(join(ROOT, 'tests/fixtures/openapi/petstore-expanded.yaml'), spec);
  const out = join(app, 'petstore.postman_collection.json');
  const result = aamJwt(['generate', '--spec', spec, '--collection', out, '--no-environments']);
  assert.equal(result.status, 0, result.stderr);
  const want = serializeJson(generateCollection(await loadSpec(spec), { specName: 'petstore.yaml' }));
  assert.equal(await readFile(out, 'utf8'), want);
  const broken = aamJwt(['generate', '--spec', join(app, 'missing.yaml'), '--collection', out]);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /^error ERR_SPEC_READ/);
});

test('aam-jwt docs renders every API generation of the package with the bundled Redocly', { timeout: 300_000 }, async () => {
  const out = join(app, 'pages');
  const result = aamJwt(['docs', '--out', out]);
  assert.equal(result.status, 0, result.stderr);
  const html = await readFile(join(out, 'aam-6.9.32.html'), 'utf8');
  assert.match(html, /Create a token for a user/);
  assert.doesNotMatch(html, /<script[^>]+src=["']?https?:/);
});
