/**
 * `runContract(options)`: one contract run against the reference mock or a real site. Everything it prints
 * goes through the redactor (passwords never, tokens only as labels), and so do the reports it writes.
 */
import { regenerateIfStale } from '../generators/fresh-outputs.js';
import { aamGeneration, startMock } from '../mock/index.js';
import type { MockOptions } from '../mock/index.js';
import { formatCollectionRun, runCollection } from './collection-run.js';
import type { CoverageReport } from './coverage.js';
import { DEFAULT_AAM_VERSION, generationLabel } from './generations.js';
import type { AamVersion } from './generations.js';
import { DEFAULT_REQUEST_TIMEOUT_S, DEFAULT_TOTAL_TIMEOUT_S, type RunTarget } from './parse-args.js';
import { PreflightError } from './preflight-error.js';
import { createRedactor, type Redactor } from './redact.js';
import type { RunEventSink } from './run-events.js';
import type { RunFacts } from './run-summary.js';
import type { CleanupReport } from './cleanup.js';
import { runAgainstSite } from './site-run.js';
import { targetSecrets } from './target-secrets.js';

export interface RunContractOptions {
  readonly target: RunTarget;
  /** The AAM generation whose collection runs; default: detected on a real site, {@link DEFAULT_AAM_VERSION} on the mock. */
  readonly aamVersion?: AamVersion;
  /** Regenerate collections/ and environments/ first. */
  readonly generate: boolean;
  /** Where junit.xml and report.html go; `undefined` writes no report files. */
  readonly reportsDir: string | undefined;
  /** Progress on the log, one line per request. */
  readonly progress: boolean;
  /** Repository root (default: the working directory). */
  readonly root?: string;
  /** Options of the in-process mock (tests inject a clock, etc.). */
  readonly mock?: MockOptions;
  /** Where the summary and the coverage table are written (redacted). */
  readonly log: (text: string) => void;
  /** Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Default 900 s; the clean-up runs after it in any case. */
  readonly totalTimeoutMs?: number;
  /** Aborting stops the run after the current request; the clean-up still runs. */
  readonly signal?: AbortSignal;
  /** Clock, epoch milliseconds (default Date.now). */
  readonly now?: () => number;
  /** Live progress events (the fleet's progress lines); nothing secret is in them. */
  readonly onEvent?: RunEventSink;
}

export interface ContractRunResult {
  /** 0 passed, 1 failed, 130 interrupted (a preflight failure throws {@link PreflightError}: exit 2). */
  readonly exitCode: 0 | 1 | 130;
  readonly aamVersion: AamVersion;
  readonly facts: RunFacts;
  readonly coverage: CoverageReport;
  /** Real sites only: what the clean-up found and did. */
  readonly siteChanges: CleanupReport | undefined;
  /** Real sites only: the "Site changes" section (redacted). */
  readonly siteChangesText: string | undefined;
  /** The AAM release: the mock's, or a site's when the caller may read its plugin list. */
  readonly release: string | undefined;
}

export async function runContract(options: RunContractOptions): Promise<ContractRunResult> {
  const root = options.root ?? process.cwd();
  const redactor: Redactor = createRedactor(targetSecrets(options.target));
  const log = (text: string): void => options.log(redactor.redact(text));
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_S * 1000;
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_S * 1000;
  const now = options.now ?? Date.now;
  if (options.generate) await regenerateIfStale(root);
  const common = { root, reportsDir: options.reportsDir, progress: options.progress, requestTimeoutMs, signal: options.signal, redactor, log, ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }) };

  if (options.target.kind === 'mock') {
    const aamVersion = options.aamVersion ?? DEFAULT_AAM_VERSION;
    const mock = await startMock({ ...options.mock, aamVersion, port: 0, host: '127.0.0.1' });
    try {
      const line = `AAM JWT API generation: ${aamGeneration(aamVersion).releases} (the reference mock of AAM ${aamVersion}${options.aamVersion === undefined ? ', the default' : ', --aam-version'})`;
      log(`${line}\n`);
      options.onEvent?.({ kind: 'generation', version: aamVersion, line, release: aamVersion });
      const run = await runCollection({ ...common, version: aamVersion, target: options.target, restUrl: mock.restUrl, timeLimitMs: totalTimeoutMs, totalTimeoutMs });
      log(formatCollectionRun(run, `the reference mock (${mock.restUrl}), AAM JWT API generation ${generationLabel(aamVersion)}`, options.reportsDir));
      return { exitCode: verdict(run.facts, run.stopped), aamVersion, facts: run.facts, coverage: run.coverage, siteChanges: undefined, siteChangesText: undefined, release: aamVersion };
    } finally {
      await mock.close();
    }
  }

  let site;
  try {
    site = await runAgainstSite({ ...common, target: options.target, forced: options.aamVersion, totalTimeoutMs, now });
  } catch (err) {
    if (err instanceof PreflightError) throw new PreflightError(err.code, redactor.redact(err.message), err.facts);
    throw err;
  }
  if (site.run === undefined) {
    log(`\n${site.changesText}`);
    throw site.runFailure ?? new Error('the run did not start');
  }
  log(formatCollectionRun(site.run, `${site.restUrl}, AAM JWT API generation ${generationLabel(site.version)}`, options.reportsDir, site.changesText));
  return {
    exitCode: verdict(site.run.facts, site.run.stopped),
    aamVersion: site.version,
    facts: site.run.facts,
    coverage: site.run.coverage,
    siteChanges: site.changes,
    siteChangesText: redactor.redact(site.changesText),
    release: site.release,
  };
}

function verdict(facts: RunFacts, stopped: 'interrupted' | 'timeout' | undefined): 0 | 1 | 130 {
  if (stopped === 'interrupted') return 130;
  return facts.failures.length === 0 && facts.runError === undefined && facts.requests > 0 ? 0 : 1;
}
