import { JWT_PATTERN } from '../../runner/jwt-claims.js';
import { startFaultProxy } from '../mutation/fault-proxy.js';

export interface TokenRecorder {
  /** http://127.0.0.1:PORT, forwarding to the upstream site. */
  readonly url: string;
  /** Every JWT the site sent in an answer body or header (what a run was issued, and echoes of it). */
  tokens(): ReadonlySet<string>;
  /** The session token and HMAC of every WordPress auth cookie the site set (`login|expiration|token|hmac`). */
  cookieSecrets(): ReadonlySet<string>;
  /** Every request body the site received (to prove the secrets were on the wire). */
  requestBodies(): readonly string[];
  close(): Promise<void>;
}

/**
 * A proxy in front of a site that records, independently of the runner, every token and session cookie the
 * site hands out, so a test can search the runner's outputs for each of them. The upstream may be named later
 * (a mock whose site URL is the recorder's starts after it).
 */
export async function startTokenRecorder(upstream: string | (() => string)): Promise<TokenRecorder> {
  const tokens = new Set<string>();
  const cookies = new Set<string>();
  const bodies: string[] = [];
  const proxy = await startFaultProxy(upstream, {
    request: (req) => {
      bodies.push(req.body);
      return undefined;
    },
    response: (_req, answer) => {
      for (const token of `${answer.body}\n${JSON.stringify(answer.headers)}`.match(JWT_PATTERN) ?? []) tokens.add(token);
      for (const line of [answer.headers['set-cookie'] ?? []].flat()) {
        const value = /^wordpress_(?:sec_|logged_in_)?[0-9a-f]{32}=([^;]+)/.exec(line)?.[1];
        const parts = value === undefined ? [] : decodeURIComponent(value).split('|');
        for (const part of parts.slice(2)) if (part.length >= 16) cookies.add(part);
      }
      return undefined;
    },
  });
  return { url: proxy.url, tokens: () => tokens, cookieSecrets: () => cookies, requestBodies: () => bodies, close: () => proxy.close() };
}
