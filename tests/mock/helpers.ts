import { createHmac } from 'node:crypto';
import { after, beforeEach } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMock } from '../../mock/index.js';
import type { Mock, MockOptions } from '../../mock/index.js';

/** 2026-01-01T00:00:00Z: the frozen clock every test starts from. */
export const T0 = Date.UTC(2026, 0, 1) / 1000;
export const SECRET = 'test-secret';
export const SITE = 'http://127.0.0.1:8080';

export interface CallOptions {
  json?: unknown;
  raw?: string | Buffer;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  token?: string;
}
export interface Reply {
  status: number;
  body: string;
  headers: Headers;
  json(): any;
}

/** A mock behind a socket on 127.0.0.1:0 with an injected clock. */
export interface TestSite {
  mock: Mock;
  clock: { seconds: number };
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  close(): Promise<void>;
}

export async function openSite(options: MockOptions = {}): Promise<TestSite> {
  const clock = { seconds: T0 };
  const mock = createMock({ siteUrl: SITE, secret: SECRET, now: () => clock.seconds * 1000, ...options });
  const server = createServer(mock.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    mock, clock,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      let body: string | Buffer | undefined = o.raw;
      if (o.json !== undefined) {
        body = JSON.stringify(o.json);
        headers['Content-Type'] ??= 'application/json';
      }
      if (o.form) {
        body = new URLSearchParams(o.form).toString();
        headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
      }
      if (o.token) headers.Authorization = `Bearer ${o.token}`;
      const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
      const text = await res.text();
      return { status: res.status, body: text, headers: res.headers, json: () => JSON.parse(text) };
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Sign arbitrary claims (and header) with an HMAC secret, the way a forged or foreign token would be. */
export function forge(claims: unknown, options: { secret?: string; alg?: string; header?: string } = {}): string {
  const alg = options.alg ?? 'HS256';
  const enc = (s: string): string => Buffer.from(s).toString('base64url');
  const input = `${enc(options.header ?? JSON.stringify({ typ: 'JWT', alg }))}.${enc(typeof claims === 'string' ? claims : JSON.stringify(claims))}`;
  const hash = `sha${alg.slice(2)}`;
  const sig = createHmac(['sha256', 'sha384', 'sha512'].includes(hash) ? hash : 'sha256', options.secret ?? SECRET).update(input).digest('base64url');
  return `${input}.${sig}`;
}

/** Decode a token's header and payload (no verification). */
export function decode(token: string): { header: string; payload: string; claims: any } {
  const [h = '', p = ''] = token.split('.');
  const payload = Buffer.from(p, 'base64url').toString();
  return { header: Buffer.from(h, 'base64url').toString(), payload, claims: JSON.parse(payload) };
}

/** The `Set-Cookie` headers of a reply, as sent. */
export function setCookies(reply: Reply): string[] {
  return reply.headers.getSetCookie();
}

/** `name=value` of each cookie a reply sets (the last one of a name wins), the way a browser would keep them. */
export function cookiesOf(reply: Reply): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of setCookies(reply)) {
    const pair = line.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    jar[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return jar;
}

/** A `Cookie` request header from name → value pairs. */
export function cookieHeader(pairs: Record<string, string>): string {
  return Object.entries(pairs).map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A site opened afresh before every test of the file (and closed after it), with an admin login token. */
export interface SiteFixture {
  readonly site: TestSite;
  readonly admin: string;
  /** Close the current site and open another with these options added (e.g. `wpDebug`). */
  reopen(extra?: MockOptions): Promise<void>;
}

export function siteForEachTest(options: MockOptions = {}): SiteFixture {
  let current: TestSite | undefined;
  let admin = '';
  const fixture: SiteFixture = {
    get site() {
      if (current === undefined) throw new Error('no site yet: use the fixture inside a test');
      return current;
    },
    get admin() {
      return admin;
    },
    async reopen(extra = {}) {
      await current?.close();
      current = await openSite({ ...options, ...extra });
      admin = current.mock.issueToken('admin');
    },
  };
  beforeEach(() => fixture.reopen());
  after(() => current?.close());
  return fixture;
}

/** A serialized `WP_Error` body as AAM 7 answers its exceptions. */
export function aamError(code: string, message: string, status: number): string {
  return JSON.stringify({ errors: { [code]: [message] }, error_data: { [code]: { status } } });
}
