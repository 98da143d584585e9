/**
 * Live progress of a fleet: one line per site (queued / preflight / running step k of n / cleaning up /
 * passed / FAILED / UNREACHABLE …). On a terminal the lines are redrawn in place; in CI logs (not a TTY, or
 * `CI` set) each change worth reading is printed once as a plain line. The text is pure (phases in, lines
 * out); the two boards only decide when and how to write it. Lines carry no secret (names, counts, the
 * redacted one-line reasons).
 */
import { STATUS_LABEL, type SitePhase } from './fleet-model.js';

export interface ProgressBoard {
  update(index: number, phase: SitePhase): void;
  /** Writes what is pending; the board writes nothing after this. */
  close(): void;
}

/** `running step 12 of 160`, `FAILED: 160 requests, …` */
export function phaseText(phase: SitePhase): string {
  switch (phase.kind) {
    case 'queued':
      return 'queued';
    case 'preflight':
      return 'preflight (reachability, AAM, credentials, generation)';
    case 'running':
      return `running step ${phase.step} of ${phase.total}`;
    case 'cleanup':
      return 'cleaning up the site';
    case 'done':
      return `${STATUS_LABEL[phase.status]}: ${phase.summary}`;
  }
}

/** The board's lines: the names padded to one column, each line cut to `width` characters (no wrapping). */
export function boardLines(names: readonly string[], phases: readonly SitePhase[], width: number): string[] {
  const column = Math.max(...names.map((name) => name.length));
  return names.map((name, i) => cut(`${name.padEnd(column)}  ${phaseText(phases[i] ?? { kind: 'queued' })}`, width));
}

function cut(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, Math.max(0, width - 1))}…`;
}

/** Redraws every site's line in place (ANSI: cursor up, clear line); one redraw per burst of updates. */
export function createTtyBoard(write: (text: string) => void, names: readonly string[], columns: () => number): ProgressBoard {
  const phases: SitePhase[] = names.map(() => ({ kind: 'queued' }));
  let drawn = 0;
  let shown: string[] = [];
  let pending = false;
  let closed = false;
  const draw = (): void => {
    pending = false;
    const lines = boardLines(names, phases, Math.max(20, columns() - 1));
    if (lines.every((line, i) => line === shown[i])) return;
    const up = drawn > 0 ? `\u001b[${drawn}A` : '';
    write(`${up}${lines.map((line) => `\r\u001b[2K${line}\n`).join('')}`);
    drawn = lines.length;
    shown = lines;
  };
  draw();
  return {
    update(index, phase) {
      if (closed) return;
      phases[index] = phase;
      if (!pending) {
        pending = true;
        setImmediate(() => {
          if (!closed) draw();
        });
      }
    },
    close() {
      if (!closed) draw();
      closed = true;
    },
  };
}

/** Prints a plain line when a site changes phase, and at every quarter of its steps (not every step). */
export function createPlainBoard(write: (text: string) => void, names: readonly string[]): ProgressBoard {
  const column = Math.max(...names.map((name) => name.length));
  const last: SitePhase[] = names.map(() => ({ kind: 'queued' }));
  let closed = false;
  write(`${names.length} site${names.length === 1 ? '' : 's'} queued: ${names.join(', ')}\n`);
  return {
    update(index, phase) {
      if (closed) return;
      const before = last[index];
      last[index] = phase;
      if (!worthALine(before, phase)) return;
      write(`${(names[index] ?? '').padEnd(column)}  ${phaseText(phase)}\n`);
    },
    close() {
      closed = true;
    },
  };
}

/** A new phase, the first step, or a step that crosses a quarter of the run. */
export function worthALine(before: SitePhase | undefined, phase: SitePhase): boolean {
  if (phase.kind !== 'running') return before?.kind !== phase.kind || phase.kind === 'done';
  if (before?.kind !== 'running') return true;
  const quarter = (step: number): number => Math.floor((step * 4) / Math.max(1, phase.total));
  return quarter(phase.step) > quarter(before.step) && phase.step < phase.total;
}
