/** `npm run build`: the bundled CLI writes exactly what `npm run generate` writes, without tsx. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildGenerator } from '../../generators/build.js';

const root = new URL('../../', import.meta.url);
const path = (rel: string): string => new URL(rel, root).pathname;

const dir = await mkdtemp(join(tmpdir(), 'gen-build-'));
const bundle = await buildGenerator(join(dir, 'dist'));

function run(...args: string[]) {
  return spawnSync(process.execPath, [bundle, ...args], { cwd: path('.'), encoding: 'utf8' });
}

/** Every file under `folder`, relative to it, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => relative(folder, join(e.parentPath, e.name))).sort();
}

test('the bundle (with its scenario and YAML chunks) regenerates the committed collections and environments byte for byte', async () => {
  // a copy of the project's spec/ folder: the bundle writes collections/ and environments/ beside it
  const project = join(dir, 'project');
  await cp(path('spec'), join(project, 'spec'), { recursive: true });
  const result = spawnSync(process.execPath, [bundle], { cwd: project, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  for (const folder of ['collections', 'environments']) {
    const committed = await filesUnder(path(folder));
    assert.ok(committed.length >= (folder === 'collections' ? 1 : 2), committed.join(', '));
    assert.deepEqual(await filesUnder(join(project, folder)), committed);
    for (const name of committed) assert.equal(await readFile(join(project, folder, name), 'utf8'), await readFile(path(`${folder}/${name}`), 'utf8'), name);
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
