import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';
import { SCENARIOS_FOLDER } from '../../generators/scenarios/scenario-model.js';
import { siteUrlOf } from '../../runner/environment.js';
import { runNewman } from '../../runner/newman-run.js';
import { generationFiles, type AamVersion } from '../../runner/generations.js';

/** One failed assertion of a run: the request (step) and the test name. */
export interface KillingTest {
  readonly item: string;
  readonly test: string;
}

/** What one run of the scenario folders produced. */
export interface CollectionRunFacts {
  readonly requests: number;
  readonly assertions: number;
  readonly failures: readonly KillingTest[];
  readonly runError: string | undefined;
}

export interface CollectionRunOptions {
  /** REST root of the site under test (…/wp-json). */
  readonly restUrl: string;
  /** The generation whose collection runs. */
  readonly version: AamVersion;
  /** Stop after the first request with a failed assertion (the verdict is the same, the run shorter). */
  readonly bail: boolean;
  /** Repository root (default: this file's repository). */
  readonly root?: string;
}

interface LoadedFiles {
  readonly collection: NewmanRunOptions['collection'];
  readonly environment: { readonly values: ReadonlyArray<{ readonly key: string; readonly value: string }> } & Record<string, unknown>;
}

const DEFAULT_ROOT = new URL('../../', import.meta.url).pathname;
const loaded = new Map<string, Promise<LoadedFiles>>();

/**
 * The collection with only the scenario folder (collection-level scripts and variables kept): the run
 * is the same, and Newman does not rebuild the per-operation catalogue it never sends, once per fault.
 */
function onlyScenarios(collection: Record<string, unknown>): NewmanRunOptions['collection'] {
  const items = Array.isArray(collection.item) ? (collection.item as Array<{ name?: unknown }>) : [];
  return { ...collection, item: items.filter((item) => item.name === SCENARIOS_FOLDER) } as unknown as NewmanRunOptions['collection'];
}

/** The committed collection (scenario folder) and the local environment of a generation, read once per process. */
function loadFiles(root: string, version: AamVersion): Promise<LoadedFiles> {
  const key = `${root}\u0000${version}`;
  const paths = generationFiles(version);
  let files = loaded.get(key);
  if (files === undefined) {
    files = Promise.all([readFile(join(root, paths.collection), 'utf8'), readFile(join(root, paths.environments, 'local.postman_environment.json'), 'utf8')]).then(
      ([collection, environment]) => ({ collection: onlyScenarios(JSON.parse(collection) as Record<string, unknown>), environment: JSON.parse(environment) as LoadedFiles['environment'] }),
    );
    loaded.set(key, files);
  }
  return files;
}

/** The facts of a Newman summary (pure). */
export function factsOf(summary: NewmanRunSummary): CollectionRunFacts {
  // With bail, Postman's runtime repeats the first failed assertion as a script-level "AssertionFailure": skip it.
  const assertionFailures = summary.run.failures.filter((failure) => (failure.error as { name?: string }).name !== 'AssertionFailure');
  const failures = assertionFailures.map((failure): KillingTest => {
    const source = failure.source as { name?: string } | undefined;
    const error = failure.error as { test?: string; name?: string };
    return { item: source?.name ?? failure.at, test: error.test ?? error.name ?? 'error' };
  });
  const runError = (summary.run as { error?: { message?: string } | null }).error;
  return {
    requests: summary.run.executions.filter((execution) => (execution.response as { code?: number } | undefined)?.code !== undefined).length,
    assertions: summary.run.stats.assertions.total ?? 0,
    failures,
    runError: runError === undefined || runError === null ? undefined : (runError.message ?? String(runError)),
  };
}

/**
 * Runs the scenario folders of the committed collection (what `npm run contract` runs) with the local
 * environment pointed at `restUrl`: in-process, no reporters, nothing written.
 */
export async function runCollection(options: CollectionRunOptions): Promise<CollectionRunFacts> {
  const { collection, environment } = await loadFiles(options.root ?? DEFAULT_ROOT, options.version);
  const site: Readonly<Record<string, string>> = { baseUrl: options.restUrl, siteUrl: siteUrlOf(options.restUrl) };
  const values = environment.values.map((entry) => (site[entry.key] === undefined ? entry : { ...entry, value: site[entry.key] as string }));
  const summary = await runNewman({
    collection,
    environment: { ...environment, values } as unknown as NewmanRunOptions['environment'],
    folder: SCENARIOS_FOLDER,
    reporters: [],
    bail: options.bail,
    timeoutRequest: 10_000,
  });
  return factsOf(summary);
}
