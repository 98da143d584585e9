import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readClaims } from './jwt-claims.js';
import { AAM_VERSIONS, DEFAULT_AAM_VERSION, isAamVersion } from './generations.js';
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
  /** `--aam-version`: the generation to run; `undefined` = detected on a real site, the default on the mock. */
  readonly aamVersion: AamVersion | undefined;
  /** Directory for junit.xml and report.html. */
  readonly reportsDir: string;
  /** Regenerate collections/ and environments/ first (default true). */
  readonly generate: boolean;
  /** Time-out of one HTTP request, milliseconds. */
  readonly requestTimeoutMs: number;
  /** Time-out of the whole run (preflight and Newman; the clean-up has its own budget), milliseconds. */
  readonly totalTimeoutMs: number;
}

/** `--sites FILE`: the suite against every site of a sites file (runner/fleet/). */
export interface FleetCommandOptions {
  readonly sitesFile: string;
  readonly concurrency: number;
  /** `--workers`: worker threads the sites run in; `undefined` = one per core, at most `concurrency`. */
  readonly workers: number | undefined;
  readonly reportsDir: string;
  readonly generate: boolean;
  readonly requestTimeoutMs: number;
  /** Per site. */
  readonly totalTimeoutMs: number;
}

export type ParsedCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly options: RunnerOptions; readonly warnings: readonly string[] }
  | { readonly kind: 'fleet'; readonly options: FleetCommandOptions };

/** Bad command-line flags; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const DEFAULT_REQUEST_TIMEOUT_S = 30;
export const DEFAULT_TOTAL_TIMEOUT_S = 900;
/** Sites checked at once by `--sites` (each waits on its site's network most of the time). */
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;

export const USAGE = `Usage: npm run contract -- [options]
       npm run contract -- --sites sites.yaml [--concurrency N] [options]

Runs the contract scenarios of one AAM generation's collection (collections/aam-<version>.postman_collection.json)
with Newman and prints a summary and the coverage table; writes reports/junit.xml and reports/report.html
(passwords never appear in any output; tokens only as [jwt jti=… …last6]). Exit 0 = passed, 1 = failed,
2 = bad flags or the site is not ready (one line says why), 130 = interrupted (after the clean-up).

Without --base-url: regenerates the collections, starts the reference mock of that generation on 127.0.0.1
(free port) and runs against it with environments/aam-<version>/local.postman_environment.json.

Against a real site (the same collection, only the environment changes):
  --base-url URL                 site URL (the REST base is URL/wp-json unless URL ends with /wp-json)
  --target-user-id N             required: a DEDICATED user whose tokens the suite creates, deletes and
                                 resets (never the caller: AAM keeps only 10 tokens per user)
The caller (a user with aam_manager + aam_manage_jwt, or an administrator), one of:
  AAM_TOKEN=T | --token-file F   a JWT of the caller (the run then adds no token of its own)
  AAM_USERNAME=U (--username U) and AAM_PASSWORD=P | --password-file F
                                 log the caller in through /aam/v2/authenticate (adds one token, which
                                 the clean-up revokes; use a dedicated caller account)
The unprivileged account (optional, for the 403 cases; without it those steps are skipped):
  AAM_UNPRIVILEGED_USERNAME=U (--unprivileged-username U) and
  AAM_UNPRIVILEGED_PASSWORD=P | --unprivileged-password-file F
--token, --password and --unprivileged-password still work, with a warning: the process list and the
shell history show them. A flag wins over a file, a file over the environment.

Before the run a preflight checks the site (reachable, JSON, REST API on, AAM and its JWT service, the
credentials) and detects the AAM JWT API generation; after it, every token the run issued that is still
valid is revoked and the target's registry is reset, and a summary lists what changed on the site.

A fleet of sites (one run, one combined report):
  --sites FILE                   a YAML sites file: per site a name, url, caller (username + password, or
                                 token, as { env: NAME } or { file: PATH } references, never values),
                                 targetUserId, optional unprivileged account and aamVersion. Writes
                                 reports/fleet.html, reports/fleet-junit.xml, reports/fleet.json and each
                                 site's own reports in reports/fleet/<site>/. Exit 0 only when every site
                                 passed, 1 when any did not (down, not ready, failed), 2 for a bad sites file.
  --concurrency N                sites at once (default: ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY}); --timeout and
                                 --request-timeout apply to each site
  --workers N                    worker threads the sites run in (default: one per CPU core, at most the
                                 concurrency); each runs up to concurrency ÷ N sites at a time

Other options:
  --aam-version V                force the AAM generation: ${AAM_VERSIONS.join(' | ')} (default: detected on a
                                 real site, ${DEFAULT_AAM_VERSION} on the mock)
  --request-timeout S            seconds one request may take (default: ${DEFAULT_REQUEST_TIMEOUT_S})
  --timeout S                    seconds the whole run may take, preflight included (default: ${DEFAULT_TOTAL_TIMEOUT_S});
                                 the clean-up runs after it in any case
  --reports DIR                  where to write the reports (default: reports)
  --no-generate                  use the committed collection as is
  -h, --help                     show this help
`;

