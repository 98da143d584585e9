import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createMock } from './app.js';
import type { MockOptions } from './config.js';
import type { AamVersion } from './generations/index.js';
import { createLatency } from './latency.js';
import type { LatencyOptions } from './latency.js';

/** A mock listening on a socket. */
export interface RunningMock {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/wp-json' */
  restUrl: string;
  /** the AAM generation it answers as */
  aamVersion: AamVersion;
  /** a ready bearer token per user login */
  tokens: Record<string, string>;
  close(): Promise<void>;
}

export interface StartOptions extends MockOptions {
  /** default 8080; 0 picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** simulated network latency per request (see latency.ts); default none */
  latency?: LatencyOptions;
}

/** Start the mock on `host:port`; the site URL defaults to the address it listens on. */
export async function startMock(options: StartOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer();
  // like PHP's built-in server (the reference sites), a request that cannot be parsed is dropped unanswered
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const { port: _p, host: _h, latency: latencyOptions, ...mockOptions } = options;
  let mock;
  let latency;
  try {
    mock = createMock({ ...mockOptions, siteUrl: options.siteUrl ?? url });
    latency = latencyOptions === undefined || latencyOptions.latencyMs === 0 && (latencyOptions.jitterMs ?? 0) === 0 ? undefined : createLatency(latencyOptions);
  } catch (err) {
    server.close();
    throw err;
  }
  const handle = mock.handle;
  if (latency === undefined) server.on('request', handle);
  else server.on('request', (req, res) => void latency.wait().then(() => handle(req, res)));
  const tokens: Record<string, string> = {};
  for (const user of mockOptions.users ?? (await import('./wp/users.js')).loadUsers()) tokens[user.login] = mock.issueToken(user.login);
  return {
    url,
    restUrl: `${url}/wp-json`,
    aamVersion: mock.aamVersion,
    tokens,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
