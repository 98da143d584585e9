/**
 * Starts a server in a child process and waits, event-driven, for a line on its stdout that proves it
 * is ready (bounded by a timeout). The child gets its own process group so stop() ends it entirely.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { BenchError } from './errors.js';
import { killGroup } from './measure.js';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The line that matched `ready`. */
  readonly readyLine: string;
  stop(): void;
}

export interface ServerRequest {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Returns true for the stdout line that signals readiness. */
  readonly ready: (line: string) => boolean;
  readonly timeoutMs: number;
}

export function startServerProcess(request: ServerRequest): Promise<ServerProcess> {
  const child = spawn(request.command, [...request.args], {
    cwd: request.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stop = (): void => killGroup(child.pid);
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      stop();
      reject(new BenchError('ERR_BENCH_SERVER', `${request.name} did not start: ${why}${stderr === '' ? '' : ` — ${stderr.trim().slice(-300)}`}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${request.timeoutMs} ms`), request.timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.stdout.setEncoding('utf8');
    const onData = (chunk: string): void => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (request.ready(line)) {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          child.stdout.resume(); // keep draining so a chatty server never blocks on a full pipe
          child.off('exit', onExit);
          resolve({ child, readyLine: line, stop });
          return;
        }
      }
    };
    const onExit = (code: number | null): void => fail(`exited with code ${String(code)}`);
    child.stdout.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => fail(error.message));
  });
}
