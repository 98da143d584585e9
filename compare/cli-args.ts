/** argv → compare options (node:util parseArgs); bad flags are a `UsageError` (exit 2). */
import { parseArgs } from 'node:util';
import type { CompareOptions } from './run.js';

export const USAGE = `Usage: npm run compare -- --a URL|mock --b URL|mock [options]

Sends the same seeded sequence of requests to two AAM sites (or the reference mock) and reports where
their answers differ, grouped by cause.

  --a, --b URL|mock     the two sides: a site URL (http://host:port) or "mock" (the in-process reference mock)
  --aam-version V       AAM generation: spec, housekeeping requests, mock (default 6.9.32)
  --spec FILE           draw operations from this OpenAPI document instead of the generation's
  --seed N              request sequence seed (default 1)
  --count N             number of requests (default 1000)
  --resync-every N      reset the target user's registry and rebuild its tokens every N requests (default 100)
  --users FILE          users file (mock format) for both sides (default compare/fixtures/real-aam-users.json)
  --users-a, --users-b FILE   per side
  --html FILE           write the HTML report
  --json FILE           write the summary and groups as JSON
  --groups N            groups shown with an example in the terminal (default 20)
  --min-status PCT      exit 1 when status agreement is below PCT
  --min-whole PCT       exit 1 when whole-answer agreement is below PCT
  --quiet               no progress line
  -h, --help
`;

export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
}

export interface CliOptions {
  compare: CompareOptions;
  html?: string;
  json?: string;
  groups: number;
  minStatus?: number;
  minWhole?: number;
  quiet: boolean;
}

function int(name: string, v: string | undefined, dflt: number, min = 0): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  return Number(v);
}

function pct(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--${name} must be a percentage 0–100, got ${JSON.stringify(v)}`);
  return n;
}

function side(name: string, v: string | undefined): string {
  if (v === undefined) throw new UsageError(`--${name} is required (a site URL or "mock")`);
  if (v === 'mock') return v;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new UsageError(`--${name} must be an http:// URL or "mock", got ${JSON.stringify(v)}`);
  }
  if (url.protocol !== 'http:') throw new UsageError(`--${name}: only http:// sites are supported, got ${url.protocol}`);
  return url.origin;
}

export function parseCompareArgs(argv: readonly string[]): { kind: 'help' } | { kind: 'run'; options: CliOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        a: { type: 'string' }, b: { type: 'string' }, 'aam-version': { type: 'string' }, spec: { type: 'string' },
        seed: { type: 'string' }, count: { type: 'string' }, 'resync-every': { type: 'string' },
        users: { type: 'string' }, 'users-a': { type: 'string' }, 'users-b': { type: 'string' },
        html: { type: 'string' }, json: { type: 'string' }, groups: { type: 'string' },
        'min-status': { type: 'string' }, 'min-whole': { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return { kind: 'help' };
  const compare: CompareOptions = {
    a: side('a', values.a),
    b: side('b', values.b),
    aamVersion: values['aam-version'] ?? '6.9.32',
    seed: int('seed', values.seed, 1),
    count: int('count', values.count, 1000, 1),
    resyncEvery: int('resync-every', values['resync-every'], 100, 1),
  };
  if (values.spec !== undefined) compare.spec = values.spec;
  const usersA = values['users-a'] ?? values.users;
  const usersB = values['users-b'] ?? values.users;
  if (usersA !== undefined) compare.usersA = usersA;
  if (usersB !== undefined) compare.usersB = usersB;
  const options: CliOptions = { compare, groups: int('groups', values.groups, 20), quiet: values.quiet === true };
  if (values.html !== undefined) options.html = values.html;
  if (values.json !== undefined) options.json = values.json;
  const minStatus = pct('min-status', values['min-status']);
  const minWhole = pct('min-whole', values['min-whole']);
  if (minStatus !== undefined) options.minStatus = minStatus;
  if (minWhole !== undefined) options.minWhole = minWhole;
  return { kind: 'run', options };
}
