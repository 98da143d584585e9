/**
 * What a fleet run knows about each site: its live state (for the progress lines) and its outcome (for the
 * table, fleet.html, the JUnit file and fleet.json). Plain data, already redacted: no secret, no live token.
 */
import type { CoverageReport } from '../coverage.js';
import type { RunFailure, StepFact } from '../run-summary.js';

/**
 * How a site ended:
 * - `passed`: every step's checks passed;
 * - `failed`: the contract run found failures (or was stopped by --timeout);
 * - `unreachable`: no answer at all (refused, DNS, time-out, TLS);
 * - `not-ready`: the preflight refused the site (HTML instead of JSON, no AAM, wrong credentials, …), with its one line;
 * - `unsupported`: the site serves an AAM JWT API generation this checkout has no collection for (one line,
 *   "generation unsupported by this checkout"), or JWT routes of no generation it knows (a newer AAM: the
 *   runner's one line); nothing of the contract ran, so no failure is counted;
 * - `misconfigured`: a reference of the sites file could not be resolved (an unset environment variable, …);
 * - `interrupted`: Ctrl-C, before or while the site ran;
 * - `error`: the runner itself failed on this site.
 * Only `passed` passes: every other status makes the fleet's exit code 1 ("exit 0 only when every site passed";
 * an unsupported site was not checked, so it did not pass).
 */
export type SiteStatus = 'passed' | 'failed' | 'unreachable' | 'not-ready' | 'unsupported' | 'misconfigured' | 'interrupted' | 'error';

/** A site's state while the fleet runs. */
export type SitePhase =
  | { readonly kind: 'queued' }
  | { readonly kind: 'preflight' }
  | { readonly kind: 'running'; readonly step: number; readonly total: number }
  | { readonly kind: 'cleanup' }
  | { readonly kind: 'done'; readonly status: SiteStatus; readonly summary: string };

export interface SiteOutcome {
  readonly name: string;
  readonly url: string;
  readonly status: SiteStatus;
  /** The AAM release (the plugin list, administrators only), when known. */
  readonly release: string | undefined;
  /** The generation's releases (`6.9.33–6.9.51`) and its collection's version (`6.9.51`), when known. */
  readonly generation: { readonly releases: string; readonly version: string | undefined } | undefined;
  /** How the generation was found (the runner's generation line). */
  readonly generationLine: string | undefined;
  /** Requests that got an answer. */
  readonly requests: number;
  /** Steps (requests of the folder): every check passed, some check failed (or no answer), never sent. */
  readonly steps: { readonly passed: number; readonly failed: number; readonly skipped: number };
  readonly assertions: { readonly total: number; readonly failed: number };
  /** `step › test: message`, or the one line of a site that did not run. */
  readonly firstFailure: string | undefined;
  readonly failures: readonly RunFailure[];
  /** Why the site did not run (unreachable, not ready, misconfigured, error): a stable code and one line. */
  readonly problem: { readonly code: string; readonly message: string } | undefined;
  /** The run stopped early: `stopped: …` */
  readonly runError: string | undefined;
  readonly stepFacts: readonly StepFact[];
  readonly skippedSteps: readonly string[];
  readonly coverage: CoverageReport | undefined;
  /** The "Site changes" section of a real site (redacted). */
  readonly siteChanges: string | undefined;
  /** Wall time of the site, milliseconds. */
  readonly durationMs: number;
  /** The site's own files, relative to the reports folder. */
  readonly files: { readonly junit: string | undefined; readonly html: string | undefined; readonly log: string };
}

export interface FleetResult {
  readonly sitesFile: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly concurrency: number;
  /** Worker threads the sites ran in (at most: a pool starts them as sites need them). */
  readonly workers: number;
  readonly sites: readonly SiteOutcome[];
  /** 0 every site passed, 1 any did not, 130 interrupted. */
  readonly exitCode: 0 | 1 | 130;
}

/** The fleet's exit code from its sites: 0 only when every site passed. */
export function fleetExitCode(sites: readonly SiteOutcome[], interrupted: boolean): 0 | 1 | 130 {
  if (interrupted) return 130;
  return sites.length > 0 && sites.every((site) => site.status === 'passed') ? 0 : 1;
}

/** How a status is shown in the table and progress lines. */
export const STATUS_LABEL: Readonly<Record<SiteStatus, string>> = {
  passed: 'passed',
  failed: 'FAILED',
  unreachable: 'UNREACHABLE',
  'not-ready': 'NOT READY',
  unsupported: 'UNSUPPORTED',
  misconfigured: 'MISCONFIGURED',
  interrupted: 'INTERRUPTED',
  error: 'ERROR',
};
