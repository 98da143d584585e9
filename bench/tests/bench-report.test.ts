import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fleetSection, renderResults } from '../lib/report.js';
import type { ReportInput } from '../lib/report.js';
import type { ToolResult } from '../sections/generator.js';
import type { LoadResult } from '../sections/mock.js';

const machine = { cpu: 'test cpu', cores: 2, memoryGib: 24, os: 'Linux', node: 'v20.20.2', measureMethod: 'GNU time' };

function tool(name: ToolResult['tool'], wall: number, rss: number): ToolResult {
  return { tool: name, spec: 'GitHub', wallMs: [wall], peakRssKib: [rss], failures: 0, lastError: '', validity: { valid: true, reason: '' }, skipped: '' };
}

function load(target: LoadResult['target'], route: LoadResult['route'], rps: number): LoadResult {
  return { target, route, skipped: '', rps: [rps], p99Ms: [3], bad: 0, total: rps, statusCodes: `200×${rps}`, serverCpuUs: [1e6 / rps, Number.NaN], loadCpuUs: [50] };
}

const input: ReportInput = {
  machine,
  versions: [['openapi-to-postmanv2', '6.3.3']],
  generator: {
    measuredAt: '2026-01-01',
    command: 'npm run bench',
    report: {
      runs: 1,
      results: [tool('ours', 500, 100_000), tool('openapi-to-postmanv2', 6000, 200_000)],
      baselines: [
        { label: 'node', wallMs: 100, peakRssKib: 40_000 },
        { label: 'tsx', wallMs: 300, peakRssKib: 70_000 },
      ],
    },
  },
  corpus: undefined,
  contract: { measuredAt: '2026-01-01', command: 'npm run bench', report: { skipped: 'no contract script', wallMs: [], peakRssKib: [], failures: [] } },
  mock: {
    measuredAt: '2026-01-01',
    command: 'npm run bench',
    report: {
      durationS: 5,
      connections: 10,
      rounds: 1,
      results: [
        load('ours', 'list', 6000),
        load('prism', 'list', 1000),
        load('bare node:http', 'list', 10_000),
        load('ours', 'validate', 3000),
        load('prism', 'validate', 1000),
        load('bare node:http', 'validate', 10_000),
        load('replay of ours', 'validate', 8000),
      ],
    },
  },
};

