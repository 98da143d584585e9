/**
 * Watches a Newman run for what it does to the site: the tokens it is issued (every JWT in a 2xx answer to a
 * POST, PUT or PATCH — logins, creates, refreshes; lists and gets only echo tokens, and may echo someone else's —
 * whose `iat` is not older than the run), its successful logins (each one opens a WordPress login session), the
 * session cookies it is sent (those sessions the runner can end again), and logins that never got an answer
 * (the run stopped while they were in flight). Holds tokens only in memory, to revoke them.
 */
import type { EventEmitter } from 'node:events';
import { isObject } from '../generators/lib/type-checks.js';
import { JWT_PATTERN, readClaims } from './jwt-claims.js';

export interface IssuedToken {
  readonly token: string;
  readonly userId: string | undefined;
  readonly jti: string | undefined;
}

export interface RunObservations {
  /** Tokens issued during the run, in the order first seen. */
  readonly issued: readonly IssuedToken[];
  /** Successful logins per user id (`?` when the answer did not say). */
  readonly logins: ReadonlyMap<string, number>;
  /** `wordpress_logged_in_<hash>=value` cookies the site sent, one per login session the runner can end. */
  readonly sessionCookies: readonly string[];
  /** Sessions opened by answers that were no login (e.g. a `?aam-jwt=` login link). */
  readonly cookieOnlySessions: number;
  /** Login requests sent without an answer. */
  readonly unansweredLogins: number;
}

interface NewmanHeader {
  readonly key: string;
  readonly value: string;
}

interface RequestEventArgs {
  readonly request?: {
    readonly method?: string;
    readonly url?: { toString(): string };
    readonly headers?: { get?(name: string): string | undefined };
  };
  readonly response?: { readonly code?: number; readonly stream?: Buffer; readonly headers?: { all?(): NewmanHeader[] } };
}

const LOGIN_PATH = /\/aam\/v[12]\/authenticate(?:[/?#]|$)/i;

/**
 * Subscribes to `emitter` (a Newman run) and returns the live observations. `since` is the earliest `iat`
 * (epoch seconds, the site's clock) a token may have to count as issued by the run.
 */
export function observeRun(emitter: EventEmitter, since: number): RunObservations {
  const issued = new Map<string, IssuedToken>();
  const logins = new Map<string, number>();
  const cookies = new Set<string>();
  let cookieOnly = 0;
  let pendingLogins = 0;
  let unanswered = 0;
  emitter.on('beforeRequest', (_err: unknown, args: RequestEventArgs) => {
    if (LOGIN_PATH.test(args.request?.url?.toString() ?? '')) pendingLogins += 1;
  });
  emitter.on('request', (_err: unknown, args: RequestEventArgs) => {
    const isLogin = LOGIN_PATH.test(args.request?.url?.toString() ?? '');
    if (isLogin) pendingLogins = Math.max(0, pendingLogins - 1);
    const response = args.response;
    if (response?.code === undefined) {
      if (isLogin) unanswered += 1;
      return;
    }
    const text = response.stream?.toString('utf8') ?? '';
    const issuing = ISSUING.has(effectiveMethod(args)) && response.code >= 200 && response.code < 300;
    for (const token of issuing ? (text.match(JWT_PATTERN) ?? []) : []) {
      const claims = readClaims(token);
      if (issued.has(token) || claims === undefined || (claims.iat ?? 0) < since) continue;
      issued.set(token, { token, userId: claims.userId, jti: claims.jti });
    }
    for (const header of response.headers?.all?.() ?? []) {
      if (header.key.toLowerCase() !== 'set-cookie') continue;
      const match = /^wordpress_logged_in_[0-9a-f]{32}=([^;]+)/.exec(header.value);
      const pair = header.value.split(';', 1)[0] ?? '';
      if (match?.[1] === undefined || match[1] === 'deleted' || match[1].trim() === '' || cookies.has(pair)) continue;
      cookies.add(pair);
      if (!(isLogin && signedOn(response.code, text))) cookieOnly += 1;
    }
    if (isLogin && signedOn(response.code, text)) {
      const user = loginUser(text);
      logins.set(user, (logins.get(user) ?? 0) + 1);
    }
  });
  return {
    get issued() {
      return [...issued.values()];
    },
    logins,
    get sessionCookies() {
      return [...cookies];
    },
    get cookieOnlySessions() {
      return cookieOnly;
    },
    get unansweredLogins() {
      return unanswered + pendingLogins;
    },
  };
}

const ISSUING = new Set(['POST', 'PUT', 'PATCH']);

/** The method WordPress serves: `X-HTTP-Method-Override` or `_method` win over the request's own. */
function effectiveMethod(args: RequestEventArgs): string {
  const override = args.request?.headers?.get?.('X-HTTP-Method-Override');
  const query = /[?&]_method=([A-Za-z]+)/.exec(args.request?.url?.toString() ?? '')?.[1];
  return (override ?? query ?? args.request?.method ?? 'GET').toUpperCase();
}

/**
 * Whether WordPress signed the user on (and so created a login session): a 200, or AAM 6.9's refusal of a
 * refreshable token (400 `{"reason":…}` without a `code`), which comes after `wp_signon()` succeeded.
 */
function signedOn(status: number, text: string): boolean {
  if (status === 200) return true;
  if (status !== 400) return false;
  try {
    const body = JSON.parse(text) as unknown;
    return isObject(body) && typeof body.reason === 'string' && body.code === undefined;
  } catch {
    return false;
  }
}

/** The user id of a login answer: `{user:{data:{ID}}}` (6.9.x) or `{ID}` (7.x). */
function loginUser(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (!isObject(body)) return '?';
    const data = isObject(body.user) && isObject(body.user.data) ? body.user.data : body;
    return typeof data.ID === 'number' || typeof data.ID === 'string' ? String(data.ID) : '?';
  } catch {
    return '?';
  }
}
