/**
 * What every esbuild bundle of this project shares — generators/build.ts (dist/ and, through it, the aam-jwt
 * package of cli/build.ts) and runner/contract.mjs (the runner `npm run contract` starts) — in plain JavaScript,
 * so that the launcher, which runs before any TypeScript loader, uses the same piece (types: esm-bundle.d.mts):
 * - `ESM_BUNDLE`: ES modules for Node 20, split into chunks beside the entries, so that `import.meta.url` is the
 *   bundle's folder in every file;
 * - `GENERATOR_ASSETS` and `copyGeneratorAssets`: the files the generator reads at run time (generators/assets.ts),
 *   copied to the same relative places beside a bundle, so that one URL works from the sources and from a bundle.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ESM_BUNDLE = Object.freeze({
  chunkNames: '[name]-[hash]',
  outExtension: Object.freeze({ '.js': '.mjs' }),
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
});

/** Every asset, relative to the generator's root folder (this file's). */
export const GENERATOR_ASSETS = Object.freeze([
  'scripts/contract-test.js', 'scripts/json-schema.js', 'scripts/scenario-prerequest.js',
  'scripts/script-helpers.js', 'scripts/json-pointer.js', 'scripts/auto-login.js', 'scripts/after-response.js', 'scripts/server-variables.js',
  'scenarios/scenarios.schema.json',
]);

const GENERATORS = dirname(fileURLToPath(import.meta.url));

/** Copies every generator asset into `bundleDir` at its relative place. */
export function copyGeneratorAssets(bundleDir) {
  for (const asset of GENERATOR_ASSETS) {
    mkdirSync(dirname(join(bundleDir, asset)), { recursive: true });
    copyFileSync(join(GENERATORS, asset), join(bundleDir, asset));
  }
}
