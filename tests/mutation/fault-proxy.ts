import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProxiedRequest, ProxiedResponse } from './exchange.js';
import type { FaultHandler } from './fault-model.js';

export interface FaultProxy {
  /** http://127.0.0.1:PORT (append /wp-json for the REST root). */
  readonly url: string;
  /** How many exchanges the fault changed (request or answer). */
  altered(): number;
  /** Messages of fault handlers that threw (each such answer was a 502). */
  errors(): readonly string[];
  close(): Promise<void>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length'];

function stripHopHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy: IncomingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

function readBody(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

function forward(target: URL, req: ProxiedRequest): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...stripHopHeaders(req.headers), host: target.host, 'content-length': String(Buffer.byteLength(req.body)) };
    const outgoing = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (upstream) => {
      readBody(upstream).then((body) => resolve({ status: upstream.statusCode ?? 502, headers: upstream.headers, body }), reject);
    });
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/**
 * A deliberately broken site for tests: forwards every request to `upstream` (the mock) and lets the
 * fault rewrite the request before, and the answer after. Binds 127.0.0.1 on a free port.
 */
export async function startFaultProxy(
  upstream: string | (() => string),
  handler: FaultHandler,
  routeOf: (req: ProxiedRequest) => string | undefined = () => undefined,
): Promise<FaultProxy> {
  // the upstream may be named later (a mock whose site URL is this proxy's URL starts after it)
  const targetOf = (): URL => new URL(typeof upstream === 'string' ? upstream : upstream());
  let altered = 0;
  const errors: string[] = [];
  const server: Server = createServer((incoming, res) => {
    const answer = (out: ProxiedResponse): void => {
      res.writeHead(out.status, { ...stripHopHeaders(out.headers), 'content-length': String(Buffer.byteLength(out.body)) });
      res.end(out.body);
    };
    const exchange = async (): Promise<ProxiedResponse> => {
      const received: ProxiedRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: incoming.headers, body: await readBody(incoming) };
      let changed = false;
      const rewritten = handler.request?.(received, routeOf(received));
      if (rewritten !== undefined) changed = true;
      const sent = rewritten ?? received;
      const upstreamAnswer = await forward(targetOf(), sent);
      const alteredAnswer = handler.response?.(sent, upstreamAnswer, routeOf(sent));
      if (alteredAnswer !== undefined) changed = true;
      if (changed) altered += 1;
      return alteredAnswer ?? upstreamAnswer;
    };
    exchange().then(answer, (err: unknown) => {
      errors.push(err instanceof Error ? err.message : String(err));
      answer({ status: 502, headers: { 'content-type': 'text/plain' }, body: 'fault proxy error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    altered: () => altered,
    errors: () => errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
