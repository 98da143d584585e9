/**
 * One site of a fleet: the single-site pipeline (`runContract`: preflight, generation detection, the Newman run,
 * clean-up, redacted reports) with the site's own target, reports folder, log and progress events, and its end
 * turned into a {@link SiteOutcome}. Nothing a site does escapes it: a failure, a time-out or a crash becomes
 * this site's status, never the fleet's end. It runs in a worker thread (site-worker.ts) and knows the secrets
 * of its own site only: its redactor, its log and its outcome hold no other site's.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PreflightError } from '../preflight-error.js';
import type { RunEvent } from '../run-events.js';
import { runContract, type ContractRunResult } from '../run-contract.js';
import { generationReleases } from '../generations.js';
import type { SiteOutcome, SitePhase, SiteStatus } from './fleet-model.js';
import { failureLine, outcomeOf, siteFiles, siteFolder, summaryOf, unsupportedLine, type SiteJob } from './site-outcome.js';
import type { ResolvedSite } from './site-target.js';

export interface SiteTaskOptions {
  readonly root: string;
  /** The fleet's reports folder; the site's own files go to `<reportsDir>/fleet/<name>/`. */
  readonly reportsDir: string;
  readonly requestTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** The site's redactor (its own secrets). */
  readonly redact: (text: string) => string;
  readonly onPhase: (phase: SitePhase) => void;
  /** The site's run log (redacted), as it is written; the coordinator keeps it in run.log. */
  readonly log: (text: string) => void;
  /** epoch milliseconds */
  readonly now: () => number;
}

const UNREACHABLE = new Set(['ERR_SITE_REFUSED', 'ERR_SITE_DNS', 'ERR_SITE_TIMEOUT', 'ERR_SITE_TLS', 'ERR_SITE_UNREACHABLE']);

/** Runs `site` (its references already resolved: `resolved`); never throws for the site's own failures. */
export async function runSite(site: SiteJob, resolved: ResolvedSite, options: SiteTaskOptions): Promise<SiteOutcome> {
  const started = options.now();
  const dir = join(options.reportsDir, siteFolder(site.name));
  const files = siteFiles(site.name);
  const log = (text: string): void => options.log(options.redact(text));
  let generation: { releases: string; version: string | undefined } | undefined;
  let generationLine: string | undefined;
  let release: string | undefined;
  const onEvent = (event: RunEvent): void => {
    if (event.kind === 'preflight') options.onPhase({ kind: 'preflight' });
    else if (event.kind === 'step') options.onPhase({ kind: 'running', step: event.index, total: event.total });
    else if (event.kind === 'cleanup') options.onPhase({ kind: 'cleanup' });
    else {
      generation = { releases: generationReleases(event.version), version: event.version };
      generationLine = event.line;
      release = event.release;
    }
  };
  const finish = (status: SiteStatus, parts: Partial<SiteOutcome>): SiteOutcome => {
    const outcome = outcomeOf(site, status, options.now() - started, { release, generation, generationLine, ...parts });
    options.onPhase({ kind: 'done', status, summary: summaryOf(outcome) });
    return outcome;
  };

  await mkdir(dir, { recursive: true });
  if (aborted(options.signal)) return finish('interrupted', { problem: { code: 'ERR_INTERRUPTED', message: 'interrupted before the site ran' } });
  if (!resolved.ok) {
    log(`${resolved.message}\n`);
    return finish('misconfigured', { problem: { code: 'ERR_SITE_CONFIG', message: resolved.message }, firstFailure: resolved.message });
  }
  let result: ContractRunResult;
  try {
    result = await runContract({
      target: resolved.target,
      ...(site.aamVersion === undefined ? {} : { aamVersion: site.aamVersion }),
      generate: false,
      reportsDir: dir,
      progress: false,
      root: options.root,
      requestTimeoutMs: options.requestTimeoutMs,
      totalTimeoutMs: options.totalTimeoutMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      now: options.now,
      log,
      onEvent,
    });
  } catch (err) {
    const coded = err as { code?: unknown; message?: unknown };
    const code = typeof coded.code === 'string' ? coded.code : 'ERR_RUNNER';
    const message = options.redact(String(coded.message ?? err));
    log(`\nerror: ${message} [${code}]\n`);
    if (err instanceof PreflightError) {
      if (generation === undefined && err.facts.generation !== undefined) generation = { releases: err.facts.generation, version: undefined };
      release ??= err.facts.release;
    }
    const status = statusOf(err, options.signal);
    const line = status === 'unsupported' && code === 'ERR_GENERATION_UNSUPPORTED' ? unsupportedLine(generation?.releases, release) : message;
    return finish(status, { problem: { code, message: line }, firstFailure: line });
  }
  const { facts } = result;
  const failedSteps = facts.steps.filter((step) => step.failures.length > 0).length;
  const status: SiteStatus = result.exitCode === 0 ? 'passed' : result.exitCode === 130 ? 'interrupted' : 'failed';
  return finish(status, {
    requests: facts.requests,
    steps: { passed: facts.steps.length - failedSteps, failed: failedSteps, skipped: facts.skippedSteps.length },
    assertions: { total: facts.assertions, failed: facts.failedAssertions },
    firstFailure: facts.failures[0] === undefined ? facts.runError : options.redact(failureLine(facts.failures[0])),
    failures: facts.failures.map((f) => ({ item: f.item, test: f.test, message: options.redact(f.message) })),
    runError: facts.runError,
    stepFacts: facts.steps,
    skippedSteps: facts.skippedSteps,
    coverage: result.coverage,
    siteChanges: result.siteChangesText === undefined ? undefined : options.redact(result.siteChangesText),
    files: { ...files },
  });
}

function statusOf(err: unknown, signal: AbortSignal | undefined): SiteStatus {
  if (!(err instanceof PreflightError)) return aborted(signal) ? 'interrupted' : 'error';
  if (UNREACHABLE.has(err.code)) return 'unreachable';
  // AAM's JWT routes in a generation this checkout has no collection for, or in none it knows (a newer AAM)
  return err.code === 'ERR_GENERATION_UNSUPPORTED' || err.code === 'ERR_GENERATION_UNKNOWN' ? 'unsupported' : 'not-ready';
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
