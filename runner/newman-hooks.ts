/**
 * What the runner hooks into a Newman run:
 * - progress on the console, one line per request and one per failed assertion (Newman's own CLI reporter
 *   prints URLs, bodies and messages unredacted, so it is not used);
 * - redaction of the reports: after the JUnit and HTML reporters have rendered (their `beforeDone` handlers),
 *   and before Newman writes them, every export is passed through the redactor, so no file ever holds a secret;
 * - a handle to stop the run (Ctrl-C, the total time-out).
 */
import type { EventEmitter } from 'node:events';
import type { Redactor } from './redact.js';

export interface RunHandle {
  /** Stops the run after the current request; Newman then finishes (reports, summary) as usual. */
  abort(): void;
}

interface Named {
  readonly name?: string;
  parent?(): Named | undefined;
}

interface NewmanExport {
  content?: unknown;
}

/** Redacts every report Newman is about to write; returns the handle to stop the run. */
export function hookRun(emitter: EventEmitter, redactor: Redactor): RunHandle {
  let run: { abort?: () => void } | undefined;
  let abortRequested = false;
  emitter.on('start', (_err: unknown, args: { run?: { abort?: () => void } }) => {
    run = args.run;
    if (abortRequested) run?.abort?.();
    // Registered now, after the reporters (created before the run starts), so it runs after theirs.
    emitter.on('beforeDone', () => {
      const exports = (emitter as EventEmitter & { exports?: NewmanExport[] }).exports ?? [];
      for (const item of exports) if (typeof item.content === 'string') item.content = redactor.redact(item.content);
    });
  });
  return {
    abort() {
      abortRequested = true;
      run?.abort?.();
    },
  };
}

interface RequestArgs {
  readonly item?: Named;
  readonly request?: { readonly method?: string; readonly url?: { getPath?(): string } };
  readonly response?: { readonly code?: number; readonly responseTime?: number };
}

/** Prints progress through `write` (which redacts). */
export function printProgress(emitter: EventEmitter, write: (text: string) => void): void {
  let folder: string | undefined;
  let failed: string[] = [];
  let passed = 0;
  emitter.on('beforeItem', (_err: unknown, args: { item?: Named }) => {
    const parent = args.item?.parent?.()?.name;
    if (parent !== undefined && parent !== folder) {
      folder = parent;
      write(`\n${parent}\n`);
    }
    failed = [];
    passed = 0;
  });
  emitter.on('assertion', (err: { message?: string } | null, args: { assertion?: string; skipped?: boolean }) => {
    if (args.skipped === true) return;
    if (err === null || err === undefined) passed += 1;
    else failed.push(`      ✗ ${args.assertion ?? 'assertion'}${err.message !== undefined && err.message !== args.assertion ? `: ${err.message}` : ''}`);
  });
  emitter.on('request', (err: { message?: string } | null, args: RequestArgs) => {
    const method = args.request?.method ?? '';
    const path = args.request?.url?.getPath?.() ?? '';
    const status = err === null || err === undefined ? `${args.response?.code ?? '?'} (${args.response?.responseTime ?? '?'} ms)` : `no answer: ${err.message ?? 'error'}`;
    write(`  → ${args.item?.name ?? ''}  ${method} ${path} → ${status}\n`);
  });
  emitter.on('item', () => {
    if (failed.length > 0) write(`    ${passed} passed, ${failed.length} failed\n${failed.join('\n')}\n`);
  });
  emitter.on('console', (_err: unknown, args: { messages?: unknown[] }) => {
    write(`    console: ${(args.messages ?? []).map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}\n`);
  });
}
