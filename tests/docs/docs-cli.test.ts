import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../docs/cli.js';
import { DocsError, renderDocs } from '../../docs/render-docs.js';

async function quiet(argv: readonly string[], defaults?: Parameters<typeof main>[1]): Promise<number> {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = () => true;
  try {
    return await main(argv, defaults);
  } finally {
    process.stderr.write = write;
  }
}

const usageCases: Array<[string, string[]]> = [
  ['an unknown flag', ['--bogus']],
  ['--spec without --out', ['--spec', 'api.yaml']],
  ['--spec with an --out that is no .html file', ['--spec', 'api.yaml', '--out', 'docs']],
  ['--spec with --root', ['--spec', 'api.yaml', '--out', 'a.html', '--root', '.']],
];
for (const [name, argv] of usageCases) test(`npm run docs: ${name} exits 2`, async () => assert.equal(await quiet(argv), 2));

test('npm run docs: a root without spec/ exits 2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'docs-cli-'));
  try {
    assert.equal(await quiet([], { root: dir }), 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a document Redocly cannot render is ERR_DOCS_RENDER naming the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'docs-render-'));
  try {
    const spec = join(dir, 'broken.yaml');
    await writeFile(spec, 'openapi: 3.1.0\npaths: [not, a, map\n');
    await assert.rejects(renderDocs(spec, join(dir, 'out.html')), (err: unknown) => {
      assert.ok(err instanceof DocsError);
      assert.equal(err.code, 'ERR_DOCS_RENDER');
      assert.match(err.message, /broken\.yaml/);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
