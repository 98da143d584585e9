import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { StartOptions } from './server.js';
import { SIGNING_ALGORITHMS } from './jwt/keys.js';
import type { SigningAlgorithm } from './jwt/keys.js';
import { loadUsers } from './wp/users.js';
import { AAM_VERSIONS, DEFAULT_AAM_VERSION, isAamVersion } from './generations/index.js';

export const HELP = `Usage: npm run mock -- [options]

Reference mock of AAM's JWT REST API (WordPress REST semantics), bug-compatible with one AAM generation.

Options (each also read from the environment variable in brackets):
  --aam-version V      the AAM generation to answer as: ${AAM_VERSIONS.join(' | ')} [AAM_MOCK_AAM_VERSION] (${DEFAULT_AAM_VERSION})
  --port N             listen port, 0 = a free one            [AAM_MOCK_PORT]   (8080)
  --host HOST          listen address                         [AAM_MOCK_HOST]   (127.0.0.1)
  --site-url URL       site URL (iss claim, signed_url, Link) [AAM_MOCK_SITE_URL] (the listen URL)
  --secret S           HS* signing secret                     [AAM_MOCK_SECRET]
  --algorithm ALG      HS256 HS384 HS512 RS256 RS384 RS512    [AAM_MOCK_ALGORITHM] (HS256)
  --private-key FILE   RSA private key (PEM) for RS*          [AAM_MOCK_PRIVATE_KEY]
  --public-key FILE    RSA public key (PEM) for RS*           [AAM_MOCK_PUBLIC_KEY]
  --ttl TTL            token lifetime: PHP relative date or seconds [AAM_MOCK_TTL] (+24 hours)
  --registry-size N    tokens kept per user                   [AAM_MOCK_REGISTRY_SIZE] (10)
  --users FILE         users JSON file                        [AAM_MOCK_USERS] (mock/fixtures/users.json)
  --wp-debug           unmask 500 messages like WP_DEBUG      [AAM_MOCK_WP_DEBUG=1]
  --latency MS         wait MS ms before answering each request (a remote site) [AAM_MOCK_LATENCY] (0)
  --jitter MS          vary each wait by up to ±MS ms (seeded) [AAM_MOCK_JITTER] (0)
  -h, --help           show this help
`;

export class UsageError extends Error {
  readonly code = 'ERR_MOCK_USAGE';
}

const FLAGS = {
  'aam-version': 'AAM_MOCK_AAM_VERSION', port: 'AAM_MOCK_PORT', host: 'AAM_MOCK_HOST', 'site-url': 'AAM_MOCK_SITE_URL', secret: 'AAM_MOCK_SECRET',
  algorithm: 'AAM_MOCK_ALGORITHM', 'private-key': 'AAM_MOCK_PRIVATE_KEY', 'public-key': 'AAM_MOCK_PUBLIC_KEY',
  ttl: 'AAM_MOCK_TTL', 'registry-size': 'AAM_MOCK_REGISTRY_SIZE', users: 'AAM_MOCK_USERS',
  latency: 'AAM_MOCK_LATENCY', jitter: 'AAM_MOCK_JITTER',
} as const;

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

function readText(name: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** argv + env → start options (the only place that reads either). */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): StartOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        ...Object.fromEntries(Object.keys(FLAGS).map((k) => [k, { type: 'string' as const }])),
        'wp-debug': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return 'help';
  const v = (name: keyof typeof FLAGS): string | undefined => {
    const given = values[name];
    return typeof given === 'string' ? given : env[FLAGS[name]];
  };
  const options: StartOptions = {};
  const version = v('aam-version');
  if (version !== undefined) {
    if (!isAamVersion(version)) throw new UsageError(`--aam-version must be one of ${AAM_VERSIONS.join(', ')}, got "${version}"`);
    options.aamVersion = version;
  }
  const port = v('port');
  options.port = port === undefined ? 8080 : integer('port', port, 0, 65535);
  options.host = v('host') ?? '127.0.0.1';
  const siteUrl = v('site-url');
  if (siteUrl !== undefined) options.siteUrl = siteUrl;
  const secret = v('secret');
  if (secret !== undefined) {
    if (secret === '') throw new UsageError('--secret cannot be empty');
    options.secret = secret;
  }
  const algorithm = v('algorithm');
  if (algorithm !== undefined) {
    const alg = algorithm.toUpperCase();
    if (!(SIGNING_ALGORITHMS as readonly string[]).includes(alg)) throw new UsageError(`--algorithm must be one of ${SIGNING_ALGORITHMS.join(', ')}`);
    options.algorithm = alg as SigningAlgorithm;
  }
  const priv = v('private-key');
  if (priv !== undefined) options.privateKeyPem = readText('private-key', priv);
  const pub = v('public-key');
  if (pub !== undefined) options.publicKeyPem = readText('public-key', pub);
  const ttl = v('ttl');
  if (ttl !== undefined) options.ttl = /^\d+$/.test(ttl) ? Number(ttl) : ttl;
  const size = v('registry-size');
  if (size !== undefined) options.registrySize = integer('registry-size', size, 1, 100000);
  const users = v('users');
  if (users !== undefined) {
    try {
      options.users = loadUsers(users);
    } catch (err) {
      throw new UsageError(`--users: ${(err as Error).message}`);
    }
  }
  if (values['wp-debug'] || env.AAM_MOCK_WP_DEBUG === '1') options.wpDebug = true;
  const latency = v('latency');
  const jitter = v('jitter');
  if (latency !== undefined || jitter !== undefined) {
    options.latency = { latencyMs: latency === undefined ? 0 : integer('latency', latency, 0, 600000), jitterMs: jitter === undefined ? 0 : integer('jitter', jitter, 0, 600000) };
  }
  return options;
}
