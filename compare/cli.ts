/**
 * npm run compare -- --a URL|mock --b URL|mock [--aam-version V] [--seed N] [--count N] …
 * Thin CLI over `runCompare()`; `main(argv)` is exported for the `aam-jwt compare` subcommand.
 * Exit 0 (thresholds met or none given), 1 (below a threshold or failed), 2 (bad flags).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runMain } from '../runner/run-main.js';
import { parseCompareArgs, USAGE, UsageError } from './cli-args.js';
import { htmlReport, textReport } from './report.js';
import { runCompare } from './run.js';

export async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCompareArgs(argv);
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
  const tty = process.stderr.isTTY === true && !options.quiet;
  const result = await runCompare({
    ...options.compare,
    onProgress: (done, total) => {
      if (tty && (done % 25 === 0 || done === total)) process.stderr.write(`\r${done}/${total}`);
    },
  });
  if (tty) process.stderr.write('\n');
  process.stdout.write(textReport(result, options.groups));
  if (options.html) writeFileSync(options.html, htmlReport(result));
  if (options.json) {
    const groups = result.groups.map((g) => ({ signature: g.signature, count: g.count, common: g.common, difference: g.example.difference, example: g.example.probe.index }));
    writeFileSync(options.json, `${JSON.stringify({ ...result, groups }, null, 2)}\n`);
  }
  const pctOf = (n: number): number => (result.total === 0 ? 100 : (n / result.total) * 100);
  const failed: string[] = [];
  if (options.minStatus !== undefined && pctOf(result.agreed.status) < options.minStatus) failed.push(`status agreement below ${options.minStatus} %`);
  if (options.minWhole !== undefined && pctOf(result.agreed.whole) < options.minWhole) failed.push(`whole-answer agreement below ${options.minWhole} %`);
  for (const f of failed) process.stdout.write(`FAILED: ${f}\n`);
  return failed.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runMain(main, process.argv.slice(2));
