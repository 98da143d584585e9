import { JWT_PATTERN } from '../../runner/jwt-claims.js';
import { startFaultProxy } from '../mutation/fault-proxy.js';

export interface TokenRecorder {
  /** http://127.0.0.1:PORT, forwarding to the upstream site. */
  readonly url: string;
  /** Every JWT the site sent in an answer body or header (what a run was issued, and echoes of it). */
  tokens(): ReadonlySet<string>;
  /** Every request body the site received (to prove the secrets were on the wire). */
  requestBodies(): readonly string[];
  close(): Promise<void>;
}

/**
 * A proxy in front of a site that records, independently of the runner, every token the site hands out,
 * so a test can search the runner's outputs for each of them.
 */
export async function startTokenRecorder(upstream: string): Promise<TokenRecorder> {
  const tokens = new Set<string>();
  const bodies: string[] = [];
  const proxy = await startFaultProxy(upstream, {
    request: (req) => {
      bodies.push(req.body);
      return undefined;
    },
    response: (_req, res) => {
      for (const token of `${res.body}\n${JSON.stringify(res.headers)}`.match(JWT_PATTERN) ?? []) tokens.add(token);
      return undefined;
    },
  });
  return { url: proxy.url, tokens: () => tokens, requestBodies: () => bodies, close: () => proxy.close() };
}
