import { REST_ROUTES, ROUTES, SERVICE_ROUTES } from './exchange.js';
import type { Fault } from './fault-model.js';
import type { CatalogueResult } from './run-catalogue.js';
import type { FaultOutcome } from './run-fault.js';

/** The verdict over a catalogue run. */
export interface KillReport {
  readonly total: number;
  readonly killed: number;
  /** Survivors listed in ACCEPTED_SURVIVORS (with the reason). */
  readonly accepted: readonly string[];
  /** Survivors nobody explained: gaps in the suite. */
  readonly unexplained: readonly string[];
  /** Faults that never changed an exchange, or whose run broke: the harness, not the suite, is wrong. */
  readonly broken: readonly string[];
  /** Why the control run is not clean, or undefined when it is. */
  readonly controlProblem: string | undefined;
  /** Killed / total, 0..1. */
  readonly killRate: number;
  /** Control clean, nothing broken, every survivor accepted. */
  readonly passed: boolean;
}

/** What is wrong with an outcome as a measurement (not as a verdict), or undefined. */
function brokenReason(outcome: FaultOutcome): string | undefined {
  if (outcome.harnessError !== undefined) return outcome.harnessError;
  if (outcome.altered === 0) return 'the fault never changed an exchange';
  return undefined;
}

/** The verdict (pure). */
export function buildKillReport(result: CatalogueResult, accepted: Readonly<Record<string, string>>): KillReport {
  const { control, outcomes } = result;
  const broken = outcomes.filter((o) => brokenReason(o) !== undefined).map((o) => o.faultId ?? '');
  const measured = outcomes.filter((o) => brokenReason(o) === undefined);
  const survivors = measured.filter((o) => !o.killed).map((o) => o.faultId ?? '');
  const killed = measured.filter((o) => o.killed).length;
  const controlProblem =
    control.harnessError ?? (control.failures > 0 ? `${control.failures} assertion(s) failed without a fault` : control.requests === 0 ? 'no request was answered' : undefined);
  const unexplained = survivors.filter((id) => (accepted[id] ?? '').trim() === '');
  return {
    total: outcomes.length,
    killed,
    accepted: survivors.filter((id) => !unexplained.includes(id)),
    unexplained,
    broken,
    controlProblem,
    killRate: outcomes.length === 0 ? 0 : killed / outcomes.length,
    passed: controlProblem === undefined && broken.length === 0 && unexplained.length === 0,
  };
}

export function formatPercent(rate: number): string {
  return `${(Math.floor(rate * 1000) / 10).toString()} %`;
}

interface Row {
  readonly fault: string;
  readonly routes: string;
  readonly verdict: string;
  readonly by: string;
}

/** Route sets named in the table instead of listed (AAM 6.9.32's; another catalogue passes its own). */
export const NAMED_ROUTE_SETS_6932: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['every route', ROUTES],
  ['every REST route', REST_ROUTES],
  ['the 5 token-management routes', SERVICE_ROUTES],
];

/** The routes of a fault, with the common sets named. */
export function routesLabel(routes: readonly string[], named: ReadonlyArray<readonly [string, readonly string[]]> = NAMED_ROUTE_SETS_6932): string {
  const covers = (set: readonly string[]): boolean => set.length === routes.length && set.every((route) => routes.includes(route));
  for (const [label, set] of named) if (covers(set)) return label;
  return routes.join(', ');
}

function rowOf(fault: Fault, outcome: FaultOutcome | undefined, accepted: Readonly<Record<string, string>>, named: ReadonlyArray<readonly [string, readonly string[]]>): Row {
  const first = outcome?.killers[0];
  const broken = outcome === undefined ? 'not run' : brokenReason(outcome);
  const verdict = broken !== undefined ? `BROKEN (${broken})` : outcome?.killed === true ? 'killed' : accepted[fault.id] !== undefined ? `survived (accepted: ${accepted[fault.id]})` : 'SURVIVED';
  const more = outcome !== undefined && outcome.failures > 1 ? ` (+${outcome.failures - 1} more)` : '';
  return { fault: fault.id, routes: routesLabel(fault.routes, named), verdict, by: first === undefined ? '' : `${first.item} › ${first.test}${more}` };
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The fault table: Markdown (README) or aligned text (terminal). Deterministic: no timings. */
export function formatTable(
  faults: readonly Fault[],
  result: CatalogueResult,
  accepted: Readonly<Record<string, string>>,
  markdown: boolean,
  named: ReadonlyArray<readonly [string, readonly string[]]> = NAMED_ROUTE_SETS_6932,
): string {
  const rows = faults.map((fault) => rowOf(fault, result.outcomes.find((o) => o.faultId === fault.id), accepted, named));
  if (markdown) {
    const lines = ['| # | fault | what the broken site does | routes | verdict | first failing test |', '| ---: | --- | --- | --- | --- | --- |'];
    rows.forEach((row, i) => lines.push(`| ${i + 1} | \`${row.fault}\` | ${escapeCell(faults[i]?.description ?? '')} | ${escapeCell(row.routes)} | ${escapeCell(row.verdict)} | ${escapeCell(row.by)} |`));
    return `${lines.join('\n')}\n`;
  }
  const width = (pick: (row: Row) => string, title: string): number => Math.max(title.length, ...rows.map((row) => pick(row).length));
  const idWidth = width((row) => row.fault, 'fault');
  const verdictWidth = width((row) => row.verdict, 'verdict');
  const lines = [`${'fault'.padEnd(idWidth)}  ${'verdict'.padEnd(verdictWidth)}  first failing test`];
  for (const row of rows) lines.push(`${row.fault.padEnd(idWidth)}  ${row.verdict.padEnd(verdictWidth)}  ${row.by}`.trimEnd());
  return `${lines.join('\n')}\n`;
}

/** The lines under the table: control, kill rate, problems. */
export function formatVerdict(report: KillReport, result: CatalogueResult): string {
  const { control } = result;
  const lines = [
    report.controlProblem === undefined
      ? `Control (no fault): clean, ${control.requests} requests, ${control.assertions} assertions.`
      : `Control (no fault): NOT CLEAN: ${report.controlProblem}.`,
    `Kill rate: ${report.killed}/${report.total} faults killed (${formatPercent(report.killRate)}).`,
  ];
  if (report.accepted.length > 0) lines.push(`Accepted survivors: ${report.accepted.join(', ')}.`);
  if (report.unexplained.length > 0) lines.push(`Survivors with no accepted reason (gaps in the suite): ${report.unexplained.join(', ')}.`);
  if (report.broken.length > 0) lines.push(`Broken measurements (harness problems): ${report.broken.join(', ')}.`);
  lines.push(report.passed ? 'RESULT: PASSED' : 'RESULT: FAILED');
  return `${lines.join('\n')}\n`;
}
