import type { CatalogueOperation } from '../generators/scenarios/operation-catalogue.js';
import { stepItemNames, type ScenarioSuite } from '../generators/scenarios/scenario-model.js';
import type { CoverageExclusion } from './load-exclusions.js';

/** One (operation × documented status) cell of the coverage table. */
export interface CoverageRow {
  readonly operationId: string;
  readonly status: number;
  /** Steps that expect exactly this status (they exercise it). */
  readonly steps: readonly string[];
  /** Steps that accept this status among others (they may exercise it). */
  readonly accepting: readonly string[];
  /** Requests of the run that got this status (empty before a run). */
  readonly observed: readonly string[];
  /** Why this status is not exercised, when it is listed in the exclusions file. */
  readonly excluded: string | undefined;
}

/** A step that expects a status its operation does not document. */
export interface UndocumentedExpectation {
  readonly step: string;
  readonly operationId: string;
  readonly status: number;
}

export interface CoverageReport {
  readonly rows: readonly CoverageRow[];
  /** Documented statuses that no step expects and no exclusion explains. */
  readonly uncovered: readonly CoverageRow[];
  /** Exclusions that name no documented status, or a status some step exercises anyway. */
  readonly staleExclusions: readonly CoverageExclusion[];
  readonly undocumented: readonly UndocumentedExpectation[];
}

/** One request of a run: the item name and the status it got. */
export interface ObservedResponse {
  readonly item: string;
  readonly status: number;
}

/** Builds the coverage table; pure. Operations keep the spec's order, statuses ascend. */
export function buildCoverage(
  operations: ReadonlyMap<string, CatalogueOperation>,
  suite: ScenarioSuite,
  exclusions: readonly CoverageExclusion[],
  observed: readonly ObservedResponse[] = [],
): CoverageReport {
  const exact = new Map<string, string[]>();
  const accepting = new Map<string, string[]>();
  const seen = new Map<string, string[]>();
  const itemOperation = new Map<string, string>();
  const undocumented: UndocumentedExpectation[] = [];
  for (const scenario of suite.scenarios) {
    for (const step of scenario.steps) {
      if (step.operation === undefined) continue;
      const operation = operations.get(step.operation);
      for (const name of stepItemNames(step)) itemOperation.set(name, step.operation);
      for (const status of step.expect.status) {
        if (operation !== undefined && !operation.statuses.includes(status)) {
          undocumented.push({ step: step.name, operationId: step.operation, status });
        }
        const target = step.expect.status.length === 1 ? exact : accepting;
        push(target, cellKey(step.operation, status), step.name);
      }
    }
  }
  for (const response of observed) {
    const operationId = itemOperation.get(response.item);
    if (operationId !== undefined) push(seen, cellKey(operationId, response.status), response.item);
  }
  const reasons = new Map(exclusions.map((e) => [cellKey(e.operationId, e.status), e.reason]));
  const rows: CoverageRow[] = [];
  for (const operation of operations.values()) {
    for (const status of operation.statuses) {
      const key = cellKey(operation.operationId, status);
      rows.push({
        operationId: operation.operationId,
        status,
        steps: exact.get(key) ?? [],
        accepting: accepting.get(key) ?? [],
        observed: seen.get(key) ?? [],
        excluded: reasons.get(key),
      });
    }
  }
  const documented = new Set(rows.map((row) => cellKey(row.operationId, row.status)));
  const staleExclusions = exclusions.filter((e) => {
    const key = cellKey(e.operationId, e.status);
    return !documented.has(key) || exact.has(key);
  });
  return {
    rows,
    uncovered: rows.filter((row) => row.steps.length === 0 && row.excluded === undefined),
    staleExclusions,
    undocumented,
  };
}

/** Renders the table as plain text, one line per cell; `withObserved` adds the run's column. */
export function formatCoverage(report: CoverageReport, withObserved: boolean): string {
  const header = ['operation', 'status', 'steps', ...(withObserved ? ['observed'] : []), 'note'];
  const lines = report.rows.map((row) => {
    const note =
      row.excluded !== undefined
        ? `excluded: ${firstSentence(row.excluded)}`
        : row.steps.length === 0
          ? 'NOT EXERCISED'
          : (row.steps[0] ?? '') + (row.steps.length > 1 ? ` (+${row.steps.length - 1} more)` : '');
    const observed = withObserved ? [row.observed.length === 0 ? (row.excluded === undefined ? 'NOT SEEN' : '-') : String(row.observed.length)] : [];
    return [row.operationId, String(row.status), String(row.steps.length), ...observed, note];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const out = [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)];
  const covered = report.rows.filter((row) => row.steps.length > 0).length;
  const excluded = report.rows.filter((row) => row.excluded !== undefined).length;
  out.push('', `${covered} of ${report.rows.length} documented statuses exercised, ${excluded} excluded with a reason, ${report.uncovered.length} uncovered.`);
  if (withObserved) {
    const notSeen = report.rows.filter((row) => row.steps.length > 0 && row.observed.length === 0).length;
    out.push(`${report.rows.length - notSeen - excluded} observed in this run${notSeen > 0 ? `, ${notSeen} expected but not seen (skipped or failed steps)` : ''}.`);
  }
  return `${out.join('\n')}\n`;
}

/** The reason's first sentence keeps the table one line per cell; the file has the whole reason. */
function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

function cellKey(operationId: string, status: number): string {
  return `${operationId} ${status}`;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
