import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { NewmanRunOptions } from 'newman';
import { planOutputs, writeOutputs } from '../generators/index.js';
import { listOperations } from '../generators/scenarios/operation-catalogue.js';
import { loadScenarios } from '../generators/scenarios/load-scenarios.js';
import { SCENARIOS_FOLDER, stepItemNames } from '../generators/scenarios/scenario-model.js';
import { startMock } from '../mock/index.js';
import type { MockOptions } from '../mock/index.js';
import { buildCoverage, formatCoverage, type CoverageReport } from './coverage.js';
import { buildEnvironment, environmentFileName, type EnvironmentFile } from './environment.js';
import { loadExclusions } from './load-exclusions.js';
import { runNewman } from './newman-run.js';
import type { RunTarget } from './parse-args.js';
import { formatRunFacts, summarizeRun, type RunFacts } from './run-summary.js';

/** Repository paths the runner reads and writes, relative to `root`. */
export const PATHS = {
  spec: 'spec/aam-jwt.openapi.yaml',
  scenarios: 'spec/scenarios.yaml',
  exclusions: 'spec/coverage-exclusions.yaml',
  environmentsData: 'spec/environments.yaml',
  collection: 'collections/aam-jwt.postman_collection.json',
  environments: 'environments',
} as const;

export interface RunContractOptions {
  readonly target: RunTarget;
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
  readonly facts: RunFacts;
  readonly coverage: CoverageReport;
}

/** Generates (optionally), starts the mock when needed, runs the scenario folders with Newman, reports. */
export async function runContract(options: RunContractOptions): Promise<ContractRunResult> {
  const root = options.root ?? process.cwd();
  const at = (path: string): string => join(root, path);
  if (options.generate) {
    const { outputs } = await planOutputs({
      spec: at(PATHS.spec),
      collection: at(PATHS.collection),
      environmentsDir: at(PATHS.environments),
      environmentsData: at(PATHS.environmentsData),
      environmentsDataRequired: true,
      scenarios: at(PATHS.scenarios),
    });
    await writeOutputs(outputs);
  }
  const collection = JSON.parse(await readFile(at(PATHS.collection), 'utf8')) as NewmanRunOptions['collection'];
  const envFile = JSON.parse(await readFile(at(join(PATHS.environments, environmentFileName(options.target))), 'utf8')) as EnvironmentFile;
  const operations = listOperations(parse(await readFile(at(PATHS.spec), 'utf8')) as unknown);
  const suite = await loadScenarios(at(PATHS.scenarios), operations, PATHS.spec);
  const exclusions = await loadExclusions(at(PATHS.exclusions));

  const mock = options.target.kind === 'mock' ? await startMock({ ...options.mock, port: 0, host: '127.0.0.1' }) : undefined;
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
    const against = mock === undefined ? restUrl : `the reference mock (${restUrl})`;
    options.log(`\nCoverage (operation × documented status → scenario steps):\n${formatCoverage(coverage, true)}`);
    options.log(`\n${formatRunFacts(facts, against)}`);
    if (options.reportsDir !== undefined) {
      options.log(`Reports: ${join(options.reportsDir, 'junit.xml')}, ${join(options.reportsDir, 'report.html')}\n`);
    }
    const passed = facts.failures.length === 0 && facts.runError === undefined && facts.requests > 0;
    return { exitCode: passed ? 0 : 1, facts, coverage };
  } finally {
    await mock?.close();
  }
}
