import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateEnvironments } from './environments.js';
import { SpecError } from './errors.js';
import { displayPath, loadSpec } from './load-spec.js';
import { serializeJson } from './lib/serialize-json.js';
import { generateCollection } from './transform/collection.js';
import type { PostmanCollection } from './postman-v2.1.js';
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
  /** Contract scenarios to add as a folder (e.g. spec/aam-6.9.32/scenarios.yaml); `undefined` = none. */
  scenarios?: string;
  /** How the collection's description names the spec (default: its file name). */
  specName?: string;
  /** How the collection and messages name the scenario file (default: its path relative to the working directory). */
  scenariosName?: string;
  /** Scope of the environments when one data file serves several collections (see `EnvironmentOptions`). */
  environmentsScope?: string;
}

/**
 * Loads and generates everything in memory; nothing is written (so a failure writes nothing).
 * The collection is returned as a JSON value (written in chunks); the spec is not kept.
 */
export async function planOutputs(options: PlanOptions): Promise<{ outputs: OutputFile[]; notes: string[] }> {
  const outputs: OutputFile[] = [{ path: options.collection, json: await planCollection(options) }];
  const notes: string[] = [];
  if (options.environmentsDir !== undefined) {
    const text = await readFile(options.environmentsData, 'utf8').catch(() => undefined);
    if (text === undefined) {
      if (options.environmentsDataRequired) throw new SpecError('ERR_SPEC_READ', displayPath(options.environmentsData), '', 'cannot read the environments file');
      notes.push(`no ${displayPath(options.environmentsData)}: environments not generated`);
    } else {
      // the YAML parser is loaded only when there is YAML to read
      const { parse } = await import('./lib/yaml.js');
      let data: unknown;
      try {
        data = parse(text) as unknown;
      } catch (cause) {
        throw new SpecError('ERR_SPEC_PARSE', displayPath(options.environmentsData), '', `invalid YAML: ${(cause as Error).message.split('\n')[0] ?? ''}`);
      }
      for (const env of generateEnvironments(data, displayPath(options.environmentsData), options.environmentsScope === undefined ? {} : { scope: options.environmentsScope })) {
        outputs.push({ path: join(options.environmentsDir, env.fileName), content: serializeJson(env.environment) });
      }
    }
  }
  return { outputs, notes };
}

/** The collection; the loaded spec goes out of scope (and can be freed) as soon as it is built. */
async function planCollection(options: PlanOptions): Promise<PostmanCollection> {
  const spec = await loadSpec(options.spec);
  const named = options.specName === undefined ? {} : { specName: options.specName };
  if (options.scenarios === undefined) return generateCollection(spec, named);
  // the scenario loader (Ajv) is loaded only when there are scenarios
  const { loadScenarios } = await import('./scenarios/load-scenarios.js');
  const scenarios = await loadScenarios(options.scenarios, listOperations(spec.doc), options.specName ?? displayPath(options.spec), options.scenariosName ?? displayPath(options.scenarios));
  return generateCollection(spec, { ...named, scenarios });
}
