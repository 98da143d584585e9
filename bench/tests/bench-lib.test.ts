import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchArgs } from '../lib/args.js';
import { declaresOpenApi3, evenSample } from '../lib/corpus-sample.js';
import { escapeCell, renderTable, verdict } from '../lib/markdown.js';
import { failureLine, parseGnuTimeOutput, parseGnuTimeUsage, parseVmHwm } from '../lib/measure.js';
import { formatKib, formatMs, formatPercent, formatRatio, formatRatioSpread, isWide, median, pairedRatios, ratio, spread } from '../lib/stats.js';
import { reasonCategory } from '../sections/corpus.js';
import { hasContractScript } from '../sections/contract.js';
import { parseProcStatCpuTicks } from '../sections/mock.js';

test('median', () => {
  const cases: [number[], number][] = [
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ];
  for (const [given, want] of cases) assert.equal(median(given), want, JSON.stringify(given));
  assert.ok(Number.isNaN(median([])));
});

test('ratio and formatting', () => {
  assert.equal(ratio(10, 4), 2.5);
  assert.ok(Number.isNaN(ratio(1, 0)));
  assert.ok(Number.isNaN(ratio(Number.NaN, 1)));
  const cases: [string, string][] = [
    [formatRatio(12.345), '12.3×'],
    [formatRatio(2.5), '2.50×'],
    [formatRatio(Number.NaN), 'n/a'],
    [formatMs(850.4), '850 ms'],
    [formatMs(12345), '12.35 s'],
    [formatKib(2048), '2.0 MiB'],
    [formatPercent(99, 100), '99.0 %'],
    [formatPercent(1, 0), 'n/a'],
  ];
  for (const [got, want] of cases) assert.equal(got, want);
});

test('parseBenchArgs resolves defaults and sections in fixed order', () => {
  const all = parseBenchArgs([]);
  assert.deepEqual(all.only, ['generator', 'corpus', 'contract', 'mock', 'fleet']);
  assert.equal(all.runs, 5);
  assert.equal(all.corpusLimit, 0);
  const some = parseBenchArgs(['--only', 'mock,generator', '--runs', '2', '--corpus-limit', '50', '--mock-rounds', '1']);
  assert.deepEqual(some.only, ['generator', 'mock']);
  assert.equal(some.runs, 2);
  assert.equal(some.corpusLimit, 50);
  assert.equal(some.mockRounds, 1);
});

test('parseBenchArgs rejects bad input with ERR_BENCH_ARGS', () => {
  const cases: [string[], RegExp][] = [
    [['--only', 'speed'], /unknown section "speed"/],
    [['--only', ','], /at least one section/],
    [['--runs', '0'], /--runs must be at least 1/],
    [['--runs', 'many'], /--runs must be a whole number/],
    [['--frobnicate'], /frobnicate/],
  ];
  for (const [given, message] of cases) {
    assert.throws(() => parseBenchArgs(given), { code: 'ERR_BENCH_ARGS', message }, given.join(' '));
  }
});

test('peak RSS parsers', () => {
  assert.equal(parseVmHwm('Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1 kB\n'), 123456);
  assert.ok(Number.isNaN(parseVmHwm('Name:\tnode\n')));
  assert.equal(parseGnuTimeOutput('Command exited with non-zero status 1\n40320\n'), 40320);
  assert.ok(Number.isNaN(parseGnuTimeOutput('Command terminated by signal 9\n')));
  assert.deepEqual(parseGnuTimeUsage('Command exited with non-zero status 1\n40320 1.25 0.50\n'), { peakRssKib: 40320, cpuMs: 1750 });
  assert.deepEqual(parseGnuTimeUsage('Command terminated by signal 9\n'), { peakRssKib: Number.NaN, cpuMs: Number.NaN });
});

test('spreads and ratios of paired runs', () => {
  const rows: Array<[number[], number[], string, boolean]> = [
    [[2, 3, 4], [1, 1, 2], '2.00× (2.00×–3.00×)', true],
    [[10, 11], [10, 10], '1.05× (1.00×–1.10×)', false],
    [[], [], 'n/a', false],
    [[1, Number.NaN], [1, 1], '1.00× (1.00×–1.00×)', false],
  ];
  for (const [num, den, text, wide] of rows) {
    const s = pairedRatios(num, den);
    assert.equal(formatRatioSpread(s), text, JSON.stringify([num, den]));
    assert.equal(isWide(s), wide, JSON.stringify([num, den]));
  }
  assert.deepEqual(spread([3, 1, 2]), { median: 2, min: 1, max: 3 });
});

test('failureLine picks the error line without colours or rules', () => {
  const output = '\u001b[31m ====\n OAS File Error - broken\n ReferenceError: Circular $ref pointer found\nPlease see docs/ERRORS.md for more\n ====\n';
  assert.equal(failureLine(output), 'ReferenceError: Circular $ref pointer found');
  assert.equal(failureLine('first\nlast line\n=====\n'), 'last line');
});

test('evenSample is deterministic and spread out', () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(evenSample(items, 0), items);
  assert.deepEqual(evenSample(items, 20), items);
  assert.deepEqual(evenSample(items, 5), [0, 2, 4, 6, 8]);
  assert.deepEqual(evenSample(items, 3), [0, 3, 6]);
});

test('declaresOpenApi3', () => {
  assert.equal(declaresOpenApi3('{"openapi": "3.0.0","info":{}}'), true);
  assert.equal(declaresOpenApi3('{"openapi":"3.1.0"}'), true);
  assert.equal(declaresOpenApi3('{"swagger":"2.0"}'), false);
});

test('reasonCategory folds numbers, quotes and pointers', () => {
  assert.equal(reasonCategory('Unresolvable $ref "#/components/schemas/Foo" at #/paths/~1a/get'), 'Unresolvable $ref … at #/…');
  assert.equal(reasonCategory('/item/3/request must be object'), '/item/N/request must be object');
});

test('markdown tables escape cells and pad rows', () => {
  assert.equal(escapeCell('a|b\nc'), 'a\\|b c');
  assert.equal(renderTable(['x', 'y'], [['1']]), '| x | y |\n| --- | --- |\n| 1 |  |');
  assert.equal(verdict(true), 'met');
  assert.equal(verdict(false), 'missed');
  assert.equal(verdict(undefined), 'not measured');
});

test('hasContractScript', () => {
  assert.equal(hasContractScript('{"scripts":{"contract":"node x"}}'), true);
  assert.equal(hasContractScript('{"scripts":{"test":"node x"}}'), false);
  assert.equal(hasContractScript('{}'), false);
});

test('parseProcStatCpuTicks: utime + stime, even with spaces and parentheses in the command name', () => {
  const rest = 'S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0 100';
  assert.equal(parseProcStatCpuTicks(`1234 (node) ${rest}`), 300);
  assert.equal(parseProcStatCpuTicks(`1234 (my (odd) name) ${rest}`), 300);
  assert.ok(Number.isNaN(parseProcStatCpuTicks('garbage')));
});

test('--no-store keeps the stored results and prints the report unless --out is given', () => {
  assert.equal(parseBenchArgs([]).noStore, false);
  const trial = parseBenchArgs(['--only', 'corpus', '--corpus-limit', '300', '--no-store']);
  assert.equal(trial.noStore, true);
  assert.equal(trial.out, '');
  assert.equal(parseBenchArgs(['--no-store', '--out', '/tmp/sample.md']).out, '/tmp/sample.md');
});
