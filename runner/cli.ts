/**
 * npm run contract -- [--base-url URL --target-user-id N (AAM_TOKEN | AAM_USERNAME + AAM_PASSWORD) …] [--help]
 * npm run contract -- --sites sites.yaml [--concurrency N]
 * Thin CLI: parse argv and the environment, run, set the exit code. One site: 0 passed, 1 failed, 2 bad flags or
 * a site that is not ready, 130 interrupted. A fleet: 0 every site passed, 1 any did not, 2 bad flags or a bad
 * sites file, 130 interrupted. The first Ctrl-C (or SIGTERM) stops the run and still cleans the sites up; a
 * second one quits at once.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseRunnerArgs, UsageError, USAGE, type FleetCommandOptions, type RunnerOptions } from './parse-args.js';
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
    if (command.kind === 'fleet') return await fleet(command.options, stop.signal, defaults.root);
    for (const warning of command.warnings) process.stderr.write(`warning: ${warning}\n`);
    return await single(command.options, stop.signal, defaults.root);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// Each command loads its pipeline when it runs: a fleet's main thread only coordinates (its sites run in
// worker threads), so it does not load Newman.
async function single(options: RunnerOptions, signal: AbortSignal, root: string | undefined): Promise<number> {
  const [{ runContract }, { PreflightError }] = await Promise.all([import('./run-contract.js'), import('./preflight-error.js')]);
  try {
    const result = await runContract({
      target: options.target,
      ...(options.aamVersion === undefined ? {} : { aamVersion: options.aamVersion }),
      generate: options.generate,
      reportsDir: options.reportsDir,
      ...(root === undefined ? {} : { root }),
      progress: true,
      requestTimeoutMs: options.requestTimeoutMs,
      totalTimeoutMs: options.totalTimeoutMs,
      signal,
      log: (text) => process.stdout.write(text),
    });
    return result.exitCode;
  } catch (err) {
    if (!(err instanceof PreflightError)) throw err;
    process.stderr.write(`error: ${err.message} [${err.code}]\n`);
    return 2;
  }
}

async function fleet(options: FleetCommandOptions, signal: AbortSignal, root: string | undefined): Promise<number> {
  const [{ runFleet }, { SitesFileError }] = await Promise.all([import('./fleet/run-fleet.js'), import('./fleet/sites-file.js')]);
  try {
    const { workers, ...rest } = options;
    const result = await runFleet({
      ...rest,
      ...(workers === undefined ? {} : { workers }),
      ...(root === undefined ? {} : { root }),
      signal,
      env: process.env,
      progress: process.stdout.isTTY && process.env.CI === undefined ? 'tty' : 'plain',
      columns: () => process.stdout.columns,
      write: (text) => process.stdout.write(text),
    });
    return result.exitCode;
  } catch (err) {
    if (!(err instanceof SitesFileError)) throw err;
    process.stderr.write(`error: ${err.message} [${err.code}]\n`);
    return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) runMain(main, process.argv.slice(2));
