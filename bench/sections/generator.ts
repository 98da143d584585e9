/**
 * Section 1 — generator: GitHub's and Stripe's specs converted by this generator, openapi-to-postmanv2
 * and Portman (without Newman), interleaved (A B C A B C …), one fresh process per conversion.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildGenerator } from '../../generators/build.js';
import { ONE_SHOT_V8_FLAGS } from '../../generators/lib/one-shot-v8.js';
import { generatorAvailable } from '../workers/load-generator.js';
import { failureLine, measureProcess } from '../lib/measure.js';
import type { Measurement } from '../lib/measure.js';
import { CACHE_DIR, GITHUB_SPEC, PORTMAN_BIN, ROOT_DIR, STRIPE_SPEC, TSX_IMPORT, WORKERS_DIR } from '../lib/paths.js';
import { createCollectionValidator } from '../lib/validate-collection.js';
import type { SchemaValidity } from '../lib/validate-collection.js';
import { median } from '../lib/stats.js';

/** `ours` = the CLI under the tsx loader (as `npm run generate` runs it); `ours-bundled` = the same CLI built by `npm run build`. */
export const GENERATOR_TOOLS = ['ours', 'ours-bundled', 'openapi-to-postmanv2', 'portman'] as const;
export type GeneratorTool = (typeof GENERATOR_TOOLS)[number];

export interface SpecInput {
  readonly name: string;
  readonly path: string;
}

export const GENERATOR_SPECS: readonly SpecInput[] = [
  { name: 'GitHub (api.github.com)', path: GITHUB_SPEC },
  { name: 'Stripe', path: STRIPE_SPEC },
];

export interface ToolResult {
  readonly tool: GeneratorTool;
  readonly spec: string;
  readonly wallMs: number[];
  readonly peakRssKib: number[];
  /** CPU time (user + system) per successful run, same order as wallMs (results before issue 16 have none). */
  readonly cpuMs?: number[];
  readonly failures: number;
  readonly lastError: string;
  readonly validity: SchemaValidity | undefined;
  readonly skipped: string;
}

export interface BaselineResult {
  readonly label: string;
  readonly wallMs: number;
  readonly peakRssKib: number;
  /** Median CPU time (user + system), ms (results before the floors were added have none). */
  readonly cpuMs?: number;
  /** Which floor this is, for the report's arithmetic (absent: a start-up baseline). */
  readonly floor?: 'read-parse' | 'write' | 'read-parse-write';
}

/** Where our generator's time goes, from one in-process run per spec. */
export interface PhaseResult {
  readonly spec: string;
  /** `tsx` (programmatic API under the loader) or `bundled` (the same calls as the bundled CLI); absent = tsx. */
  readonly path?: 'tsx' | 'bundled';
  /** Live heap of the loaded document and of the collection, MiB (bundled run only). */
  readonly docHeapMiB?: number;
  readonly collectionHeapMiB?: number;
  readonly importMs: number;
  readonly loadSpecMs: number;
  readonly generateMs: number;
  readonly serializeMs: number;
  readonly bytes: number;
}

export interface GeneratorReport {
  readonly runs: number;
  readonly results: readonly ToolResult[];
  readonly baselines: readonly BaselineResult[];
  readonly phases?: readonly PhaseResult[];
  /** Why the bundled build could not be made ('' = built). */
  readonly buildError?: string;
}

async function measurePhases(bundled: boolean): Promise<PhaseResult[]> {
  if (!generatorAvailable()) return [];
  const out: PhaseResult[] = [];
  let phaseBundle: string | undefined;
  if (bundled) {
    try {
      phaseBundle = await buildGenerator(join(CACHE_DIR, 'phase-bundle'), { phase: join(WORKERS_DIR, 'phase-bundled.ts') });
    } catch {
      // the bundled breakdown is informative only
    }
  }
  for (const spec of GENERATOR_SPECS) {
    const runs: Array<['tsx' | 'bundled', string[]]> = [['tsx', [...TSX_IMPORT, join(WORKERS_DIR, 'phase-ours.ts'), spec.path]]];
    if (phaseBundle !== undefined) runs.push(['bundled', ['--expose-gc', phaseBundle, spec.path, join(CACHE_DIR, 'phase-bundle', 'out.json')]]);
    for (const [path, args] of runs) {
      try {
        const text = execFileSync(process.execPath, args, { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 600_000 });
        const parsed = JSON.parse(text.trim().split('\n').pop() ?? '{}') as Omit<PhaseResult, 'spec' | 'path'>;
        out.push({ spec: spec.name, path, ...parsed });
      } catch {
        // the phase breakdown is informative only; a failing generator already shows in the main table
      }
    }
  }
  return out;
}

