import { parseArgs } from 'node:util';
import { AAM_VERSIONS, isAamVersion } from './generations.js';
import type { AamVersion } from './generations.js';

/** Run against the reference mock, started in-process on 127.0.0.1 and a free port. */
export interface MockTarget {
  readonly kind: 'mock';
}

/** Run against a real WordPress + AAM site. */
export interface SiteTarget {
  readonly kind: 'site';
  /** The REST base, ending in `/wp-json`. */
  readonly restUrl: string;
  readonly credentials: { readonly token: string } | { readonly username: string; readonly password: string };
  readonly targetUserId: string;
  readonly unprivileged: { readonly username: string; readonly password: string } | undefined;
}

export type RunTarget = MockTarget | SiteTarget;

export interface RunnerOptions {
  readonly target: RunTarget;
  /** `--aam-version`: the generation to run; `undefined` = the default (the mock's default generation). */
  readonly aamVersion: AamVersion | undefined;
  /** Directory for junit.xml and report.html. */
  readonly reportsDir: string;
  /** Regenerate collections/ and environments/ first (default true). */
  readonly generate: boolean;
}

export type ParsedCommand = { readonly kind: 'help' } | { readonly kind: 'run'; readonly options: RunnerOptions };

/** Bad command-line flags; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm run contract -- [options]

Runs the contract scenarios of one AAM generation's collection (collections/aam-<version>.postman_collection.json)
with Newman and prints a summary and the coverage table; writes reports/junit.xml and reports/report.html.
Exit 0 = passed.

Without --base-url: regenerates the collections, starts the reference mock of that generation on 127.0.0.1
(free port) and runs against it with environments/aam-<version>/local.postman_environment.json.

Against a real site (the same collection, only the environment changes):
  --base-url URL                 site URL (the REST base is URL/wp-json unless URL ends with /wp-json)
  --token T                      a JWT of a user with aam_manager + aam_manage_jwt (or administrator)
  --username U --password P      or log that user in through /aam/v2/authenticate (adds one token)
  --target-user-id N             required: a DEDICATED user whose tokens the suite creates, deletes and
                                 resets (never the caller: AAM keeps only 10 tokens per user)
  --unprivileged-username U      optional: a user without the capabilities, for the 403 cases
  --unprivileged-password P      (without them those steps are skipped)

Other options:
  --aam-version V                the AAM generation: ${AAM_VERSIONS.join(' | ')} (default: 6.9.32)
  --reports DIR                  where to write the reports (default: reports)
  --no-generate                  use the committed collection as is
  -h, --help                     show this help
`;

const SITE_ONLY = ['token', 'username', 'password', 'target-user-id', 'unprivileged-username', 'unprivileged-password'] as const;

/** Parses the runner's argv (without node and the script). Throws {@link UsageError}. */
export function parseRunnerArgs(argv: readonly string[]): ParsedCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'target-user-id': { type: 'string' },
        'unprivileged-username': { type: 'string' },
        'unprivileged-password': { type: 'string' },
        reports: { type: 'string' },
        'aam-version': { type: 'string' },
        'no-generate': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (cause) {
    throw new UsageError((cause as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  if (values.help === true) return { kind: 'help' };
  const text = (name: string): string | undefined => {
    const value = values[name];
    if (typeof value !== 'string') return undefined;
    if (value.trim() === '') throw new UsageError(`--${name} needs a value`);
    return value;
  };
  const reportsDir = text('reports') ?? 'reports';
  const version = text('aam-version');
  if (version !== undefined && !isAamVersion(version)) throw new UsageError(`--aam-version must be one of ${AAM_VERSIONS.join(', ')}, got "${version}"`);
  const aamVersion = version;
  const generate = values['no-generate'] !== true;
  const baseUrl = text('base-url');
  if (baseUrl === undefined) {
    const misplaced = SITE_ONLY.find((name) => values[name] !== undefined);
    if (misplaced !== undefined) throw new UsageError(`--${misplaced} needs --base-url (without it the suite runs against the mock)`);
    return { kind: 'run', options: { target: { kind: 'mock' }, aamVersion, reportsDir, generate } };
  }
  return { kind: 'run', options: { target: siteTarget(baseUrl, text), aamVersion, reportsDir, generate } };
}

function siteTarget(baseUrl: string, text: (name: string) => string | undefined): SiteTarget {
  const restUrl = toRestUrl(baseUrl);
  const token = text('token');
  const username = text('username');
  const password = text('password');
  let credentials: SiteTarget['credentials'];
  if (token !== undefined) {
    if (username !== undefined || password !== undefined) throw new UsageError('give either --token or --username/--password, not both');
    credentials = { token };
  } else if (username !== undefined && password !== undefined) {
    credentials = { username, password };
  } else {
    throw new UsageError('a real site needs --token T, or --username U and --password P');
  }
  const targetUserId = text('target-user-id');
  if (targetUserId === undefined) throw new UsageError('a real site needs --target-user-id N: a dedicated user the suite may create and delete tokens for');
  if (!/^[1-9]\d*$/.test(targetUserId)) throw new UsageError(`--target-user-id must be a positive integer, got "${targetUserId}"`);
  if (token !== undefined && tokenUserId(token) === targetUserId) {
    throw new UsageError(`--target-user-id ${targetUserId} is the caller (the token's userId): use a dedicated user, the suite would evict its own token`);
  }
  const unUser = text('unprivileged-username');
  const unPass = text('unprivileged-password');
  if ((unUser === undefined) !== (unPass === undefined)) throw new UsageError('give --unprivileged-username and --unprivileged-password together');
  const unprivileged = unUser !== undefined && unPass !== undefined ? { username: unUser, password: unPass } : undefined;
  return { kind: 'site', restUrl, credentials, targetUserId, unprivileged };
}

/** `https://site/` → `https://site/wp-json`; a URL already ending in `/wp-json` is kept. */
export function toRestUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url is not a URL: "${baseUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--base-url must be http(s), got "${baseUrl}"`);
  if (url.search !== '' || url.hash !== '') throw new UsageError('--base-url must not carry a query string or fragment');
  const trimmed = url.href.replace(/\/+$/, '');
  return /\/wp-json$/i.test(trimmed) ? trimmed : `${trimmed}/wp-json`;
}

/** The `userId` claim of a JWT, read without verifying it; `undefined` when unreadable. */
export function tokenUserId(token: string): string | undefined {
  const payload = token.replace(/^Bearer /, '').split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    const id = (claims as { userId?: unknown } | null)?.userId;
    return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
