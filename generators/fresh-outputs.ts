/**
 * `npm run contract` regenerates the project's collections and environments first. That is wasted work when
 * nothing they come from has changed: this records, after a generation, a digest of every input (the
 * generator's own files, spec/, the lock file) and of every output, and skips the next generation when both
 * digests are still the same. Any change to an input, or an output edited or deleted by hand, regenerates.
 * The record lives in node_modules/.cache/ (never committed); without it, everything is regenerated.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** Where the digests of the last generation are kept, relative to the project root. */
export const FRESHNESS_RECORD = 'node_modules/.cache/aam-jwt-contract/generated.json';

interface Record {
  readonly inputs: string;
  readonly outputs: Readonly<{ [path: string]: string }>;
}

/** Every file under `dir` (recursively), as sorted paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

async function digestFiles(root: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(await readFile(file).catch(() => Buffer.from('\0missing')));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The digest of what the project's outputs are generated from: generators/, spec/ and the lock file of the project at `root`. */
export async function inputsDigest(root: string): Promise<string> {
  const files = [...(await filesUnder(join(root, 'generators'))), ...(await filesUnder(join(root, 'spec'))), join(root, 'package-lock.json')];
  return digestFiles(root, files);
}

/** The digest of each file under collections/ and environments/, by path relative to the root. */
async function outputsDigests(root: string): Promise<{ [path: string]: string }> {
  const files = [...(await filesUnder(join(root, 'collections'))), ...(await filesUnder(join(root, 'environments')))].filter((f) => f.endsWith('.json'));
  const out: { [path: string]: string } = {};
  for (const file of files) out[relative(root, file)] = createHash('sha256').update(await readFile(file)).digest('hex');
  return out;
}

function sameOutputs(a: Readonly<{ [path: string]: string }>, b: Readonly<{ [path: string]: string }>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Regenerates every variant of the project at `root` unless the last generation's record shows that
 * neither the inputs nor the outputs changed since. Returns what it did.
 */
export async function regenerateIfStale(root: string): Promise<'current' | 'regenerated'> {
  const recordPath = join(root, FRESHNESS_RECORD);
  const inputs = await inputsDigest(root);
  const record = await readFile(recordPath, 'utf8').then((text) => JSON.parse(text) as Record, () => undefined);
  if (record !== undefined && record.inputs === inputs && sameOutputs(record.outputs, await outputsDigests(root))) return 'current';
  // the generator itself is loaded only when there is something to generate
  const [{ projectPlans }, { planOutputs }, { writeOutputs }] = await Promise.all([import('./project.js'), import('./plan-outputs.js'), import('./write-outputs.js')]);
  for (const plan of await projectPlans(root)) await writeOutputs((await planOutputs(plan)).outputs);
  const fresh: Record = { inputs, outputs: await outputsDigests(root) };
  await mkdir(dirname(recordPath), { recursive: true });
  await writeFile(recordPath, `${JSON.stringify(fresh, null, 2)}\n`);
  return 'regenerated';
}
