/**
 * V8 settings for one short run of the generator's command line: a fresh process that reads one spec,
 * builds one collection, writes it and exits. Only the CLI sets them (cli.ts, when run as a program),
 * never the library, so a long-lived process that imports the generator keeps its own. They change how
 * fast the same code runs and how much memory it holds, never what it computes (the output is byte-identical).
 *
 * - `--no-opt`: no TurboFan. On GitHub's spec a quarter to a third of the process's CPU time went to
 *   TurboFan compiling hot functions on a background thread (`perf record -e cpu-clock`), for a run of
 *   about a second that ends before the compiled code pays it back; Ignition and Sparkplug run the rest.
 * - `--semi-space-growth-factor=1`: the young generation keeps its first size (1 MiB semi-spaces) instead
 *   of doubling up to 16 MiB: what a run allocates mostly lives until the end (the parsed spec, the
 *   collection), so a big young generation only adds pages to touch (page faults were ~15 % of the CPU
 *   time) and up to 32 MiB of peak RSS.
 *
 * Measured in bench/RESULTS.md §1 (GitHub's and Stripe's specs). `v8.setFlagsFromString` after start-up
 * only affects what V8 decides from then on, which is what these two are read for (tier-up, new-space growth).
 */
import { setFlagsFromString } from 'node:v8';

export const ONE_SHOT_V8_FLAGS: readonly string[] = ['--no-opt', '--semi-space-growth-factor=1'];

/** Applies {@link ONE_SHOT_V8_FLAGS}; call it first thing in a one-shot command line. */
export function tuneV8ForOneShot(): void {
  for (const flag of ONE_SHOT_V8_FLAGS) setFlagsFromString(flag);
}
