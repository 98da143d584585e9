import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateEnvironments } from './environments.js';
import { SpecError } from './errors.js';
import { displayPath, loadSpec } from './load-spec.js';
import { serializeJson } from './lib/serialize-json.js';
import { generateCollection } from './transform/collection.js';
import { loadScenarios } from './scenarios/load-scenarios.js';
import { listOperations } from './scenarios/operation-catalogue.js';
import type { OutputFile } from './write-outputs.js';

export interface PlanOptions {
  spec: string;
  collection: string;
  /** Folder for environment files; `undefined` = write none. */
  environmentsDir?: string;
  /** Environment data file; when absent, nothing is written for environments. */
  environmentsData: string;
  /** Fail (instead of skipping) when the environment data file is missing. */
  environmentsDataRequired: boolean;
  /** Contract scenarios to add as a folder (e.g. spec/scenarios.yaml); `undefined` = none. */
  scenarios?: string;
}

/** Loads and generates everything in memory; nothing is written (so a failure writes nothing). */
export async function planOutputs(options: PlanOptions): Promise<{ outputs: OutputFile[]; notes: string[] }> {
  const spec = await loadSpec(options.spec);
  const scenarios = options.scenarios === undefined ? undefined : await loadScenarios(displayPath(options.scenarios), listOperations(spec.doc), displayPath(options.spec));
  const collection = generateCollection(spec, scenarios === undefined ? {} : { scenarios });
  const outputs: OutputFile[] = [{ path: options.collection, content: serializeJson(collection) }];
  const notes: string[] = [];
  if (options.environmentsDir !== undefined) {
    const text = await readFile(options.environmentsData, 'utf8').catch(() => undefined);
    if (text === undefined) {
      if (options.environmentsDataRequired) throw new SpecError('ERR_SPEC_READ', displayPath(options.environmentsData), '', 'cannot read the environments file');
      notes.push(`no ${displayPath(options.environmentsData)}: environments not generated`);
    } else {
      let data: unknown;
      try {
        data = parse(text) as unknown;
      } catch (cause) {
        throw new SpecError('ERR_SPEC_PARSE', displayPath(options.environmentsData), '', `invalid YAML: ${(cause as Error).message.split('\n')[0] ?? ''}`);
      }
      for (const env of generateEnvironments(data, displayPath(options.environmentsData))) {
        outputs.push({ path: join(options.environmentsDir, env.fileName), content: serializeJson(env.environment) });
      }
    }
  }
  return { outputs, notes };
}
