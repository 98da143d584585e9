/**
 * A site's {@link SiteOutcome} from what is known about its end, and the one-line texts of the table and the
 * progress lines. Pure, and free of the contract run's modules: both the worker that runs a site
 * (site-task.ts) and the coordinator (a site that never reached a worker, or whose worker died) build outcomes.
 */
import { join } from 'node:path';
import type { AamVersion } from '../generations.js';
import type { RunFailure } from '../run-summary.js';
import type { SiteOutcome, SiteStatus } from './fleet-model.js';

/** What the fleet tells a site's task about the site: no reference, no secret. */
export interface SiteJob {
  readonly name: string;
  /** The URL as written in the sites file. */
  readonly url: string;
  /** The generation forced by the sites file (`aamVersion`), if any. */
  readonly aamVersion: AamVersion | undefined;
}

/** The folder of a site's own files, relative to the reports folder. */
export function siteFolder(name: string): string {
  return join('fleet', name);
}

/** A site's own files, relative to the reports folder. */
export function siteFiles(name: string): { readonly junit: string; readonly html: string; readonly log: string } {
  const folder = siteFolder(name);
  return { junit: join(folder, 'junit.xml'), html: join(folder, 'report.html'), log: join(folder, 'run.log') };
}

/** An outcome with nothing measured (no request, no step), completed by `parts`. */
export function outcomeOf(site: Pick<SiteJob, 'name' | 'url'>, status: SiteStatus, durationMs: number, parts: Partial<SiteOutcome>): SiteOutcome {
  return {
    name: site.name,
    url: site.url,
    status,
    release: undefined,
    generation: undefined,
    generationLine: undefined,
    requests: 0,
    steps: { passed: 0, failed: 0, skipped: 0 },
    assertions: { total: 0, failed: 0 },
    firstFailure: undefined,
    failures: [],
    problem: undefined,
    runError: undefined,
    stepFacts: [],
    skippedSteps: [],
    coverage: undefined,
    siteChanges: undefined,
    durationMs,
    files: { junit: undefined, html: undefined, log: siteFiles(site.name).log },
    ...parts,
  };
}

/** A site that did not run for a reason of the fleet's own (a problem `code` and its one `line`). */
export function problemOutcome(site: Pick<SiteJob, 'name' | 'url'>, status: SiteStatus, durationMs: number, code: string, line: string): SiteOutcome {
  return outcomeOf(site, status, durationMs, { problem: { code, message: line }, firstFailure: line });
}

/** The one line of a site whose generation this checkout has no collection for. */
export function unsupportedLine(generation: string | undefined, release: string | undefined): string {
  const what = [generation === undefined ? undefined : `generation ${generation}`, release === undefined ? undefined : `AAM ${release}`].filter((part) => part !== undefined);
  return `generation unsupported by this checkout${what.length > 0 ? ` (${what.join(', ')})` : ''}: no collection for it in spec/, so nothing was checked`;
}

/** `step › test: message` on one line. */
export function failureLine(failure: RunFailure): string {
  const message = failure.message === '' || failure.message === failure.test ? '' : `: ${failure.message}`;
  return `${failure.item} › ${failure.test}${message}`.replace(/\s*\n\s*/g, ' ');
}

/** The few words a finished site's progress line ends with. */
export function summaryOf(outcome: SiteOutcome): string {
  if (outcome.problem !== undefined) return outcome.problem.message;
  const { passed, failed, skipped } = outcome.steps;
  const counts = `${outcome.requests} requests, ${passed} passed, ${failed} failed, ${skipped} skipped`;
  return outcome.firstFailure === undefined ? counts : `${counts}; first failure: ${outcome.firstFailure}`;
}
