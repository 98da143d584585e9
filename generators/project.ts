/**
 * The project layout `npm run generate` works on when no `--spec` is given: one folder per API variant
 * under `spec/` (each with an `openapi.yaml`, and optionally `scenarios.yaml`), and one shared
 * `spec/environments.yaml`. Each folder `spec/<name>/` gives `collections/<name>.postman_collection.json`
 * and `environments/<name>/*.postman_environment.json`.
 */
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanOptions } from './plan-outputs.js';

/** The files of one variant, relative to the project root (POSIX separators: they appear in the output). */
export function variantFiles(name: string): { spec: string; scenarios: string; collection: string; environmentsDir: string; environmentsData: string } {
  return {
    spec: `spec/${name}/openapi.yaml`,
    scenarios: `spec/${name}/scenarios.yaml`,
    collection: `collections/${name}.postman_collection.json`,
    environmentsDir: `environments/${name}`,
    environmentsData: 'spec/environments.yaml',
  };
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/** The plan of one variant folder `spec/<name>/` of the project at `root`. */
export async function variantPlan(name: string, root = '.'): Promise<PlanOptions> {
  const files = variantFiles(name);
  const scenarios = join(root, files.scenarios);
  return {
    spec: join(root, files.spec),
    specName: files.spec,
    collection: join(root, files.collection),
    environmentsDir: join(root, files.environmentsDir),
    environmentsData: join(root, files.environmentsData),
    environmentsDataRequired: true,
    environmentsScope: name,
    ...((await exists(scenarios)) ? { scenarios, scenariosName: files.scenarios } : {}),
  };
}

/** The variant folders of the project at `root`: folders of `spec/` holding an `openapi.yaml`, sorted. */
export async function projectVariants(root = '.'): Promise<string[]> {
  const entries = await readdir(join(root, 'spec'), { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await exists(join(root, 'spec', entry.name, 'openapi.yaml')))) names.push(entry.name);
  }
  return names.sort();
}

/** The plans of every variant of the project at `root`. */
export async function projectPlans(root = '.'): Promise<PlanOptions[]> {
  return Promise.all((await projectVariants(root)).map((name) => variantPlan(name, root)));
}
