/**
 * reports/fleet.json (pure): the fleet's outcome for dashboards. Stable keys (format `aam-jwt-fleet/1`), one
 * object per site in the sites file's order; no secret, tokens only as labels (the writer redacts it too).
 */
import type { FleetResult, SiteOutcome } from './fleet-model.js';

export const FLEET_JSON_FORMAT = 'aam-jwt-fleet/1';

export function fleetJson(result: FleetResult): string {
  const passed = result.sites.filter((site) => site.status === 'passed').length;
  const document = {
    format: FLEET_JSON_FORMAT,
    sitesFile: result.sitesFile,
    startedAt: result.startedAt,
    durationMs: Math.round(result.durationMs),
    concurrency: result.concurrency,
    workers: result.workers,
    result: result.exitCode === 0 ? 'passed' : result.exitCode === 130 ? 'interrupted' : 'failed',
    exitCode: result.exitCode,
    totals: { sites: result.sites.length, passed, notPassed: result.sites.length - passed },
    sites: result.sites.map(siteJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function siteJson(site: SiteOutcome): Record<string, unknown> {
  const rows = site.coverage?.rows ?? [];
  return {
    name: site.name,
    url: site.url,
    status: site.status,
    passed: site.status === 'passed',
    release: site.release ?? null,
    generation: site.generation === undefined ? null : { releases: site.generation.releases, collection: site.generation.version ?? null },
    requests: site.requests,
    steps: site.steps,
    assertions: site.assertions,
    firstFailure: site.firstFailure ?? null,
    problem: site.problem ?? null,
    runError: site.runError ?? null,
    failures: site.failures,
    skippedSteps: site.skippedSteps,
    coverage:
      site.coverage === undefined
        ? null
        : {
            documented: rows.length,
            exercised: rows.filter((row) => row.steps.length > 0).length,
            observed: rows.filter((row) => row.observed.length > 0).length,
            rows: rows.map((row) => ({ operation: row.operationId, status: row.status, steps: row.steps.length, observed: row.observed.length, excluded: row.excluded ?? null })),
          },
    durationMs: Math.round(site.durationMs),
    files: site.files,
  };
}
