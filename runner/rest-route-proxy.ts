/**
 * For WordPress sites without pretty permalinks, whose REST API answers only at `/?rest_route=/…`: the
 * collection addresses `{{baseUrl}}/aam/v2/…`, which cannot be written as `?rest_route=` (the route's own query
 * string would end up inside `rest_route`). A local proxy on 127.0.0.1 (free port) maps `/wp-json/<route>?<query>`
 * to `<site>/?rest_route=/<route>&<query>`, bytes unchanged both ways; other paths go to `<site>/<path>`.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RestRouteProxy {
  /** The REST base to give the collection: `http://127.0.0.1:<port>/wp-json`. */
  readonly restUrl: string;
  close(): Promise<void>;
}

/** The upstream URL of a proxied request path (`/wp-json/aam/v2/jwts?user_id=3`). */
export function upstreamUrl(siteRoot: string, path: string): URL {
  const root = new URL(siteRoot);
  const [pathname = '/', query = ''] = path.split(/\?(.*)/s, 2);
  const rest = /^\/wp-json(\/.*)?$/i.exec(pathname);
  if (rest === null) return new URL(`${pathname.replace(/^\//, '')}${query === '' ? '' : `?${query}`}`, root);
  const target = new URL(root);
  target.search = `rest_route=${encodeURI(rest[1] ?? '/').replace(/[&#+]/g, encodeURIComponent)}${query === '' ? '' : `&${query}`}`;
  return target;
}

export async function startRestRouteProxy(siteRoot: string): Promise<RestRouteProxy> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = upstreamUrl(siteRoot, req.url ?? '/');
    const headers = { ...req.headers, host: target.host };
    delete headers.connection;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end('rest_route proxy: the site did not answer');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    restUrl: `http://127.0.0.1:${port}/wp-json`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
