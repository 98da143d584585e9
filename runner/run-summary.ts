import type { NewmanRunSummary } from 'newman';
import type { ObservedResponse } from './coverage.js';

/** One failed assertion or error of the run, named by folder and request. */
export interface RunFailure {
  readonly item: string;
  readonly test: string;
  readonly message: string;
}

/** One request the run sent (a step of a scenario): what it got and how its checks went. */
export interface StepFact {
  /** The scenario (the step's folder). */
  readonly scenario: string;
  readonly item: string;
  /** The status it got; `undefined` when no answer came. */
  readonly status: number | undefined;
  /** Newman's response time, milliseconds (0 without an answer). */
  readonly timeMs: number;
  readonly assertions: number;
  /** Its failed assertions, and the request error when no answer came. */
  readonly failures: readonly RunFailure[];
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
  /** Every request the run sent, in order. */
  readonly steps: readonly StepFact[];
  /** Steps of the folder that were never sent, by name, in the folder's order. */
  readonly skippedSteps: readonly string[];
}

interface NewmanExecution {
  readonly item: { readonly name?: string; parent?(): { readonly name?: string } | undefined };
  readonly response?: unknown;
  readonly requestError?: { readonly message?: string } | null;
  readonly assertions?: ReadonlyArray<{ readonly assertion?: string; readonly skipped?: boolean; readonly error?: { readonly message?: string; readonly test?: string } | null }>;
}

/** Extracts the facts of a Newman summary (pure); `planned` = the item names of the folder that ran, in order. */
export function summarizeRun(summary: NewmanRunSummary, planned: readonly string[]): RunFacts {
  const executions = summary.run.executions as unknown as readonly NewmanExecution[];
  const observed: ObservedResponse[] = [];
  const steps: StepFact[] = [];
  let errored = 0;
  for (const execution of executions) {
    const item = execution.item.name ?? '';
    const response = execution.response as { code?: number; responseTime?: number } | undefined;
    if (response?.code !== undefined) observed.push({ item, status: response.code });
    else errored += 1;
    const checks = (execution.assertions ?? []).filter((a) => a.skipped !== true);
    const stepFailures: RunFailure[] = checks.flatMap((a) => (a.error === undefined || a.error === null ? [] : [{ item, test: a.assertion ?? a.error.test ?? 'assertion', message: a.error.message ?? '' }]));
    if (response?.code === undefined) stepFailures.push({ item, test: 'request', message: execution.requestError?.message ?? 'no answer' });
    steps.push({ scenario: execution.item.parent?.()?.name ?? '', item, status: response?.code, timeMs: response?.responseTime ?? 0, assertions: checks.length, failures: stepFailures });
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
    notSent: Math.max(0, planned.length - executions.length),
    errored,
    assertions: stats.total ?? 0,
    failedAssertions: stats.failed ?? 0,
    failures,
    observed,
    runError: runError === undefined || runError === null ? undefined : (runError.message ?? String(runError)),
    steps,
    skippedSteps: notExecuted(planned, steps.map((step) => step.item)),
  };
}

/** The planned names that no execution used (a multiset difference, in the planned order). */
function notExecuted(planned: readonly string[], executed: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const name of executed) left.set(name, (left.get(name) ?? 0) + 1);
  return planned.filter((name) => {
    const count = left.get(name) ?? 0;
    if (count === 0) return true;
    left.set(name, count - 1);
    return false;
  });
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
