import type { EventEmitter } from 'node:events';
import { run, type NewmanRunOptions, type NewmanRunSummary } from 'newman';

/**
 * `newman.run` as a promise: resolves with the summary, rejects only when Newman could not run at all.
 * `attach` gets the run's event emitter before anything is sent (progress, observers, report redaction).
 */
export function runNewman(options: NewmanRunOptions, attach: (emitter: EventEmitter) => void = () => undefined): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    const emitter = run(options, (err, summary) => {
      if (err !== null && err !== undefined) reject(err);
      else resolve(summary);
    });
    attach(emitter);
  });
}