/** Where secrets and usernames can come from besides flags. */
export interface ArgSources {
  /** The process environment (AAM_TOKEN, AAM_USERNAME, AAM_PASSWORD, AAM_UNPRIVILEGED_USERNAME, AAM_UNPRIVILEGED_PASSWORD). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reads a secret file (default: the file system, UTF-8). */
  readonly readFile?: (path: string) => string;
}

const SITE_ONLY = [
  'token',
  'token-file',
  'username',
  'password',
  'password-file',
  'target-user-id',
  'unprivileged-username',
  'unprivileged-password',
  'unprivileged-password-file',
] as const;

/** Parses the runner's argv (without node and the script). Throws {@link UsageError}. */
export function parseRunnerArgs(argv: readonly string[], sources: ArgSources = {}): ParsedCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'password-file': { type: 'string' },
        'target-user-id': { type: 'string' },
        'unprivileged-username': { type: 'string' },
        'unprivileged-password': { type: 'string' },
        'unprivileged-password-file': { type: 'string' },
        reports: { type: 'string' },
        'aam-version': { type: 'string' },
        'request-timeout': { type: 'string' },
        timeout: { type: 'string' },
        'no-generate': { type: 'boolean' },
        sites: { type: 'string' },
        concurrency: { type: 'string' },
        workers: { type: 'string' },
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
  const requestTimeoutMs = seconds(text('request-timeout'), 'request-timeout', DEFAULT_REQUEST_TIMEOUT_S);
  const totalTimeoutMs = seconds(text('timeout'), 'timeout', DEFAULT_TOTAL_TIMEOUT_S);
  const common = { aamVersion, reportsDir, generate, requestTimeoutMs, totalTimeoutMs };
  const sitesFile = text('sites');
  const concurrency = text('concurrency');
  const workers = text('workers');
  if (sitesFile !== undefined) {
    const misplaced = ['base-url', 'aam-version', ...SITE_ONLY].find((name) => values[name] !== undefined);
    if (misplaced !== undefined) throw new UsageError(`--${misplaced} cannot be combined with --sites: every site's url, credentials, target and aamVersion come from the sites file`);
    const slots = count(concurrency, 'concurrency', DEFAULT_CONCURRENCY);
    const threads = workers === undefined ? undefined : count(workers, 'workers', 1);
    return { kind: 'fleet', options: { sitesFile, concurrency: slots, workers: threads, reportsDir, generate, requestTimeoutMs, totalTimeoutMs } };
  }
  if (concurrency !== undefined) throw new UsageError('--concurrency needs --sites FILE (one site runs alone)');
  if (workers !== undefined) throw new UsageError('--workers needs --sites FILE (one site runs alone)');
  const baseUrl = text('base-url');
  if (baseUrl === undefined) {
    const misplaced = SITE_ONLY.find((name) => values[name] !== undefined);
    if (misplaced !== undefined) throw new UsageError(`--${misplaced} needs --base-url (without it the suite runs against the mock)`);
    return { kind: 'run', options: { target: { kind: 'mock' }, ...common }, warnings: [] };
  }
  const warnings: string[] = [];
  const target = siteTarget(baseUrl, text, sources, warnings);
  return { kind: 'run', options: { target, ...common }, warnings };
}

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_CONCURRENCY) throw new UsageError(`--${name} must be a whole number from 1 to ${MAX_CONCURRENCY}, got "${value}"`);
  return Number(value);
}

