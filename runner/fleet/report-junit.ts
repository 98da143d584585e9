/**
 * The fleet's JUnit XML (pure): one `<testsuite>` per site, one `<testcase>` per step it sent (its failed checks
 * as `<failure>`), one `<skipped/>` test case per step never sent, and for a site that did not run one
 * `preflight` test case with an `<error>` carrying its code and one line. CI systems then show each site as a
 * suite and each broken step by name.
 */
import { STATUS_LABEL, type FleetResult, type SiteOutcome } from './fleet-model.js';
import { failureLine } from './site-outcome.js';

export function fleetJunit(result: FleetResult): string {
  const suites = result.sites.map((site, i) => suite(site, i));
  const total = (key: keyof Counts): number => suites.reduce((n, s) => n + s.counts[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="AAM JWT contract fleet" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}" time="${seconds(result.durationMs)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

function suite(site: SiteOutcome, id: number): { xml: string; counts: Counts } {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  for (const step of site.stepFacts) {
    const body = step.failures.map((f) => `      <failure type="${f.test === 'request' ? 'RequestError' : 'AssertionFailure'}" message="${attr(f.test)}">${text(failureLine(f))}</failure>`);
    if (body.length > 0) failures += 1;
    cases.push(testcase(`${site.name}.${step.scenario}`, step.item, step.timeMs, body));
  }
  for (const name of site.skippedSteps) cases.push(testcase(site.name, name, 0, ['      <skipped message="not sent: its variables were not set, or the run stopped before it"/>']));
  let skipped = site.skippedSteps.length;
  if (site.status === 'unsupported' && site.problem !== undefined) {
    skipped += 1;
    cases.push(testcase(site.name, 'generation', site.durationMs, [`      <skipped message="${attr(site.problem.message)}"/>`]));
  } else if (site.problem !== undefined) {
    errors += 1;
    cases.push(testcase(site.name, 'preflight', site.durationMs, [`      <error type="${attr(site.problem.code)}" message="${attr(site.problem.message)}"/>`]));
  } else if (site.runError !== undefined) {
    errors += 1;
    cases.push(testcase(site.name, 'run', site.durationMs, [`      <error type="RunStopped" message="${attr(site.runError)}"/>`]));
  }
  const counts: Counts = { tests: cases.length, failures, errors, skipped };
  const properties = [
    ['url', site.url],
    ['status', STATUS_LABEL[site.status]],
    ['aam.release', site.release ?? 'unknown'],
    ['aam.generation', site.generation?.releases ?? 'unknown'],
  ].map(([name, value]) => `      <property name="${attr(name ?? '')}" value="${attr(value ?? '')}"/>`);
  const xml = [
    `  <testsuite name="${attr(site.name)}" id="${id}" tests="${counts.tests}" failures="${failures}" errors="${errors}" skipped="${counts.skipped}" time="${seconds(site.durationMs)}">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { xml, counts };
}

function testcase(classname: string, name: string, ms: number, body: readonly string[]): string {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="${seconds(ms)}"`;
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 text: escaped, characters XML cannot hold dropped. */
function text(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;');
}
