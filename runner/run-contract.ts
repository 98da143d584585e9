import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { NewmanRunOptions } from 'newman';
import { planOutputs, projectPlans, writeOutputs } from '../generators/index.js';
import { listOperations } from '../generators/scenarios/operation-catalogue.js';
import { loadScenarios } from '../generators/scenarios/load-scenarios.js';
import { SCENARIOS_FOLDER, stepItemNames } from '../generators/scenarios/scenario-model.js';
import { startMock } from '../mock/index.js';
import type { MockOptions } from '../mock/index.js';
import { buildCoverage, formatCoverage, type CoverageReport } from './coverage.js';
import { buildEnvironment, environmentFileName, type EnvironmentFile } from './environment.js';
import { loadExclusions } from './load-exclusions.js';
import { runNewman } from './newman-run.js';
import { DEFAULT_AAM_VERSION, generationFiles, generationLabel } from './generations.js';
import type { AamVersion } from './generations.js';
import type { RunTarget } from './parse-args.js';
import { formatRunFacts, summarizeRun, type RunFacts } from './run-summary.js';

export interface RunContractOptions {
  readonly target: RunTarget;
  /** The AAM generation whose collection runs (and whose mock starts); default {@link DEFAULT_AAM_VERSION}. */
  readonly aamVersion?: AamVersion;
  /** Regenerate collections/ and environments/ first. */
  readonly generate: boolean;
  /** Where junit.xml and report.html go; `undefined` writes no report files. */
  readonly reportsDir: string | undefined;
  /** Newman's CLI progress reporter on stdout. */
  readonly progress: boolean;
  /** Repository root (default: the working directory). */
  readonly root?: string;
  /** Options of the in-process mock (tests inject a clock, etc.). */
  readonly mock?: MockOptions;
  /** Where the summary and the coverage table are written. */
  readonly log: (text: string) => void;
}

export interface ContractRunResult {
  readonly exitCode: 0 | 1;
  readonly aamVersion: AamVersion;
  readonly facts: RunFacts;
  readonly coverage: CoverageReport;
}

/** Generates (optionally), starts the mock when needed, runs the scenario folders with Newman, reports. */
export async function runContract(options: RunContractOptions): Promise<ContractRunResult> {
  const root = options.root ?? process.cwd();
  const at = (path: string): string => join(root, path);
  const aamVersion = options.aamVersion ?? DEFAULT_AAM_VERSION;
  const files = generationFiles(aamVersion);
  if (options.generate) {
    for (const plan of await projectPlans(root)) await writeOutputs((await planOutputs(plan)).outputs);
  }
  const collection = JSON.parse(await readFile(at(files.collection), 'utf8')) as NewmanRunOptions['collection'];
  const envFile = JSON.parse(await readFile(at(join(files.environments, environmentFileName(options.target))), 'utf8')) as EnvironmentFile;
  const operations = listOperations(parse(await readFile(at(files.spec), 'utf8')) as unknown);
  const suite = await loadScenarios(at(files.scenarios), operations, files.spec, files.scenarios);
  const exclusions = await loadExclusions(at(files.exclusions));

  const mock = options.target.kind === 'mock' ? await startMock({ ...options.mock, aamVersion, port: 0, host: '127.0.0.1' }) : undefined;
  try {
    const restUrl = mock?.restUrl ?? (options.target.kind === 'site' ? options.target.restUrl : '');
    const reporters: string[] = options.progress ? ['cli'] : [];
    const reporter: Record<string, unknown> = {};
    if (options.reportsDir !== undefined) {
      await mkdir(options.reportsDir, { recursive: true });
      reporters.push('junit', 'htmlextra');
      reporter.junit = { export: join(options.reportsDir, 'junit.xml') };
      reporter.htmlextra = { export: join(options.reportsDir, 'report.html'), title: 'AAM JWT contract suite', browserTitle: 'AAM JWT contract' };
    }
    const summary = await runNewman({
      collection,
      environment: buildEnvironment(envFile, options.target, restUrl) as unknown as NewmanRunOptions['environment'],
      folder: SCENARIOS_FOLDER,
      reporters,
      reporter,
      timeoutRequest: 30_000,
    });
    const planned = suite.scenarios.reduce((n, scenario) => n + scenario.steps.reduce((m, step) => m + stepItemNames(step).length, 0), 0);
    const facts = summarizeRun(summary, planned);
    const coverage = buildCoverage(operations, suite, exclusions, facts.observed);
    const against = `${mock === undefined ? restUrl : `the reference mock (${restUrl})`}, AAM JWT API generation ${generationLabel(aamVersion)}`;
    options.log(`\nCoverage (operation × documented status → scenario steps):\n${formatCoverage(coverage, true)}`);
    options.log(`\n${formatRunFacts(facts, against)}`);
    if (options.reportsDir !== undefined) {
      options.log(`Reports: ${join(options.reportsDir, 'junit.xml')}, ${join(options.reportsDir, 'report.html')}\n`);
    }
    const passed = facts.failures.length === 0 && facts.runError === undefined && facts.requests > 0;
    return { exitCode: passed ? 0 : 1, aamVersion, facts, coverage };
  } finally {
    await mock?.close();
  }
}
