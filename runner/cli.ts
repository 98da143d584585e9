/**
 * npm run contract -- [--base-url URL (--token T | --username U --password P) --target-user-id N
 *                      [--unprivileged-username U --unprivileged-password P]] [--reports DIR] [--no-generate]
 * Thin CLI: parse argv, run, set the exit code (0 passed, 1 failed, 2 bad flags).
 */
import { parseRunnerArgs, UsageError, USAGE } from './parse-args.js';
import { runContract } from './run-contract.js';
import { runMain } from './run-main.js';

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseRunnerArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const { options } = command;
  const result = await runContract({
    target: options.target,
    ...(options.aamVersion === undefined ? {} : { aamVersion: options.aamVersion }),
    generate: options.generate,
    reportsDir: options.reportsDir,
    progress: true,
    log: (text) => process.stdout.write(text),
  });
  return result.exitCode;
}

runMain(main, process.argv.slice(2));
