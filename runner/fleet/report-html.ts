/**
 * reports/fleet.html (pure): one self-contained page, readable offline (no script, no external file). A row per
 * site; each row opens (`<details>`) to that site's failures, skipped steps, coverage (operation × documented
 * status, what the run observed), what the run changed on the site, and links to its own reports.
 */
import type { CoverageRow } from '../coverage.js';
import { STATUS_LABEL, type FleetResult, type SiteOutcome } from './fleet-model.js';
import { formatDuration, reason, tableRows } from './report-table.js';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em;margin:0 0 .2em}
.meta{color:#555;margin-bottom:1em}
.row{display:grid;grid-template-columns:minmax(8em,1.2fr) 9em 5em 8em repeat(4,4.5em) minmax(12em,3fr) 6em;gap:.6em;padding:.35em .5em;align-items:baseline}
.head{font-weight:600;border-bottom:2px solid #999}
.num{text-align:right}
details{border-bottom:1px solid #ddd}
details[open]{background:#fafafa}
summary{list-style:none;cursor:pointer}
summary::-webkit-details-marker{display:none}
summary:hover{background:#f0f4ff}
.body{padding:.3em 1.5em 1em}
.status{font-weight:600}
.passed .status{color:#17692b}
.failed .status,.error .status,.not-ready .status,.misconfigured .status,.unreachable .status,.interrupted .status{color:#b3261e}
.unsupported .status{color:#8a5a00}
.first{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table{border-collapse:collapse;margin:.4em 0 1em}
th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
td.n{text-align:right}
tr.miss td{background:#fff3f2}
pre{background:#f4f4f4;padding:.6em;white-space:pre-wrap;word-break:break-word}
h3{font-size:1.05em;margin:1em 0 .3em}
.verdict{font-weight:700;margin-top:1em}
`;

export function fleetHtml(result: FleetResult): string {
  const rows = tableRows(result.sites);
  const passed = result.sites.filter((site) => site.status === 'passed').length;
  const header = ['site', 'status', 'AAM', 'generation', 'requests', 'passed', 'failed', 'skipped', 'first failure', 'time'];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>AAM JWT contract fleet: ${passed} of ${result.sites.length} passed</title>
<style>${STYLE}</style>
</head>
<body>
<h1>AAM JWT contract suite: fleet of ${result.sites.length} site${result.sites.length === 1 ? '' : 's'}</h1>
<div class="meta">Sites file ${esc(result.sitesFile)} · started ${esc(result.startedAt)} · ${esc(formatDuration(result.durationMs))} · concurrency ${result.concurrency} · click a site for its failures and coverage</div>
<div class="row head">${header.map((h, i) => `<span${i >= 4 && i <= 7 ? ' class="num"' : ''}>${h}</span>`).join('')}</div>
${result.sites.map((site, i) => siteBlock(site, rows[i] ?? [])).join('\n')}
<p class="verdict">${passed} of ${result.sites.length} passed: ${result.exitCode === 0 ? 'PASSED' : result.exitCode === 130 ? 'INTERRUPTED' : 'FAILED'}</p>
</body>
</html>
`;
}

function siteBlock(site: SiteOutcome, cells: readonly string[]): string {
  const summary = cells
    .map((cell, i) => {
      const cls = i === 1 ? 'status' : i >= 4 && i <= 7 ? 'num' : i === 8 ? 'first' : '';
      const title = i === 8 && site.firstFailure !== undefined ? ` title="${esc(site.firstFailure)}"` : '';
      return `<span${cls === '' ? '' : ` class="${cls}"`}${title}>${esc(cell)}</span>`;
    })
    .join('');
  return `<details class="${site.status}" id="site-${esc(site.name)}"><summary class="row">${summary}</summary><div class="body">
${details(site)}
</div></details>`;
}

function details(site: SiteOutcome): string {
  const parts: string[] = [];
  const facts = [
    ['URL', site.url],
    ['status', STATUS_LABEL[site.status]],
    ['AAM release', site.release ?? 'unknown (the plugin list is readable by administrators only)'],
    ['generation', site.generationLine ?? site.generation?.releases ?? 'unknown'],
    ['assertions', `${site.assertions.total - site.assertions.failed} passed, ${site.assertions.failed} failed`],
    ['time', formatDuration(site.durationMs)],
  ];
  parts.push(`<table>${facts.map(([k, v]) => `<tr><th>${esc(k ?? '')}</th><td>${esc(v ?? '')}</td></tr>`).join('')}</table>`);
  if (site.status !== 'passed') parts.push(`<h3>Why it did not pass</h3><pre>${esc(reason(site))}</pre>`);
  if (site.failures.length > 0) {
    parts.push(`<h3>Failures (${site.failures.length})</h3><table><tr><th>#</th><th>step</th><th>check</th><th>message</th></tr>${site.failures
      .map((f, i) => `<tr><td class="n">${i + 1}</td><td>${esc(f.item)}</td><td>${esc(f.test)}</td><td>${esc(f.message)}</td></tr>`)
      .join('')}</table>`);
  }
  if (site.skippedSteps.length > 0) parts.push(`<h3>Steps not sent (${site.skippedSteps.length})</h3><ul>${site.skippedSteps.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`);
  if (site.coverage !== undefined) parts.push(coverageTable(site.coverage.rows));
  if (site.siteChanges !== undefined) parts.push(`<h3>Site changes</h3><pre>${esc(site.siteChanges.trimEnd())}</pre>`);
  const links = [
    ['Newman report', site.files.html],
    ['JUnit', site.files.junit],
    ['run log', site.files.log],
  ].filter((link): link is [string, string] => link[1] !== undefined);
  parts.push(`<p>This site's own files: ${links.map(([label, href]) => `<a href="${esc(href)}">${esc(label)}</a>`).join(' · ')}</p>`);
  return parts.join('\n');
}

function coverageTable(rows: readonly CoverageRow[]): string {
  const exercised = rows.filter((row) => row.steps.length > 0).length;
  const observed = rows.filter((row) => row.observed.length > 0).length;
  const body = rows
    .map((row) => {
      const note = row.excluded !== undefined ? `excluded: ${row.excluded}` : row.steps.length === 0 ? 'NOT EXERCISED' : row.observed.length === 0 ? 'NOT SEEN in this run' : '';
      const miss = row.excluded === undefined && (row.steps.length === 0 || row.observed.length === 0);
      return `<tr${miss ? ' class="miss"' : ''}><td>${esc(row.operationId)}</td><td class="n">${row.status}</td><td class="n">${row.steps.length}</td><td class="n">${row.observed.length}</td><td>${esc(note)}</td></tr>`;
    })
    .join('');
  return `<h3>Coverage: ${exercised} of ${rows.length} documented statuses exercised, ${observed} observed</h3><table><tr><th>operation</th><th>status</th><th>steps</th><th>observed</th><th>note</th></tr>${body}</table>`;
}

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
