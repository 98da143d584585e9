import { startFaultProxy } from '../mutation/fault-proxy.js';

/** One answer as the proxy sees it; `alter` may return a changed copy. */
export interface ProxiedAnswer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: string;
}

export interface AlteringProxy {
  readonly url: string;
  /** How many answers `alter` changed. */
  altered(): number;
  close(): Promise<void>;
}

/**
 * A deliberately broken server for tests: forwards every request to `upstream` and lets `alter`
 * rewrite the status and body of the answer (headers are kept, Content-Length recomputed).
 * Binds 127.0.0.1 on a free port. A thin adapter over the fault-injection proxy (tests/mutation).
 */
export async function startAlteringProxy(
  upstream: string | (() => string),
  alter: (answer: ProxiedAnswer) => { status: number; body: string } | undefined,
): Promise<AlteringProxy> {
  const proxy = await startFaultProxy(upstream, {
    response: (req, res) => {
      const changed = alter({ method: req.method, path: req.url, status: res.status, body: res.body });
      return changed === undefined ? undefined : { status: changed.status, headers: res.headers, body: changed.body };
    },
  });
  return { url: proxy.url, altered: () => proxy.altered(), close: () => proxy.close() };
}
