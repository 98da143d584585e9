/**
 * `npm run contract` runs the runner from a bundle (runner/contract.mjs): it starts without the TypeScript
 * loader, finds every file the code reads beside itself, and a changed source gives a new bundle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GENERATOR_ASSETS } from '../../generators/esm-bundle.mjs';
// @ts-expect-error -- plain JavaScript launcher without declarations
import { runnerBundle, sourcesDigest } from '../../runner/contract.mjs';

const root = new URL('../../', import.meta.url).pathname;

test('npm run contract is the bundle launcher, and the bundle starts without tsx', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.equal(pkg.scripts.contract, 'node runner/contract.mjs');
  const run = spawnSync(process.execPath, ['runner/contract.mjs', '--help'], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Usage: npm run contract/);
  const bad = spawnSync(process.execPath, ['runner/contract.mjs', '--no-such-flag'], { cwd: root, encoding: 'utf8' });
  assert.equal(bad.status, 2, bad.stderr);
});

test('the bundle carries the generator assets and the mock fixtures at the places the code reads them', async () => {
  const entry = (await runnerBundle()) as string;
  const bin = dirname(entry);
  for (const asset of GENERATOR_ASSETS) assert.equal(readFileSync(join(bin, asset), 'utf8'), readFileSync(join(root, 'generators', asset), 'utf8'), asset);
  for (const fixture of ['users.json', 'wp-die.html']) assert.ok(existsSync(join(bin, '..', 'fixtures', fixture)), fixture);
  assert.match(entry, new RegExp(`runner-${sourcesDigest() as string}/bin/cli\\.mjs$`));
});
