/**
 * `npm run contract`: runs the runner (runner/bin.ts, over runner/cli.ts) from a bundle, without the TypeScript loader (tsx
 * transpiling and loading some 150 modules costs about 2 s of CPU on every run). The bundle is built with esbuild
 * into node_modules/.cache/aam-jwt-contract/runner-<digest>/ and used as long as the digest of its sources
 * (runner/, mock/, generators/, the lock file and this file) is the same; a changed source builds a new one.
 * The fleet's worker threads have their own entry in it (bin/fleet-worker.mjs, runner/fleet/site-worker.ts).
 * npm packages stay outside the bundle (Newman loads its reporters by name). Files the code reads next to
 * itself are copied beside the bundle at the same relative places: the generator's assets (generators/assets.ts)
 * and the mock's fixtures (mock/fixtures/, read as ../fixtures/).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { copyGeneratorAssets, ESM_BUNDLE } from '../generators/esm-bundle.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'aam-jwt-contract');

/** Every file the bundle is made of or reads, sorted. */
function sourceFiles() {
  const files = [];
  for (const dir of ['runner', 'mock', 'generators']) {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
  }
  return [...files.sort(), join(ROOT, 'package-lock.json'), fileURLToPath(import.meta.url)];
}

export function sourcesDigest() {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) hash.update(`${relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Builds the bundle into `dir` (through a private folder renamed at the end, so that runs in parallel never see half a bundle). */
async function buildRunner(dir) {
  const { build } = await import('esbuild');
  const scratch = `${dir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  await build({
    // the fleet's worker threads start their own entry, beside the CLI's (runner/fleet/worker-pool.ts)
    entryPoints: { cli: join(ROOT, 'runner', 'bin.ts'), 'fleet-worker': join(ROOT, 'runner', 'fleet', 'site-worker.ts') },
    outdir: join(scratch, 'bin'),
    ...ESM_BUNDLE,
    packages: 'external',
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyGeneratorAssets(join(scratch, 'bin'));
  cpSync(join(ROOT, 'mock', 'fixtures'), join(scratch, 'fixtures'), { recursive: true });
  try {
    renameSync(scratch, dir);
  } catch (err) {
    // another run built the same bundle first
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(join(dir, 'bin', 'cli.mjs'))) throw err;
  }
}

/** The runner's bundle for the current sources, built when missing; returns its entry file. */
export async function runnerBundle() {
  const dir = join(CACHE, `runner-${sourcesDigest()}`);
  if (!existsSync(join(dir, 'bin', 'cli.mjs'))) {
    mkdirSync(CACHE, { recursive: true });
    await buildRunner(dir);
  }
  return join(dir, 'bin', 'cli.mjs');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await import(pathToFileURL(await runnerBundle()).href);
}
