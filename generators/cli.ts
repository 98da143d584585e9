/**
 * npm run generate -- [--check]
 *   every variant of the project: spec/<name>/openapi.yaml → collections/<name>.postman_collection.json
 *   and environments/<name>/ (see project.ts)
 * npm run generate -- --spec FILE [--collection OUT.json] [--environments DIR | --no-environments]
 *                     [--environments-data FILE] [--scenarios FILE | --no-scenarios] [--check]
 *   one document (any OpenAPI 3.0/3.1 file)
 * Thin CLI: parse argv, plan every output in memory, then write them or (--check) compare.
 */
import { realpathSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LocatedInputError } from './errors.js';
import { displayPath } from './load-spec.js';
import { tuneV8ForOneShot } from './lib/one-shot-v8.js';
import { planOutputs } from './plan-outputs.js';
import type { PlanOptions } from './plan-outputs.js';
import { projectPlans } from './project.js';
import { staleOutputs, writeOutputs } from './write-outputs.js';

const USAGE = `usage: npm run generate -- [--check]
         every spec/<name>/openapi.yaml → collections/<name>.postman_collection.json + environments/<name>/
       npm run generate -- --spec FILE [--collection OUT.json] [--environments DIR | --no-environments] [--environments-data FILE] [--scenarios FILE | --no-scenarios] [--check]`;

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        spec: { type: 'string' },
        collection: { type: 'string' },
        environments: { type: 'string', default: 'environments' },
        'no-environments': { type: 'boolean', default: false },
        'environments-data': { type: 'string' },
        scenarios: { type: 'string' },
        'no-scenarios': { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let plans: PlanOptions[];
  if (values.spec === undefined) {
    const single = (['collection', 'environments-data', 'scenarios', 'no-scenarios', 'no-environments'] as const).find((name) => values[name] !== undefined && values[name] !== false);
    if (single !== undefined) {
      console.error(`--${single} needs --spec (without it every spec/<name>/openapi.yaml is generated)\n${USAGE}`);
      return 2;
    }
    plans = await projectPlans();
  } else {
    plans = [{
      spec: values.spec,
      collection: values.collection ?? join(dirname(values.spec), `${basename(values.spec).replace(/\.(ya?ml|json)$/i, '')}.postman_collection.json`),
      ...(values['no-environments'] ? {} : { environmentsDir: values.environments }),
      environmentsData: values['environments-data'] ?? join(dirname(values.spec), 'environments.yaml'),
      environmentsDataRequired: values['environments-data'] !== undefined,
      ...(await scenariosFile(values.spec, values.scenarios, values['no-scenarios'])),
    }];
  }
  const outputs = [];
  for (const plan of plans) {
    const planned = await planOutputs(plan);
    planned.notes.forEach((note) => console.error(`note: ${note}`));
    outputs.push(...planned.outputs);
  }
  if (values.check) {
    const stale = await staleOutputs(outputs);
    if (stale.length > 0) {
      console.error(`stale generated files (run npm run generate):\n${stale.map((o) => `  ${displayPath(o.path)}`).join('\n')}`);
      return 1;
    }
    console.log(`up to date: ${outputs.map((o) => displayPath(o.path)).join(', ')}`);
    return 0;
  }
  await writeOutputs(outputs);
  console.log(`wrote ${outputs.map((o) => displayPath(o.path)).join(', ')}`);
  return 0;
}

/** `--scenarios FILE`, else `scenarios.yaml` beside the spec when it exists; none with `--no-scenarios`. */
async function scenariosFile(spec: string, given: string | undefined, none: boolean): Promise<{ scenarios?: string }> {
  if (none) return {};
  if (given !== undefined) return { scenarios: given };
  const beside = join(dirname(spec), 'scenarios.yaml');
  return (await access(beside).then(() => true, () => false)) ? { scenarios: beside } : {};
}

/** The generator's command line (also `aam-jwt generate`): main's exit code, or 1 with a one-line error. */
export function runGenerate(argv: string[]): Promise<number> {
  return main(argv).then(
    (code) => code,
    (err: unknown) => {
      console.error(err instanceof LocatedInputError ? `error ${err.code}: ${err.message}` : `error: ${(err as Error).message}`);
      return 1;
    },
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  // a one-shot process: V8 settings for a short run (lib/one-shot-v8.ts)
  tuneV8ForOneShot();
  void runGenerate(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
