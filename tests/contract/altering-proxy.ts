import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
 * Binds 127.0.0.1 on a free port.
 */
export async function startAlteringProxy(
  upstream: string,
  alter: (answer: ProxiedAnswer) => { status: number; body: string } | undefined,
): Promise<AlteringProxy> {
  let count = 0;
  const target = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (upstreamRes) => {
          const body: Buffer[] = [];
          upstreamRes.on('data', (chunk: Buffer) => body.push(chunk));
          upstreamRes.on('end', () => {
            const answer: ProxiedAnswer = { method: req.method ?? 'GET', path: req.url ?? '/', status: upstreamRes.statusCode ?? 500, body: Buffer.concat(body).toString('utf8') };
            const changed = alter(answer);
            if (changed !== undefined) count += 1;
            const out = changed ?? answer;
            const headers: IncomingHttpHeaders = { ...upstreamRes.headers, 'content-length': String(Buffer.byteLength(out.body)) };
            delete headers['transfer-encoding'];
            res.writeHead(out.status, headers);
            res.end(out.body);
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    altered: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
