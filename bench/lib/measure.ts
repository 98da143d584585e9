/**
 * Runs one child process and measures its wall time and peak resident set size.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the kernel's ru_maxrss of the child, in KiB)
 * when it exists; otherwise from polling `/proc/<pid>/status` VmHWM every 10 ms (can miss a very
 * short-lived peak, never over-reports).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';

export interface MeasureRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the child (SIGKILL) after this many ms. */
  readonly timeoutMs: number;
}

export interface Measurement {
  readonly wallMs: number;
  /** Peak RSS in KiB; NaN when it could not be read. */
  readonly peakRssKib: number;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** Last 4 KiB of stderr, for failure reports. */
  readonly stderrTail: string;
  /** Last 4 KiB of stdout (some tools, e.g. Portman, report errors there). */
  readonly stdoutTail: string;
  readonly method: 'gnu-time' | 'proc-vmhwm';
  /** CPU time (user + system) of the child and the children it waited for, ms; NaN without GNU time. */
  readonly cpuMs: number;
}

/** Parses the value of `VmHWM:` from a /proc/<pid>/status text, in KiB. */
export function parseVmHwm(status: string): number {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}

/** Parses the `%M` line GNU time wrote (the last non-empty line is the number, in KiB). */
export function parseGnuTimeOutput(text: string): number {
  const lines = text.trim().split('\n');
  const last = lines[lines.length - 1]?.trim() ?? '';
  return /^\d+$/.test(last) ? Number(last) : Number.NaN;
}

/** Parses the `%M %U %S` line GNU time wrote: peak RSS (KiB) and CPU time (user + system, ms). */
export function parseGnuTimeUsage(text: string): { peakRssKib: number; cpuMs: number } {
  const lines = text.trim().split('\n');
  const match = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(lines[lines.length - 1]?.trim() ?? '');
  if (match === null) return { peakRssKib: Number.NaN, cpuMs: Number.NaN };
  return { peakRssKib: Number(match[1]), cpuMs: Math.round((Number(match[2]) + Number(match[3])) * 1000) };
}

/** Whether measurements go through GNU time on this machine. */
export function measureMethod(): Measurement['method'] {
  return existsSync(GNU_TIME) ? 'gnu-time' : 'proc-vmhwm';
}

/**
 * The most telling line of a failed tool's output: ANSI colours removed, the last line that mentions an
 * error, else the last non-decorative line.
 */
export function failureLine(output: string): string {
  const lines = output
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[=\-─]+$/.test(l));
  const errorLine = [...lines].reverse().find((l) => /Error\b|\berror:/.test(l));
  return (errorLine ?? lines[lines.length - 1] ?? '').slice(0, 240);
}

/** SIGKILLs a whole process group, ignoring a group that is already gone. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already exited
  }
}

export async function measureProcess(request: MeasureRequest): Promise<Measurement> {
  const method = measureMethod();
  const scratch = mkdtempSync(join(tmpdir(), 'bench-measure-'));
  const timeFile = join(scratch, 'time.txt');
  const [command, args] =
    method === 'gnu-time'
      ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, request.command, ...request.args]]
      : [request.command, [...request.args]];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: request.cwd,
    env: request.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // own process group, so a timeout kills GNU time *and* the measured program
    detached: true,
  });
  let stderr = '';
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-4096);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  let polledPeak = Number.NaN;
  const poll =
    method === 'proc-vmhwm'
      ? setInterval(() => {
          try {
            const value = parseVmHwm(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (Number.isFinite(value)) polledPeak = Number.isFinite(polledPeak) ? Math.max(polledPeak, value) : value;
          } catch {
            // the process has exited between two polls
          }
        }, 10)
      : undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, request.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  }).finally(() => {
    clearTimeout(timer);
    if (poll !== undefined) clearInterval(poll);
  });
  const wallMs = performance.now() - started;
  let peakRssKib = polledPeak;
  let cpuMs = Number.NaN;
  if (method === 'gnu-time' && existsSync(timeFile)) {
    ({ peakRssKib, cpuMs } = parseGnuTimeUsage(readFileSync(timeFile, 'utf8')));
  } else if (method === 'gnu-time') {
    peakRssKib = Number.NaN;
  }
  rmSync(scratch, { recursive: true, force: true });
  return { wallMs, peakRssKib, exitCode, timedOut, stderrTail: stderr, stdoutTail: stdout, method, cpuMs };
}
