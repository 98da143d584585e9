import type { NewmanRunSummary } from 'newman';
import type { ObservedResponse } from './coverage.js';

/** One failed assertion or error of the run, named by folder and request. */
export interface RunFailure {
  readonly item: string;
  readonly test: string;
  readonly message: string;
}

/** What a contract run produced, independent of Newman's object model. */
export interface RunFacts {
  /** Requests that got an answer. */
  readonly requests: number;
  /** Requests of the folder that were never sent: skipped (their variables were not set) or after a halt. */
  readonly notSent: number;
  /** Requests that got no answer (connection refused, timeout, …). */
  readonly errored: number;
  readonly assertions: number;
  readonly failedAssertions: number;
  readonly failures: readonly RunFailure[];
  readonly observed: readonly ObservedResponse[];
  readonly runError: string | undefined;
}

/** Extracts the facts of a Newman summary (pure); `planned` = requests in the folder that ran. */
export function summarizeRun(summary: NewmanRunSummary, planned: number): RunFacts {
  const executions = summary.run.executions;
  const observed: ObservedResponse[] = [];
  let errored = 0;
  for (const execution of executions) {
    const response = execution.response as { code?: number } | undefined;
    if (response?.code !== undefined) observed.push({ item: execution.item.name ?? '', status: response.code });
    else errored += 1;
  }
  const failures = summary.run.failures.map((failure): RunFailure => {
    const source = failure.source as { name?: string } | undefined;
    const error = failure.error as { test?: string; message?: string; name?: string };
    return { item: source?.name ?? failure.at, test: error.test ?? error.name ?? 'error', message: error.message ?? '' };
  });
  const stats = summary.run.stats.assertions;
  const runError = (summary.run as { error?: { message?: string } }).error;
  return {
    requests: observed.length,
    notSent: Math.max(0, planned - executions.length),
    errored,
    assertions: stats.total ?? 0,
    failedAssertions: stats.failed ?? 0,
    failures,
    observed,
    runError: runError === undefined || runError === null ? undefined : (runError.message ?? String(runError)),
  };
}

/** The readable end-of-run summary. */
export function formatRunFacts(facts: RunFacts, against: string): string {
  const lines = [
    `Contract run against ${against}`,
    `  requests: ${facts.requests} answered, ${facts.errored} without an answer, ${facts.notSent} not sent (skipped because their variables were not set, or after a stop)`,
    `  assertions: ${facts.assertions - facts.failedAssertions} passed, ${facts.failedAssertions} failed`,
  ];
  if (facts.runError !== undefined) lines.push(`  run error: ${facts.runError}`);
  if (facts.failures.length > 0) {
    lines.push('', `FAILED (${facts.failures.length}):`);
    facts.failures.forEach((f, i) => lines.push(`  ${i + 1}. ${f.item}: ${f.test}${f.message === '' || f.message === f.test ? '' : `\n     ${f.message}`}`));
  }
  const passed = facts.failures.length === 0 && facts.runError === undefined;
  lines.push('', passed ? 'RESULT: PASSED' : 'RESULT: FAILED');
  return `${lines.join('\n')}\n`;
}
