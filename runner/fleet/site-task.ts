/**
 * One site of a fleet: the single-site pipeline (`runContract`: preflight, generation detection, the Newman run,
 * clean-up, redacted reports) with the site's own target, reports folder, log and progress events, and its end
 * turned into a {@link SiteOutcome}. Nothing a site does escapes it: a failure, a time-out or a crash becomes
 * this site's status, never the fleet's end.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PreflightError } from '../preflight-error.js';
import type { RunEvent } from '../run-events.js';
import { runContract, type ContractRunResult } from '../run-contract.js';
import type { RunFailure } from '../run-summary.js';
import { generationReleases } from '../generations.js';
import type { SiteOutcome, SitePhase, SiteStatus } from './fleet-model.js';
import type { FleetSiteSpec } from './sites-file.js';
import type { ResolvedSite } from './site-target.js';

export interface SiteTaskOptions {
  readonly root: string;
  /** The fleet's reports folder; the site's own files go to `<reportsDir>/fleet/<name>/`. */
  readonly reportsDir: string;
  readonly requestTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** The fleet's redactor (every site's secrets). */
  readonly redact: (text: string) => string;
  readonly onPhase: (phase: SitePhase) => void;
  /** epoch milliseconds */
  readonly now: () => number;
}

const UNREACHABLE = new Set(['ERR_SITE_REFUSED', 'ERR_SITE_DNS', 'ERR_SITE_TIMEOUT', 'ERR_SITE_TLS', 'ERR_SITE_UNREACHABLE']);

/** The folder of a site's own files, relative to the reports folder. */
export function siteFolder(name: string): string {
  return join('fleet', name);
}

/** Runs `site` (its references already resolved: `resolved`); never throws for the site's own failures. */
export async function runSite(site: FleetSiteSpec, resolved: ResolvedSite, options: SiteTaskOptions): Promise<SiteOutcome> {
  const started = options.now();
  const folder = siteFolder(site.name);
  const dir = join(options.reportsDir, folder);
  const files = { junit: join(folder, 'junit.xml'), html: join(folder, 'report.html'), log: join(folder, 'run.log') };
  let log = '';
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
  const finish = async (status: SiteStatus, parts: Partial<SiteOutcome>): Promise<SiteOutcome> => {
    await writeFile(join(dir, 'run.log'), options.redact(log));
    const outcome: SiteOutcome = {
      name: site.name,
      url: site.url,
      status,
      release,
      generation,
      generationLine,
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
      durationMs: options.now() - started,
      files: { junit: undefined, html: undefined, log: files.log },
      ...parts,
    };
    options.onPhase({ kind: 'done', status, summary: summaryOf(outcome) });
    return outcome;
  };

  await mkdir(dir, { recursive: true });
  if (aborted(options.signal)) return finish('interrupted', { problem: { code: 'ERR_INTERRUPTED', message: 'interrupted before the site ran' } });
  if (!resolved.ok) {
    log += `${resolved.message}\n`;
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
      log: (text) => {
        log += text;
      },
      onEvent,
    });
  } catch (err) {
    const coded = err as { code?: unknown; message?: unknown };
    const code = typeof coded.code === 'string' ? coded.code : 'ERR_RUNNER';
    const message = options.redact(String(coded.message ?? err));
    log += `\nerror: ${message} [${code}]\n`;
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

/** The one line of a site whose generation this checkout has no collection for. */
export function unsupportedLine(generation: string | undefined, release: string | undefined): string {
  const what = [generation === undefined ? undefined : `generation ${generation}`, release === undefined ? undefined : `AAM ${release}`].filter((part) => part !== undefined);
  return `generation unsupported by this checkout${what.length > 0 ? ` (${what.join(', ')})` : ''}: no collection for it in spec/, so nothing was checked`;
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** `step › test: message` on one line. */
export function failureLine(failure: RunFailure): string {
  const message = failure.message === '' || failure.message === failure.test ? '' : `: ${failure.message}`;
  return `${failure.item} › ${failure.test}${message}`.replace(/\s*\n\s*/g, ' ');
}

/** The few words a finished site's progress line ends with. */
function summaryOf(outcome: SiteOutcome): string {
  if (outcome.problem !== undefined) return outcome.problem.message;
  const { passed, failed, skipped } = outcome.steps;
  const counts = `${outcome.requests} requests, ${passed} passed, ${failed} failed, ${skipped} skipped`;
  return outcome.firstFailure === undefined ? counts : `${counts}; first failure: ${outcome.firstFailure}`;
}