function seconds(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback * 1000;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new UsageError(`--${name} must be a positive number of seconds, got "${value}"`);
  return Math.round(Number(value) * 1000);
}

type Text = (name: string) => string | undefined;

/** One secret from its flag (with a warning), its file flag, or its environment variable, in that order. */
function secret(text: Text, sources: ArgSources, warnings: string[], flag: string, env: string): string | undefined {
  const direct = text(flag);
  if (direct !== undefined) {
    warnings.push(`--${flag} puts the secret in the process list and the shell history; use ${env} or --${flag}-file instead`);
    return direct;
  }
  const file = text(`${flag}-file`);
  if (file !== undefined) {
    let content: string;
    try {
      content = (sources.readFile ?? ((path: string) => readFileSync(path, 'utf8')))(file);
    } catch (cause) {
      throw new UsageError(`--${flag}-file ${file}: cannot read it (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const value = oneLineSecret(content);
    if (value === undefined) throw new UsageError(`--${flag}-file ${file} must hold the secret on one line`);
    return value;
  }
  const fromEnv = sources.env?.[env];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

function siteTarget(baseUrl: string, text: Text, sources: ArgSources, warnings: string[]): SiteTarget {
  const restUrl = toRestUrl(baseUrl);
  const env = sources.env ?? {};
  const token = secret(text, sources, warnings, 'token', 'AAM_TOKEN');
  const username = text('username') ?? nonEmpty(env.AAM_USERNAME);
  const password = secret(text, sources, warnings, 'password', 'AAM_PASSWORD');
  let credentials: SiteTarget['credentials'];
  if (token !== undefined) {
    if (username !== undefined) throw new UsageError('give either a token (--token, --token-file, AAM_TOKEN) or a login (--username/AAM_USERNAME with a password), not both');
    credentials = { token: token.replace(/^Bearer /, '') };
  } else if (username !== undefined && password !== undefined) {
    credentials = { username, password };
  } else if (username !== undefined) {
    throw new UsageError(`a password for ${username} is missing: set AAM_PASSWORD or give --password-file F`);
  } else {
    throw new UsageError('a real site needs the caller: AAM_TOKEN (or --token-file F), or AAM_USERNAME and AAM_PASSWORD (or --username U --password-file F)');
  }
  const targetUserId = text('target-user-id');
  if (targetUserId === undefined) throw new UsageError('a real site needs --target-user-id N: a dedicated user the suite may create and delete tokens for');
  if (!/^[1-9]\d*$/.test(targetUserId)) throw new UsageError(`--target-user-id must be a positive integer, got "${targetUserId}"`);
  if ('token' in credentials && tokenUserId(credentials.token) === targetUserId) {
    throw new UsageError(`--target-user-id ${targetUserId} is the caller (the token's user): use a dedicated user, the suite would evict its own token`);
  }
  const unUser = text('unprivileged-username') ?? nonEmpty(env.AAM_UNPRIVILEGED_USERNAME);
  const unPass = secret(text, sources, warnings, 'unprivileged-password', 'AAM_UNPRIVILEGED_PASSWORD');
  if (unUser !== undefined && unPass === undefined) throw new UsageError(`a password for the unprivileged account ${unUser} is missing: set AAM_UNPRIVILEGED_PASSWORD or give --unprivileged-password-file F`);
  if (unUser === undefined && unPass !== undefined) throw new UsageError('an unprivileged password needs its account: --unprivileged-username U or AAM_UNPRIVILEGED_USERNAME');
  const unprivileged = unUser !== undefined && unPass !== undefined ? { username: unUser, password: unPass } : undefined;
  return { kind: 'site', restUrl, credentials, targetUserId, unprivileged };
}

/** The secret a secret file holds: its one line (a final newline is allowed); `undefined` when empty or several lines. */
export function oneLineSecret(content: string): string | undefined {
  const value = content.replace(/\r?\n$/, '');
  return value === '' || value.includes('\n') ? undefined : value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
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

/** The user claim of a JWT (`userId` on 6.9.x, `user_id` on 7.x), read without verifying it; `undefined` when unreadable. */
export function tokenUserId(token: string): string | undefined {
  return readClaims(token)?.userId;
}
