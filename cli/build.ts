/**
 * The installable package's build (`npm run build:package`, run by `prepack` before `npm pack`): bundles cli/aam-jwt.ts
 * and everything it loads (our TypeScript, Newman, jose, yaml, Ajv) with esbuild into build/cli/, copies the
 * files the code reads at run time beside it (generator scripts, the scenario schema, the mock's fixtures), and
 * renders the API docs of every generation into build/docs/ (build/ is git-ignored; `npm run build` keeps
 * making the generator-only bundle in dist/). The package then needs neither tsx nor a dev
 * dependency: only @redocly/cli (`aam-jwt docs` runs it) and newman-reporter-htmlextra (Newman loads
 * reporters by name), both shipped inside the tarball (bundleDependencies).
 */
import { chmodSync, cpSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGenerator } from '../generators/build.js';
import { main as renderAllDocs } from '../docs/cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules the bundle must not contain: loaded by name at run time, or only by code paths that never run. */
const EXTERNAL = [
  '@redocly/cli', // spawned by `aam-jwt docs` (docs/render-docs.ts)
  'newman-reporter-htmlextra', // required by name by Newman; reads its templates from its own folder
  'terser', 'browserify', 'watchify', // postman-sandbox compiles its boot code with them only when its cache is missing
];

/** Builds build/cli/aam-jwt.mjs (+ chunks and the generator's assets) and build/fixtures/; returns the entry's path. */
export async function buildCli(outDir: string = join(ROOT, 'build')): Promise<string> {
  // every command is its own chunk, loaded when it runs (so no other command's CLI starts)
  // the fleet's worker threads start their own entry beside it (runner/fleet/worker-pool.ts)
  const entries = { 'aam-jwt': join(ROOT, 'cli', 'aam-jwt.ts'), 'fleet-worker': join(ROOT, 'runner', 'fleet', 'site-worker.ts') };
  const entry = await buildGenerator(join(outDir, 'cli'), entries, { external: EXTERNAL, minify: true, shebang: true, sourcemap: false, legalComments: true });
  // the mock reads ../fixtures/<file> relative to its modules (users, WordPress pages): from build/cli/ that is build/fixtures/
  rmSync(join(outDir, 'fixtures'), { recursive: true, force: true });
  cpSync(join(ROOT, 'mock', 'fixtures'), join(outDir, 'fixtures'), { recursive: true });
  chmodSync(entry, 0o755);
  return entry;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entry = await buildCli();
  console.log(`built ${relative(process.cwd(), entry)}`);
  const code = await renderAllDocs(['--root', ROOT, '--out', join(ROOT, 'build', 'docs')]);
  if (code !== 0) process.exitCode = code;
}
