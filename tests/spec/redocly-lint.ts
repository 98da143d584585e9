/**
 * Runs Redocly CLI's lint on a spec with the repository's `redocly.yaml` (the `recommended` ruleset) and returns
 * one line per problem. Not a test file itself.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isObject } from './spec-document.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REDOCLY = join(ROOT, 'node_modules', '.bin', 'redocly');
export const CONFIG_FILE = join(ROOT, 'redocly.yaml');

interface LintProblem {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location: readonly { readonly pointer?: string }[];
}

/** Runs `redocly lint --format=json` with the repository's config and returns one line per problem. */
export async function lint(file: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(REDOCLY, ['lint', '--format=json', `--config=${CONFIG_FILE}`, file], {
    cwd: ROOT,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: unknown) => {
    // redocly exits 1 when it finds errors; the JSON report is still on stdout.
    if (isObject(error) && typeof error['stdout'] === 'string' && error['stdout'] !== '') return { stdout: error['stdout'] };
    throw error;
  });
  const report: unknown = JSON.parse(stdout);
  if (!isObject(report) || !Array.isArray(report['problems'])) throw new Error(`unexpected redocly output: ${stdout.slice(0, 200)}`);
  return (report['problems'] as LintProblem[]).map(
    (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`,
  );
}

