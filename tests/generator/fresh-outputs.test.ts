import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRESHNESS_RECORD, regenerateIfStale } from '../../generators/fresh-outputs.js';

const fixture = new URL('../fixtures/openapi/petstore-expanded.yaml', import.meta.url).pathname;

async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'fresh-outputs-'));
  await mkdir(join(root, 'spec', 'pets'), { recursive: true });
  await copyFile(fixture, join(root, 'spec', 'pets', 'openapi.yaml'));
  await writeFile(join(root, 'spec', 'environments.yaml'), 'environments:\n  - file: local\n    name: Local\n    values:\n      - key: baseUrl\n        value: http://127.0.0.1:8080\n');
  await writeFile(join(root, 'package-lock.json'), '{}\n');
  return root;
}

test('regenerateIfStale: generates once, then skips until an input, an output or the record changes', async () => {
  const root = await project();
  try {
    const collection = join(root, 'collections', 'pets.postman_collection.json');
    const steps: Array<[string, () => Promise<void>, 'current' | 'regenerated']> = [
      ['first run', async () => undefined, 'regenerated'],
      ['nothing changed', async () => undefined, 'current'],
      ['the spec changed', async () => writeFile(join(root, 'spec', 'pets', 'openapi.yaml'), `${await readFile(fixture, 'utf8')}\n# edited\n`), 'regenerated'],
      ['nothing changed again', async () => undefined, 'current'],
      ['the collection edited by hand', async () => writeFile(collection, '{}\n'), 'regenerated'],
      ['an environment deleted', async () => rm(join(root, 'environments', 'pets', 'local.postman_environment.json')), 'regenerated'],
      ['a generator file changed', async () => { await mkdir(join(root, 'generators'), { recursive: true }); await writeFile(join(root, 'generators', 'x.ts'), '// x\n'); }, 'regenerated'],
      ['the lock file changed', async () => writeFile(join(root, 'package-lock.json'), '{"v":2}\n'), 'regenerated'],
      ['the record lost', async () => rm(join(root, FRESHNESS_RECORD)), 'regenerated'],
      ['nothing changed at last', async () => undefined, 'current'],
    ];
    for (const [name, change, want] of steps) {
      await change();
      assert.equal(await regenerateIfStale(root), want, name);
    }
    assert.notEqual(await readFile(collection, 'utf8'), '{}\n', 'the edited collection was regenerated');
    await readFile(join(root, 'environments', 'pets', 'local.postman_environment.json'), 'utf8');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
