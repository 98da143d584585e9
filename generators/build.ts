/**
 * `npm run build`: bundles the generator CLI (generators/cli.ts and everything it imports, npm
 * packages included) into dist/generate.mjs with esbuild, so it starts without the tsx loader and
 * without transpiling TypeScript on every run. `node dist/generate.mjs [flags]` takes the same flags
 * as `npm run generate` and writes byte-identical files.
 *
 * Reproducible: same sources + same esbuild version (pinned in package.json) → same bytes. dist/ is
 * git-ignored and rebuilt from scratch each time. yaml and Ajv become separate chunks, loaded only
 * when a YAML file or scenarios are read. The run-time assets are copied beside the bundle at the
 * same relative paths (see generators/assets.ts).
 */
import { rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { copyGeneratorAssets, ESM_BUNDLE } from './esm-bundle.mjs';

const GENERATORS = dirname(fileURLToPath(import.meta.url));
const ROOT = join(GENERATORS, '..');
export const DIST = join(ROOT, 'dist');

/** How a bundle differs from the generator's own (the installable `aam-jwt` command, cli/build.ts). */
export interface BundleOptions {
  /** packages left out of the bundle (loaded by name at run time) */
  readonly external?: readonly string[];
  readonly minify?: boolean;
  /** start with `#!/usr/bin/env node` (an npm `bin`) */
  readonly shebang?: boolean;
  /** linked source maps (default true) */
  readonly sourcemap?: boolean;
  /** keep the bundled packages' licence comments in a linked file (default: dropped) */
  readonly legalComments?: boolean;
}

/**
 * Builds the CLI bundle into `outDir` (default dist/, emptied first); returns the path of the first
 * entry's bundle. `entries` (name → source) defaults to the CLI; the benchmark bundles its own worker the same way,
 * and cli/build.ts the `aam-jwt` command (with `options`). The generator's assets are copied beside the bundle.
 */
export async function buildGenerator(outDir: string = DIST, entries: Record<string, string> = { generate: join(GENERATORS, 'cli.ts') }, options: BundleOptions = {}): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir: outDir,
    // chunks beside the entry, so import.meta.url (assets) is dist/ in every file
    ...ESM_BUNDLE,
    // CommonJS packages (yaml, ajv) bundled into ESM still call require() for node: built-ins
    banner: { js: `${options.shebang === true ? '#!/usr/bin/env node\n' : ''}import { createRequire as __generatorCreateRequire } from 'node:module';\nconst require = __generatorCreateRequire(import.meta.url);` },
    legalComments: options.legalComments === true ? 'linked' : 'none',
    ...(options.sourcemap === false ? {} : { sourcemap: 'linked' as const }),
    ...(options.external === undefined ? {} : { external: [...options.external] }),
    ...(options.minify === true ? { minify: true } : {}),
    logLevel: 'warning',
  });
  copyGeneratorAssets(outDir);
  return join(outDir, `${Object.keys(entries)[0] ?? 'generate'}.mjs`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildGenerator();
  console.log(`built ${relative(process.cwd(), out)} (run: node ${relative(process.cwd(), out)} [npm run generate flags])`);
}
