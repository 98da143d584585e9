/** `npm run build`: the bundled CLI writes exactly what `npm run generate` writes, without tsx. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGenerator } from '../../generators/build.js';

const root = new URL('../../', import.meta.url);
const path = (rel: string): string => new URL(rel, root).pathname;

const dir = await mkdtemp(join(tmpdir(), 'gen-build-'));
const bundle = await buildGenerator(join(dir, 'dist'));

function run(...args: string[]) {
  return spawnSync(process.execPath, [bundle, ...args], { cwd: path('.'), encoding: 'utf8' });
}

test('the bundle (with its scenario and YAML chunks) regenerates the committed collection and environments byte for byte', async () => {
  const out = join(dir, 'aam');
  const result = run('--collection', join(out, 'c.json'), '--environments', join(out, 'env'));
  assert.equal(result.status, 0, result.stderr);
  assert.equal(await readFile(join(out, 'c.json'), 'utf8'), await readFile(path('collections/aam-jwt.postman_collection.json'), 'utf8'));
  const environments = (await readdir(path('environments'))).filter((n) => n.endsWith('.postman_environment.json'));
  assert.ok(environments.length >= 2, environments.join(', '));
  for (const name of environments) {
    assert.equal(await readFile(join(out, 'env', name), 'utf8'), await readFile(path(`environments/${name}`), 'utf8'), name);
  }
  assert.equal(run('--check').status, 0);
});

test('the bundle reports a broken spec like the TypeScript CLI (exit 1, code, file and pointer)', async () => {
  const result = run('--spec', path('tests/fixtures/openapi/does-not-exist.json'), '--collection', join(dir, 'x.json'), '--no-environments');
  assert.equal(result.status, 1);
  assert.match(result.stderr, /^error ERR_SPEC_READ: .*does-not-exist\.json: cannot read the file/m);
});

test('bad flags exit 2 with the usage', () => {
  const result = run('--nope');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /usage: npm run generate/);
});
