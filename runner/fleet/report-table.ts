/**
 * The fleet's terminal table (pure): a row per site — status, AAM release, generation, requests, steps
 * passed/failed/skipped, first failure, time — then the whole one line of every site that did not pass
 * (the table cuts long reasons), and the verdict.
 */
import { STATUS_LABEL, type FleetResult, type SiteOutcome, type SiteStatus } from './fleet-model.js';

const FIRST_FAILURE_WIDTH = 60;

/** `850 ms`, `26.8 s`, `2 min 05 s` */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function ran(site: SiteOutcome): boolean {
  return site.stepFacts.length > 0 || site.skippedSteps.length > 0;
}

export function tableRows(sites: readonly SiteOutcome[]): string[][] {
  return sites.map((site) => {
    const counts = ran(site) ? [String(site.requests), String(site.steps.passed), String(site.steps.failed), String(site.steps.skipped)] : ['-', '-', '-', '-'];
    const first = site.firstFailure === undefined ? '' : cut(site.firstFailure, FIRST_FAILURE_WIDTH);
    return [site.name, STATUS_LABEL[site.status], site.release ?? '?', site.generation?.releases ?? '?', ...counts, first, formatDuration(site.durationMs)];
  });
}

const HEADER = ['site', 'status', 'AAM', 'generation', 'requests', 'passed', 'failed', 'skipped', 'first failure', 'time'];
const NUMERIC = new Set([4, 5, 6, 7]);

/** The table, the reasons, `notes` (e.g. where the reports are) and the verdict. */
export function formatFleetTable(result: FleetResult, notes: readonly string[] = []): string {
  const rows = tableRows(result.sites);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (cells: readonly string[]): string => cells.map((cell, i) => (NUMERIC.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const lines = [render(HEADER), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)];
  const notPassed = result.sites.filter((site) => site.status !== 'passed');
  if (notPassed.length > 0) {
    lines.push('', 'Why (one line per site that did not pass):');
    for (const site of notPassed) lines.push(`  ${site.name}: ${reason(site)}`);
  }
  if (notes.length > 0) lines.push('', ...notes);
  const passed = result.sites.length - notPassed.length;
  const others = (Object.keys(STATUS_LABEL) as SiteStatus[])
    .filter((status) => status !== 'passed')
    .map((status) => [STATUS_LABEL[status], notPassed.filter((site) => site.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `, ${n} ${label}`)
    .join('');
  lines.push('', `${passed} of ${result.sites.length} site${result.sites.length === 1 ? '' : 's'} passed${others} in ${formatDuration(result.durationMs)} (concurrency ${result.concurrency}).`);
  lines.push(result.exitCode === 0 ? 'FLEET RESULT: PASSED' : result.exitCode === 130 ? 'FLEET RESULT: INTERRUPTED' : 'FLEET RESULT: FAILED');
  return `${lines.join('\n')}\n`;
}

/** The whole reason a site did not pass: its problem's line and code, or its failures. */
export function reason(site: SiteOutcome): string {
  if (site.problem !== undefined) return `${site.problem.message} [${site.problem.code}]`;
  const more = site.failures.length > 1 ? ` (+${site.failures.length - 1} more failed checks)` : '';
  return `${site.firstFailure ?? site.runError ?? STATUS_LABEL[site.status]}${more}`;
}

function cut(text: string, width: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}
