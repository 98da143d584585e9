import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);

test('README starts with the two commands that do everything on a fresh machine', async () => {
  const readme = await readFile(new URL('README.md', root), 'utf8');
  const lines = readme.split('\n');
  assert.equal(lines[0], '```sh');
  assert.match(lines[1] ?? '', /^npm ci && npm run contract\b/);
  assert.match(lines[2] ?? '', /^npm ci && npm test\b/);
});

test('CI installs from the lockfile and runs the README test command', async () => {
  const ci = await readFile(new URL('.ci/run', root), 'utf8');
  assert.match(ci, /^npm ci\b/m);
  assert.match(ci, /^npm test$/m);
  await stat(new URL('package-lock.json', root));
});

const folders = ['spec', 'generators', 'collections', 'environments', 'mock', 'tests', 'runner'];
for (const folder of folders) {
  test(`top-level folder ${folder}/ exists`, async () => {
    assert.ok((await stat(new URL(folder, root))).isDirectory());
  });
}
