/**
 * npm run contract -- [--base-url URL --target-user-id N (AAM_TOKEN | AAM_USERNAME + AAM_PASSWORD) …] [--help]
 * Thin CLI: parse argv and the environment, run, set the exit code (0 passed, 1 failed, 2 bad flags or a site
 * that is not ready, 130 interrupted). The first Ctrl-C (or SIGTERM) stops the run and still cleans the site up;
 * a second one quits at once.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseRunnerArgs, UsageError, USAGE } from './parse-args.js';
import { PreflightError } from './preflight-error.js';
import { runContract } from './run-contract.js';
import { runMain } from './run-main.js';

/** The runner's command line (also `aam-jwt contract`); `defaults.root` is where collections/, environments/ and spec/ are. */
export async function main(argv: readonly string[], defaults: { readonly root?: string } = {}): Promise<number> {
  let command;
  try {
    command = parseRunnerArgs(argv, { env: process.env });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  for (const warning of command.warnings) process.stderr.write(`warning: ${warning}\n`);
  const { options } = command;
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) {
      process.stderr.write(`\n${signal} again: quitting without cleaning up\n`);
      process.exit(130);
    }
    process.stderr.write(`\n${signal}: stopping the run; the site is cleaned up first (${signal} again quits at once)\n`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await runContract({
      target: options.target,
      ...(options.aamVersion === undefined ? {} : { aamVersion: options.aamVersion }),
      generate: options.generate,
      reportsDir: options.reportsDir,
      ...(defaults.root === undefined ? {} : { root: defaults.root }),
      progress: true,
      requestTimeoutMs: options.requestTimeoutMs,
      totalTimeoutMs: options.totalTimeoutMs,
      signal: stop.signal,
      log: (text) => process.stdout.write(text),
    });
    return result.exitCode;
  } catch (err) {
    if (!(err instanceof PreflightError)) throw err;
    process.stderr.write(`error: ${err.message} [${err.code}]\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) runMain(main, process.argv.slice(2));