test('renderResults computes ratios and verdicts per target', () => {
  const md = renderResults(input);
  assert.match(md, /\| ≥ 10× faster \| 12\.0× \| met \|/);
  assert.match(md, /\| ≤ ⅓ of its peak RSS \| 50 % \| missed \|/);
  assert.match(md, /What bounds it: our generator runs as TypeScript under the tsx loader/);
  assert.match(md, /\| list: ≥ 5× Prism's req\/s \| 6\.00× \| met \|/);
  assert.match(md, /\| list: ≥ 50 % of bare node:http \| 60 % \| met \|/);
  assert.match(md, /\| validate: ≥ 5× Prism's req\/s \| 3\.00× \| missed \|/);
  assert.match(md, /\| validate: ≥ 50 % of bare node:http \| 30 % \| missed \|/);
  assert.match(md, /\| validate \| ours \| 3000 \| 3 ms \| 1× \| 333 µs \| 50 µs \|/);
  assert.match(md, /What bounds it \(validate\): CPU per request\. Measured in this run — validate: our server 333 µs of CPU per request against 100 µs for the bare server, autocannon 50 µs per answer from ours and 50 µs from the bare server — together 383 µs against 150 µs, which predicts 39 % of the bare server's req\/s; 50 % would need our server at 250 µs or less; a bare node:http server replaying our exact answer \(same status, headers and body, no logic\) reaches 80 % of the bare server \(server 125 µs, autocannon 50 µs per request\)\./);
  assert.match(md, /\| validate \| replay of ours \| 8000 \| 3 ms \| 0\.38× \|/);
  assert.match(md, /Not available yet: no contract script/);
  assert.match(md, /_Not measured yet: run `npm run bench -- --only corpus`\._/);
});

test('with CPU figures, the speed target is judged on the smaller of the wall and CPU ratios, paired per run', () => {
  const withCpu = structuredClone(input);
  const report = withCpu.generator?.report;
  assert.ok(report !== undefined);
  const results = [
    { ...tool('ours', 500, 100_000), wallMs: [500, 600], cpuMs: [400, 500] },
    { ...tool('openapi-to-postmanv2', 6000, 200_000), wallMs: [6000, 6600], cpuMs: [3200, 3500] },
  ];
  const md = renderResults({ ...withCpu, generator: { ...withCpu.generator!, report: { ...report, results } } });
  assert.match(md, /\| GitHub \| openapi-to-postmanv2 \| 3\.35 s \(3\.20 s–3\.50 s\) \| 450 ms \(400 ms–500 ms\) \| 11\.5× \(11\.0×–12\.0×\) \| 7\.50× \(7\.00×–8\.00×\) \|  \|/);
  assert.match(md, /\| ≥ 10× faster \(the smaller of wall and CPU\) \| 7\.50× \(wall 11\.5×, CPU 7\.50×\) \| missed \|/);
});

test('renderResults is deterministic and ends with one newline', () => {
  const a = renderResults(input);
  assert.equal(a, renderResults(input));
  assert.ok(a.endsWith('|\n') || a.endsWith('.\n') || a.endsWith('._\n'));
  assert.doesNotMatch(a, /\n\n\n/);
});

test('older mock results without CPU figures render n/a', () => {
  const old = structuredClone(input);
  const results = old.mock?.report.results.map(({ serverCpuUs: _s, loadCpuUs: _l, ...rest }) => rest) ?? [];
  const md = renderResults({ ...old, mock: old.mock && { ...old.mock, report: { ...old.mock.report, results } } });
  assert.match(md, /\| list \| ours \| 6000 \| 3 ms \| 1× \| n\/a \| n\/a \|/);
});

test('with a bundled row, the generator targets are judged on it and both ours rows are shown', () => {
  const withBundled = structuredClone(input);
  const report = withBundled.generator?.report;
  assert.ok(report !== undefined);
  const results = [tool('ours', 900, 160_000), tool('ours-bundled', 500, 90_000), tool('openapi-to-postmanv2', 6000, 300_000)];
  const md = renderResults({ ...withBundled, generator: { ...withBundled.generator!, report: { ...report, results, baselines: [...report.baselines, { label: 'node dist/generate.mjs --help (the bundled CLI starting, no conversion)', wallMs: 120, peakRssKib: 45_000 }] } } });
  assert.match(md, /\| GitHub \| ours, under tsx \(as `npm run generate`\) \| 900 ms \| 156\.3 MiB \| 1\.80× \| 1\.78× \|/);
  assert.match(md, /\| GitHub \| ours, bundled \(`npm run build`\) \| 500 ms \| 87\.9 MiB \| 1× \| 1× \|/);
  assert.match(md, /\| GitHub \| openapi-to-postmanv2 \| 6\.00 s \| 293\.0 MiB \| 12\.0× \(6\.67×\) \| 0\.30× \(0\.53×\) \|/);
  assert.match(md, /target \(GitHub spec, vs openapi-to-postmanv2, judged on the bundled CLI\)/);
  assert.match(md, /\| ≥ 10× faster \| 12\.0× \| met \|/);
  assert.match(md, /\| ≤ ⅓ of its peak RSS \| 30 % \| met \|/);
  assert.doesNotMatch(md, /What bounds it: our generator runs as TypeScript/);
});

test('fleet section: wall and memory-per-slot ratios of the same run, verdicts, what bounds it', () => {
  const sample = (wallMs: number, rssMib: number, cpuMs: number): { wallMs: number; peakRssKib: number; cpuMs: number } => ({ wallMs, peakRssKib: rssMib * 1024, cpuMs });
  const report = { sites: 8, concurrency: 8, latencyMs: 100, jitterMs: 10, aamVersion: '6.9.32', requestsPerSite: 200, single: [sample(40_000, 300, 9_000)], fleet: [sample(100_000, 1000, 60_000)], failures: [] };
  const lines = fleetSection({ measuredAt: '2026-11-29', command: 'npm run bench -- --only fleet', report }).join('\n');
  assert.match(lines, /\| fleet wall ≤ 2× one site's wall \| 2\.50× \| missed \|/);
  assert.match(lines, /\| fleet peak RSS ÷ 8 slots ≤ 1\.5× one site's peak RSS \| 0\.42× \| met \|/);
  assert.match(lines, /Each extra slot adds 0\.33× of one site's peak RSS/);
  assert.match(lines, /latency floor of ~20\.00 s/);
  assert.match(lines, /\| fleet of 8 \(concurrency 8\) \| 1 \| 100\.00 s \| 1000\.0 MiB \| 60\.00 s \| 0\.60× \| n\/a \|/);
  assert.match(lines, /1\.50× the single run's wall\)\. CPU ÷ wall shows how much of a core the runner got: 0\.60× for the fleet — below one core/);
  const met = fleetSection({ measuredAt: '2026-11-29', command: 'c', report: { ...report, fleet: [sample(70_000, 1000, 60_000)] } }).join('\n');
  assert.match(met, /\| fleet wall ≤ 2× one site's wall \| 1\.75× \| met \|/);
  assert.deepEqual(fleetSection(undefined).slice(2), ['_Not measured yet: run `npm run bench -- --only fleet`._', '']);
});

test('fleet section with worker threads: the CPU bound is per usable core, and an idle-machine estimate', () => {
  const sample = (wallMs: number, rssMib: number, cpuMs: number): { wallMs: number; peakRssKib: number; cpuMs: number } => ({ wallMs, peakRssKib: rssMib * 1024, cpuMs });
  const report = { sites: 8, concurrency: 8, workers: 2, cores: 2, latencyMs: 100, jitterMs: 10, aamVersion: '6.9.32', requestsPerSite: 200, single: [sample(40_000, 300, 12_000)], fleet: [sample(48_000, 900, 90_000)], failures: [] };
  const lines = fleetSection({ measuredAt: '2026-11-29', command: 'c', report }).join('\n');
  assert.match(lines, /\| fleet wall ≤ 2× one site's wall \| 1\.20× \| met \|/);
  assert.match(lines, /the sites run in 2 worker threads of one process/);
  assert.match(lines, /on 2 cores the fleet's wall is at least its CPU time ÷ 2 \(90\.00 s here, 7\.50× the single run's; ÷ 2 = 45\.00 s, 1\.13× the single run's wall\)/);
  assert.match(lines, /CPU ÷ wall shows how many cores the runner got: 1\.88× for the fleet\./);
  // idle: one site = 20 s + 12 s = 32 s; the fleet = max(45 s, 32 s)
  assert.match(lines, /one site ≈ its latency floor \+ its CPU = 32\.00 s; the fleet ≈ the longer of its CPU ÷ 2 and one site = 45\.00 s; wall ratio ≈ 1\.41×/);
  const starved = fleetSection({ measuredAt: '2026-11-29', command: 'c', report: { ...report, fleet: [sample(150_000, 900, 90_000)] } }).join('\n');
  assert.match(starved, /0\.60× for the fleet — below the 2 it can use, so in this run the fleet waited for the machine/);
  const quiet = { ...sample(75_000, 900, 90_000), loadAverage: 1.6 };
  const own = fleetSection({ measuredAt: '2026-11-29', command: 'c', report: { ...report, fleet: [quiet] } }).join('\n');
  assert.match(own, /1\.20× for the fleet — below the 2 it can use on a machine that was not busy \(load average 1\.6\), so the rest is the run's own serial parts/);
});
