/**
 * One Newman run of a generation's "Contract scenarios" folder, the same for the mock and a real site:
 * loads the generation's collection, scenarios and exclusions, runs with the given environment (secrets stay
 * in memory), prints redacted progress, writes redacted reports, and returns the facts and the coverage.
 */
import { mkdir, readFile } from 'node:fs/promises';
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { NewmanRunOptions } from 'newman';
import { listOperations } from '../generators/scenarios/operation-catalogue.js';
import { loadScenarios } from '../generators/scenarios/load-scenarios.js';
import { SCENARIOS_FOLDER, stepItemNames } from '../generators/scenarios/scenario-model.js';
import { buildCoverage, formatCoverage, type CoverageReport } from './coverage.js';
import { buildEnvironment, environmentFileName, type EnvironmentFile } from './environment.js';
import { generationFiles } from './generations.js';
import type { AamVersion } from './generations.js';
import { loadExclusions } from './load-exclusions.js';
import { hookRun, printProgress } from './newman-hooks.js';
import { runNewman } from './newman-run.js';
import type { RunTarget } from './parse-args.js';
import type { Redactor } from './redact.js';
import type { RunEventSink } from './run-events.js';
import { formatRunFacts, summarizeRun, type RunFacts } from './run-summary.js';

export interface CollectionRunOptions {
  readonly root: string;
  readonly version: AamVersion;
  readonly target: RunTarget;
  /** The REST base Newman sends to (`{{baseUrl}}`). */
  readonly restUrl: string;
  /** The site's own URL when it is not the REST base's (a run through the local `?rest_route=` proxy). */
  readonly siteUrl?: string;
  readonly reportsDir: string | undefined;
  readonly progress: boolean;
  readonly requestTimeoutMs: number;
  /** Stop the run after this many milliseconds (`undefined`: no limit). */
  readonly timeLimitMs: number | undefined;
  /** `--timeout` as given, milliseconds (for the message when the run is stopped). */
  readonly totalTimeoutMs?: number;
  /** Aborting stops the run after the current request. */
  readonly signal: AbortSignal | undefined;
  readonly redactor: Redactor;
  /** Already redacting. */
  readonly log: (text: string) => void;
  /** More listeners on the run (the token observer). */
  readonly attach?: (emitter: EventEmitter) => void;
  /** Live progress: a `step` event before each item of the folder. */
  readonly onEvent?: RunEventSink;
}

export interface CollectionRunResult {
  readonly facts: RunFacts;
  readonly coverage: CoverageReport;
  /** Why the run stopped early: `interrupted` (the signal) or `timeout`. */
  readonly stopped: 'interrupted' | 'timeout' | undefined;
}

export async function runCollection(options: CollectionRunOptions): Promise<CollectionRunResult> {
  const at = (path: string): string => join(options.root, path);
  const files = generationFiles(options.version);
  const collection = JSON.parse(await readFile(at(files.collection), 'utf8')) as NewmanRunOptions['collection'];
  const envFile = JSON.parse(await readFile(at(join(files.environments, environmentFileName(options.target))), 'utf8')) as EnvironmentFile;
  const operations = listOperations(parse(await readFile(at(files.spec), 'utf8')) as unknown);
  const suite = await loadScenarios(at(files.scenarios), operations, files.spec, files.scenarios);
  const exclusions = await loadExclusions(at(files.exclusions));
  const planned = suite.scenarios.flatMap((scenario) => scenario.steps.flatMap((step) => stepItemNames(step)));

  const reporters: string[] = [];
  const reporter: Record<string, unknown> = {};
  if (options.reportsDir !== undefined) {
    await mkdir(options.reportsDir, { recursive: true });
    reporters.push('junit', 'htmlextra');
    reporter.junit = { export: join(options.reportsDir, 'junit.xml') };
    reporter.htmlextra = { export: join(options.reportsDir, 'report.html'), title: 'AAM JWT contract suite', browserTitle: 'AAM JWT contract' };
  }
  let stopped: CollectionRunResult['stopped'];
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const summary = await runNewman(
      {
        collection,
        environment: buildEnvironment(envFile, options.target, options.restUrl, options.siteUrl) as unknown as NewmanRunOptions['environment'],
        folder: SCENARIOS_FOLDER,
        reporters,
        reporter,
        timeoutRequest: options.requestTimeoutMs,
      },
      (emitter) => {
        const handle = hookRun(emitter, options.redactor);
        if (options.progress) printProgress(emitter, options.log);
        options.attach?.(emitter);
        const onEvent = options.onEvent;
        if (onEvent !== undefined) {
          let index = 0;
          emitter.on('beforeItem', (_err: unknown, args: { item?: { name?: string } }) => {
            index += 1;
            onEvent({ kind: 'step', index, total: planned.length, name: args.item?.name ?? '' });
          });
        }
        if (options.timeLimitMs !== undefined) {
          timer = setTimeout(() => {
            stopped ??= 'timeout';
            handle.abort();
          }, Math.max(0, options.timeLimitMs));
        }
        onAbort = () => {
          stopped ??= 'interrupted';
          handle.abort();
        };
        if (options.signal?.aborted === true) onAbort();
        else options.signal?.addEventListener('abort', onAbort, { once: true });
      },
    );
    const summarized = summarizeRun(summary, planned);
    const facts =
      stopped === undefined
        ? summarized
        : { ...summarized, runError: stopped === 'timeout' ? `stopped: the run took longer than --timeout (${(options.totalTimeoutMs ?? options.timeLimitMs ?? 0) / 1000} s in all, preflight included)` : 'stopped: interrupted' };
    return { facts, coverage: buildCoverage(operations, suite, exclusions, facts.observed), stopped };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (onAbort !== undefined) options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The end of a run's output: coverage table, then `between` (the site changes), then the summary and verdict. */
export function formatCollectionRun(result: CollectionRunResult, against: string, reportsDir: string | undefined, between = ''): string {
  const reports = reportsDir === undefined ? '' : `Reports: ${join(reportsDir, 'junit.xml')}, ${join(reportsDir, 'report.html')}\n`;
  return `\nCoverage (operation × documented status → scenario steps):\n${formatCoverage(result.coverage, true)}${between === '' ? '' : `\n${between}`}\n${reports}${formatRunFacts(result.facts, against)}`;
}
