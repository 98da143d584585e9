/**
 * The one place a command-line entry turns its outcome into an exit code: the exit code `main`
 * returns, or 1 with a one-line `error: CODE: message` (never a stack trace) when it throws.
 */
export function runMain(main: (argv: readonly string[]) => Promise<number>, argv: readonly string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const coded = err as { code?: unknown; message?: unknown };
      const code = typeof coded.code === 'string' ? `${coded.code}: ` : '';
      process.stderr.write(`error: ${code}${String(coded.message ?? err)}\n`);
      process.exitCode = 1;
    },
  );
}
