/**
 * Long-lived corpus converter, forked by sections/corpus.ts with an IPC channel.
 * Receives `{ index, path }`, converts the document with the tool named in argv[2] ('ours' or
 * 'openapi-to-postmanv2'), validates the result against the v2.1 schema, and replies with a CorpusReply.
 * Conversion time excludes validation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createCollectionValidator } from '../lib/validate-collection.js';
import { loadGenerator } from './load-generator.js';
import type { GeneratorApi } from './load-generator.js';

export interface CorpusRequest {
  readonly index: number;
  readonly path: string;
}

export interface CorpusReply {
  readonly index: number;
  readonly status: 'valid' | 'invalid' | 'failed';
  readonly ms: number;
  readonly reason: string;
}

interface O2pStatus {
  result: boolean;
  reason?: string;
  output: { data: unknown }[];
}
interface O2p {
  convertV2(input: { type: 'string'; data: string }, options: object, cb: (error: Error | null, status: O2pStatus) => void): void;
}

type Convert = (path: string) => Promise<string>;

function o2pConverter(): Convert {
  const require = createRequire(import.meta.url);
  const o2p = require('openapi-to-postmanv2') as O2p;
  return (path) =>
    new Promise((resolve, reject) => {
      o2p.convertV2({ type: 'string', data: readFileSync(path, 'utf8') }, {}, (error, status) => {
        if (error) return reject(error);
        if (!status.result) return reject(new Error(status.reason ?? 'conversion failed'));
        resolve(JSON.stringify(status.output[0]?.data));
      });
    });
}

function oursConverter(api: GeneratorApi): Convert {
  return async (path) => api.serializeJson(await api.generateCollection(await api.loadSpec(path)));
}

function describe(error: unknown): string {
  const err = error as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? `${err.code}: ` : '';
  return `${code}${String(err.message ?? error)}`.replace(/\s+/g, ' ').slice(0, 300);
}

const tool = process.argv[2];
const convert: Convert = tool === 'ours' ? oursConverter(await loadGenerator()) : o2pConverter();
const validate = createCollectionValidator();
// Converters may log noisily; keep the parent's terminal clean.
console.log = () => undefined;
console.warn = () => undefined;
console.info = () => undefined;

process.on('message', (message: CorpusRequest) => {
  void (async () => {
    const started = performance.now();
    let reply: CorpusReply;
    try {
      const text = await convert(message.path);
      const ms = performance.now() - started;
      const validity = validate(JSON.parse(text));
      reply = { index: message.index, status: validity.valid ? 'valid' : 'invalid', ms, reason: validity.reason };
    } catch (error) {
      reply = { index: message.index, status: 'failed', ms: performance.now() - started, reason: describe(error) };
    }
    process.send?.(reply);
  })();
});
process.send?.({ ready: true });