interface Invocation {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** Our CLI's flags for one conversion: no environments or scenarios (none exist beside these specs anyway). */
function cliArgs(spec: string, out: string): string[] {
  return ['--spec', spec, '--collection', out, '--no-environments', '--no-scenarios'];
}

function invocation(tool: GeneratorTool, spec: string, out: string, scratch: string, bundle: string): Invocation {
  switch (tool) {
    case 'ours':
      // the CLI under the tsx loader, as `npm run generate` runs it (minus npm's and tsx's wrapper processes)
      return { command: process.execPath, args: [...TSX_IMPORT, join(ROOT_DIR, 'generators/cli.ts'), ...cliArgs(spec, out)], cwd: ROOT_DIR };
    case 'ours-bundled':
      // the same CLI built by `npm run build`
      return { command: process.execPath, args: [bundle, ...cliArgs(spec, out)], cwd: ROOT_DIR };
    case 'openapi-to-postmanv2':
      return { command: process.execPath, args: [join(WORKERS_DIR, 'convert-o2p.mjs'), spec, out], cwd: ROOT_DIR };
    case 'portman':
      // Portman writes tmp/ into its working directory: give it a scratch one. Newman is off by default.
      return { command: process.execPath, args: [PORTMAN_BIN, '-l', spec, '-o', out], cwd: scratch };
  }
}

function skipReason(tool: GeneratorTool, buildError: string): string {
  if ((tool === 'ours' || tool === 'ours-bundled') && !generatorAvailable()) return 'generator not available yet (generators/index.ts missing)';
  if (tool === 'ours-bundled' && buildError !== '') return `bundled build failed: ${buildError}`;
  return '';
}

function summarizeError(m: Measurement): string {
  if (m.timedOut) return 'timed out';
  return `exit ${String(m.exitCode)}: ${failureLine(`${m.stdoutTail}\n${m.stderrTail}`)}`;
}

/** Labels of the floors, by kind (the report finds them by `floor`). */
export const FLOOR_LABELS = {
  'read-parse': "read + JSON.parse of GitHub's spec (13 MB, as one-byte text), nothing else",
  write: 'write the collection\'s bytes (same size) from memory, nothing else',
  'read-parse-write': 'the identity converter: read, JSON.parse, JSON.stringify(…, null, 2), write',
} as const;

async function measureBaselines(bundle: string | undefined, outputBytes: number): Promise<BaselineResult[]> {
  const scratch = join(CACHE_DIR, 'generator', 'floor.json');
  // the floors run with the V8 flags our CLI sets for itself, so they are no costlier than our run
  const floor = [...ONE_SHOT_V8_FLAGS, join(WORKERS_DIR, 'floor.mjs')];
  const cases: Array<[string, string[], BaselineResult['floor']]> = [
    ['node -e 0 (process start floor)', ['-e', '0'], undefined],
    ['node --import tsx (empty script; the loader our generator runs under)', [...TSX_IMPORT, '-e', '0'], undefined],
  ];
  if (bundle !== undefined) cases.push(['node dist/generate.mjs --help (the bundled CLI starting, no conversion)', [bundle, '--help'], undefined]);
  if (existsSync(GITHUB_SPEC)) {
    cases.push(
      [FLOOR_LABELS['read-parse'], [...floor, 'read-parse', GITHUB_SPEC], 'read-parse'],
      [FLOOR_LABELS.write, [...floor, 'write', scratch, String(outputBytes)], 'write'],
      [FLOOR_LABELS['read-parse-write'], [...floor, 'read-parse-write', GITHUB_SPEC, scratch], 'read-parse-write'],
    );
  }
  const out: BaselineResult[] = [];
  for (const [label, args, kind] of cases) {
    const samples: Measurement[] = [];
    for (let i = 0; i < 3; i++) samples.push(await measureProcess({ command: process.execPath, args, cwd: ROOT_DIR, timeoutMs: 60_000 }));
    const ok = samples.filter((s) => s.exitCode === 0);
    if (ok.length === 0) continue;
    out.push({
      label,
      wallMs: median(ok.map((s) => s.wallMs)),
      peakRssKib: median(ok.map((s) => s.peakRssKib)),
      cpuMs: median(ok.map((s) => s.cpuMs)),
      ...(kind === undefined ? {} : { floor: kind }),
    });
  }
  rmSync(scratch, { force: true });
  return out;
}

export interface GeneratorOptions {
  readonly runs: number;
  readonly timeoutMs?: number;
  readonly log: (line: string) => void;
}

export async function runGeneratorSection(options: GeneratorOptions): Promise<GeneratorReport> {
  const work = join(CACHE_DIR, 'generator');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // the bundled row measures what `npm run build` produces from the sources being measured
  let bundle = '';
  let buildError = '';
  if (generatorAvailable()) {
    try {
      bundle = await buildGenerator();
      options.log(`generator: built ${bundle}`);
    } catch (error) {
      buildError = (error as Error).message.split('\n')[0] ?? 'unknown error';
    }
  }
  const validate = createCollectionValidator();
  // the size of our collection of GitHub's spec: the write floor writes as many bytes
  let outputBytes = 15_500_000;
  const state = new Map<string, { wall: number[]; cpu: number[]; rss: number[]; failures: number; lastError: string; validity: SchemaValidity | undefined }>();
  const key = (tool: GeneratorTool, spec: string): string => `${tool}\u0000${spec}`;
  for (let run = 0; run < options.runs; run++) {
    for (const spec of GENERATOR_SPECS) {
      for (const tool of GENERATOR_TOOLS) {
        if (skipReason(tool, buildError) !== '') continue;
        const scratch = join(work, `${tool}-${run}`);
        mkdirSync(scratch, { recursive: true });
        const out = join(scratch, 'collection.json');
        const call = invocation(tool, spec.path, out, scratch, bundle);
        const m = await measureProcess({ ...call, timeoutMs: options.timeoutMs ?? 600_000 });
        const entry = state.get(key(tool, spec.name)) ?? { wall: [], cpu: [], rss: [], failures: 0, lastError: '', validity: undefined };
        if (m.exitCode === 0 && !m.timedOut) {
          entry.wall.push(m.wallMs);
          entry.cpu.push(m.cpuMs);
          entry.rss.push(m.peakRssKib);
          if (tool === 'ours-bundled' && spec.path === GITHUB_SPEC) outputBytes = statSync(out).size;
          if (entry.validity === undefined) {
            try {
              entry.validity = validate(JSON.parse(readFileSync(out, 'utf8')));
            } catch (error) {
              entry.validity = { valid: false, reason: `no readable output: ${(error as Error).message}` };
            }
          }
        } else {
          entry.failures += 1;
          entry.lastError = summarizeError(m);
        }
        state.set(key(tool, spec.name), entry);
        rmSync(scratch, { recursive: true, force: true });
        options.log(`generator run ${run + 1}/${options.runs} ${spec.name} ${tool}: ${m.exitCode === 0 ? `${Math.round(m.wallMs)} ms wall, ${m.cpuMs} ms CPU, ${Math.round(m.peakRssKib / 1024)} MiB` : summarizeError(m)}`);
      }
    }
  }
  const results: ToolResult[] = [];
  for (const spec of GENERATOR_SPECS) {
    for (const tool of GENERATOR_TOOLS) {
      const entry = state.get(key(tool, spec.name));
      results.push({
        tool,
        spec: spec.name,
        wallMs: entry?.wall ?? [],
        cpuMs: entry?.cpu ?? [],
        peakRssKib: entry?.rss ?? [],
        failures: entry?.failures ?? 0,
        lastError: entry?.lastError ?? '',
        validity: entry?.validity,
        skipped: skipReason(tool, buildError),
      });
    }
  }
  const built = bundle !== '' ? bundle : undefined;
  return { runs: options.runs, results, baselines: await measureBaselines(built, outputBytes), phases: await measurePhases(built !== undefined), buildError };
}
