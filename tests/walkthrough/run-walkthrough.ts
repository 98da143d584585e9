/**
 * The Postman user's walkthrough, run with Newman: every documentation folder of a generated collection
 * (every top-level folder but "Contract scenarios"), in collection order, with only `baseUrl`, the
 * credentials and `target_user_id` set — as a user who imported the collection would run it.
 */
import { readFile } from 'node:fs/promises';
import { run, type NewmanRunOptions, type NewmanRunSummary } from 'newman';
import { SCENARIOS_FOLDER } from '../../generators/scenarios/scenario-model.js';

export interface WalkthroughOptions {
  readonly collectionFile: string;
  /** the REST base, ending in /wp-json */
  readonly restUrl: string;
  readonly username: string;
  readonly password: string;
  readonly targetUserId: string;
  /** run the folders this many times in one Newman run (one cookie jar): default 1 */
  readonly iterations?: number;
  /** Newman's CLI reporter on stdout */
  readonly progress?: boolean;
}

export interface WalkthroughStep {
  readonly iteration: number;
  readonly name: string;
  /** undefined when no answer came */
  readonly status: number | undefined;
}

export interface WalkthroughResult {
  readonly folders: readonly string[];
  readonly steps: readonly WalkthroughStep[];
  /** "<request> | <test>: <message>" */
  readonly failures: readonly string[];
  readonly assertions: number;
  /** the collection variables at the end of the run */
  readonly variables: Readonly<Record<string, string>>;
  /** every WordPress logged-in cookie (`name=value`) a variable held during the run: sessions the caller can end */
  readonly sessionCookies: readonly string[];
}

interface CollectionFile {
  readonly item: ReadonlyArray<{ readonly name: string; readonly item?: unknown }>;
}

/** The documentation folders of a collection, in order. */
export function documentationFolders(collection: CollectionFile): string[] {
  return collection.item.filter((entry) => Array.isArray(entry.item) && entry.name !== SCENARIOS_FOLDER).map((entry) => entry.name);
}

export async function runWalkthrough(options: WalkthroughOptions): Promise<WalkthroughResult> {
  const collection = JSON.parse(await readFile(options.collectionFile, 'utf8')) as CollectionFile;
  const folders = documentationFolders(collection);
  const variables: Record<string, string> = {};
  const sessionCookies = new Set<string>();
  const summary = await new Promise<NewmanRunSummary>((resolve, reject) => {
    run({
      collection: collection as NewmanRunOptions['collection'],
      folder: folders,
      iterationCount: options.iterations ?? 1,
      envVar: [
        { key: 'baseUrl', value: options.restUrl },
        { key: 'username', value: options.username },
        { key: 'password', value: options.password },
        { key: 'target_user_id', value: options.targetUserId },
      ],
      reporters: options.progress === true ? ['cli'] : [],
      timeoutRequest: 30_000,
    }, (err, done) => (err === null || err === undefined ? resolve(done) : reject(err)))
      // the collection variables as the last script left them (the summary keeps the initial values)
      .on('script', (_err, args: { execution?: { collectionVariables?: { toObject(): Record<string, unknown> } } }) => {
        for (const [key, value] of Object.entries(args.execution?.collectionVariables?.toObject() ?? {})) {
          variables[key] = String(value ?? '');
          if (/^wordpress_logged_in_[0-9a-f]*=./.test(variables[key])) sessionCookies.add(variables[key]);
        }
      });
  });
  const steps = summary.run.executions.map((execution) => ({
    iteration: execution.cursor.iteration + 1,
    name: execution.item.name,
    status: execution.response?.code,
  }));
  const failures = summary.run.failures.map((failure) => `${failure.source?.name ?? '?'} | ${(failure.error as { test?: string }).test ?? ''}: ${failure.error.message}`);
  return { folders, steps, failures, assertions: summary.run.stats.assertions.total ?? 0, variables, sessionCookies: [...sessionCookies] };
}
