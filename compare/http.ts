/** Send one request byte for byte (raw path, header order, body) and read the whole answer. */
import { request } from 'node:http';
import type { Answer } from './types.js';

export interface RawRequest {
  method: string;
  /** path and query, sent as is */
  target: string;
  headers: [string, string][];
  body: Buffer | null;
}

/** Send `req` to `origin` (http://host:port); never rejects: transport failures come back as `error`. */
export function send(origin: string, req: RawRequest, timeoutMs = 30_000): Promise<Answer> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const flat: string[] = ['Host', url.host];
    for (const [k, v] of req.headers) flat.push(k, v);
    if (req.body !== null) flat.push('Content-Length', String(req.body.length));
    flat.push('Connection', 'close');
    let settled = false;
    const done = (a: Answer): void => {
      if (settled) return;
      settled = true;
      resolve(a);
    };
    let r;
    try {
      r = request({ host: url.hostname, port: url.port, method: req.method, path: req.target, headers: flat, setHost: false, agent: false, insecureHTTPParser: true }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
          done({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', (err) => done({ status: 0, headers: [], body: Buffer.alloc(0), error: err.message }));
      });
    } catch (err) {
      done({ status: 0, headers: [], body: Buffer.alloc(0), error: (err as Error).message });
      return;
    }
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    r.on('error', (err) => done({ status: 0, headers: [], body: Buffer.alloc(0), error: err.message }));
    r.end(req.body ?? undefined);
  });
}
