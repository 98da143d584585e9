import { parseArgs, type ParseArgsConfig } from 'node:util';

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

type FlagOptions = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends FlagOptions> = O & { help: { type: 'boolean'; short: 'h' } };
type FlagValues<O extends FlagOptions> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: O }>>['values'];

/** A bad-usage exit: `error: message` and the usage on stderr, exit code 2. */
export function usageError(message: string, usage: string): number {
  process.stderr.write(`error: ${message}\n${usage}`);
  return 2;
}

/**
 * A small CLI's flags (`parseArgs`, strict): their values, or the exit code when there is nothing to run —
 * 0 after printing `usage` for `--help`/`-h` (added to `options`), 2 for a flag it does not know ({@link usageError}).
 */
export function parseFlags<const O extends FlagOptions>(argv: readonly string[], options: O, usage: string): FlagValues<WithHelp<O>> | number {
  let values: FlagValues<WithHelp<O>>;
  try {
    ({ values } = parseArgs({ args: [...argv], strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O> }));
  } catch (err) {
    return usageError((err as Error).message, usage);
  }
  if ((values as { help?: boolean }).help === true) {
    process.stdout.write(usage);
    return 0;
  }
  return values;
}
