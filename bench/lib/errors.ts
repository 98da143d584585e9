/** Typed errors of the benchmark harness; each carries a stable string `code`. */

export type BenchErrorCode =
  | 'ERR_BENCH_ARGS'
  | 'ERR_BENCH_INSTALL'
  | 'ERR_BENCH_SPAWN'
  | 'ERR_BENCH_SERVER';

export class BenchError extends Error {
  readonly code: BenchErrorCode;
  constructor(code: BenchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchError';
    this.code = code;
  }
}
