import { DEFAULT_BEARER } from './aam/context.js';
import type { AamContext, BearerConfig } from './aam/context.js';
import { JwtManager } from './jwt/manager.js';
import { AAM_VERSIONS, DEFAULT_AAM_VERSION, isAamVersion } from './generations/index.js';
import type { AamVersion } from './generations/index.js';
import { createKeys } from './jwt/keys.js';
import type { SigningAlgorithm } from './jwt/keys.js';
import { defaultSalts, unusableSalt } from './wp/salts.js';
import type { WpSalts } from './wp/salts.js';
import { SessionTokens } from './wp/session-tokens.js';
import { UserOptions } from './wp/user-options.js';
import { UserStore, checkUsers, loadUsers } from './wp/users.js';
import type { UserRecord } from './wp/users.js';

/** Options of `createMock()` / `startMock()` (the fixed public API, plus `bearer`). */
export interface MockOptions {
  /** the AAM generation to answer as (default 6.9.32, the seed's API) */
  aamVersion?: AamVersion;
  /** default: the URL the server listens on, e.g. http://127.0.0.1:8080 (iss claim, signed_url, Link header) */
  siteUrl?: string;
  /** the site title (`blogname`); default `AAM <version> test site`, as the reference sites are named */
  blogName?: string;
  /** HS* signing secret (stands for WP's SECURE_AUTH_KEY) */
  secret?: string;
  /**
   * the keys and salts of wp-config.php (auth cookies, nonces); each defaults to `aam-mock-<name>`, and
   * `SECURE_AUTH_KEY` to the secret. They must differ from each other, as WordPress ignores repeated ones.
   */
  salts?: Partial<WpSalts>;
  algorithm?: SigningAlgorithm;
  /** PEM text; the CLI reads them from --private-key/--public-key files */
  privateKeyPem?: string;
  publicKeyPem?: string;
  /** service.jwt.expires_in, default '+24 hours'; a number = seconds */
  ttl?: string | number;
  /** service.jwt.registry_size, default 10 */
  registrySize?: number;
  /** service.jwt.is_revocable, default true */
  isRevocableDefault?: boolean;
  /** default: mock/fixtures/users.json */
  users?: UserRecord[];
  /** injectable clock, epoch milliseconds; default Date.now */
  now?: () => number;
  /** WP_DEBUG (default false) */
  wpDebug?: boolean;
  /** service.jwt.bearer and the transport names (default: AAM's defaults) */
  bearer?: Partial<BearerConfig>;
  /** the HTML page served at /docs (not a WordPress route); default: none (404 saying how to build it) */
  docsFile?: string;
}

export const DEFAULT_SITE_URL = 'http://127.0.0.1:8080';
/** A fixed default secret, so tokens printed by one run keep working in the next. */
export const DEFAULT_SECRET = 'aam-mock-secure-auth-key';
export const DEFAULT_TTL = '+24 hours';

export class MockConfigError extends Error {
  readonly code = 'ERR_MOCK_CONFIG';
}

/** Resolve options once into the complete context every layer reads. */
export function resolveContext(options: MockOptions = {}): AamContext {
  const now = options.now ?? Date.now;
  const siteUrl = (options.siteUrl ?? DEFAULT_SITE_URL).replace(/\/+$/, '');
  try {
    new URL(siteUrl);
  } catch {
    throw new MockConfigError(`invalid site URL: ${siteUrl}`);
  }
  const aamVersion = options.aamVersion ?? DEFAULT_AAM_VERSION;
  if (!isAamVersion(aamVersion)) throw new MockConfigError(`unknown AAM version: ${String(aamVersion)} (known: ${AAM_VERSIONS.join(', ')})`);
  const registrySize = options.registrySize ?? 10;
  if (!Number.isInteger(registrySize) || registrySize < 1) throw new MockConfigError('registrySize must be a positive integer');
  const keys = createKeys(options.algorithm ?? 'HS256', options.secret ?? DEFAULT_SECRET, options.privateKeyPem, options.publicKeyPem);
  const users = new UserStore(options.users ? checkUsers(options.users) : loadUsers());
  const salts: WpSalts = { ...defaultSalts(options.secret ?? DEFAULT_SECRET), ...options.salts };
  const repeated = unusableSalt(salts);
  if (repeated !== undefined) throw new MockConfigError(`salts: ${repeated} is empty or repeats another key (WordPress would not use it)`);
  return {
    aamVersion,
    users,
    userOptions: new UserOptions(),
    jwt: new JwtManager({ keys, siteUrl, ttl: options.ttl ?? DEFAULT_TTL, now }),
    siteUrl,
    blogName: options.blogName ?? `AAM ${aamVersion} test site`,
    registrySize,
    isRevocableDefault: options.isRevocableDefault ?? true,
    wpDebug: options.wpDebug ?? false,
    bearer: { ...DEFAULT_BEARER, ...options.bearer },
    now,
    salts,
    sessions: new SessionTokens(() => Math.floor(now() / 1000)),
    userExpirations: new Map(),
  };
}
