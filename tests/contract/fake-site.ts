import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

/** A request as a fake site sees it. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An answer (a JSON value is sent as application/json), or 'hang' (accept, never answer). */
export type FakeAnswer = { readonly status: number; readonly headers?: Record<string, string>; readonly body: unknown } | 'hang';

export interface FakeSite {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Requests received, in order. */
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

/** A small scriptable HTTP server on 127.0.0.1 and a free port, for sites that misbehave in one way. */
export async function startFakeSite(handle: (req: FakeRequest) => FakeAnswer): Promise<FakeSite> {
  const requests: FakeRequest[] = [];
  const server = createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://fake');
      const req: FakeRequest = { method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(req);
      const answer = handle(req);
      if (answer === 'hang') return;
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const type = typeof answer.body === 'string' ? 'text/html; charset=UTF-8' : 'application/json; charset=UTF-8';
      res.writeHead(answer.status, { 'Content-Type': type, ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound once, then closed). */
export async function closedPort(): Promise<number> {
  const site = await startFakeSite(() => ({ status: 200, body: {} }));
  await site.close();
  return site.port;
}

/** The AAM namespace indexes of a real site (tests/fixtures/sites/aam-<version>.index.json). */
export interface SiteIndexFixture {
  readonly version: string;
  readonly namespaces: string[];
  readonly views: { readonly anonymous: { readonly routes: Record<string, string[]> }; readonly administrator: { readonly routes: Record<string, string[]> } };
}

export function loadSiteIndex(version: string): SiteIndexFixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/sites/aam-${version}.index.json`, import.meta.url), 'utf8')) as SiteIndexFixture;
}

/** A JWT-shaped token (unsigned: only fake sites accept it). */
export function fakeToken(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'HS256' })}.${part(claims)}.c2lnbmF0dXJlLW9mLWEtZmFrZS1zaXRl`;
}

export interface FakeWordPressOptions {
  readonly namespaces: readonly string[];
  readonly anonymous: Readonly<Record<string, readonly string[]>>;
  /** Routes a request with `Authorization: Bearer <token>` sees. */
  readonly authorised: Readonly<Record<string, readonly string[]>>;
  readonly token: string;
  /** Any other request (token routes); default 404 rest_no_route. */
  readonly other?: (req: FakeRequest) => FakeAnswer | undefined;
}

const NO_ROUTE: FakeAnswer = { status: 404, body: { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } } };

/** A WordPress REST API that serves an index, AAM namespace indexes and (when listed) a validate route that accepts `token`. */
export function fakeWordPress(options: FakeWordPressOptions): (req: FakeRequest) => FakeAnswer {
  return (req) => {
    const authorised = req.headers.authorization === `Bearer ${options.token}`;
    const routes = authorised ? options.authorised : options.anonymous;
    if (req.path === '/wp-json/' || req.path === '/wp-json') return { status: 200, body: { namespaces: options.namespaces } };
    const namespace = /^\/wp-json\/(aam\/v2(?:\/service)?)\/?$/.exec(req.path)?.[1];
    if (namespace !== undefined && options.namespaces.includes(namespace)) {
      // Every namespace index answers the whole route map: the runner reads their union.
      return { status: 200, body: { namespace, routes: Object.fromEntries(Object.entries(routes).map(([route, methods]) => [route, { methods }])) } };
    }
    if (req.path === '/wp-json/aam/v2/jwt/validate' && req.method === 'POST' && options.anonymous['/aam/v2/jwt/validate'] !== undefined) {
      const sent = (JSON.parse(req.body === '' ? '{}' : req.body) as { jwt?: string }).jwt;
      return sent === options.token ? { status: 200, body: { isValid: true } } : { status: 400, body: { code: 'rest_jwt_validation_failure', reason: 'Invalid token signature' } };
    }
    return options.other?.(req) ?? NO_ROUTE;
  };
}
