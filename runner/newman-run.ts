import { run, type NewmanRunOptions, type NewmanRunSummary } from 'newman';

/** `newman.run` as a promise: resolves with the summary, rejects only when Newman could not run at all. */
export function runNewman(options: NewmanRunOptions): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    run(options, (err, summary) => {
      if (err !== null && err !== undefined) reject(err);
      else resolve(summary);
    });
  });
}
