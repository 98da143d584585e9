/**
 * Reports of a comparison: a terminal summary and a self-contained HTML page. Requests are shown with
 * their placeholders (`{{token:admin}}`, `{{password:target}}`) and answers normalized, so no password
 * or live token ever reaches a report.
 */
import type { Group } from './group.js';
import type { CompareResult } from './run.js';
import { MEASURES } from './types.js';
import type { NormalAnswer, Probe } from './types.js';

const MAX_BODY = 600;

export function percent(n: number, total: number): string {
  return total === 0 ? '100.00 %' : `${(Math.floor((n / total) * 10_000) / 100).toFixed(2)} %`;
}

function clip(s: string, max = MAX_BODY): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length} bytes)` : s;
}

export function requestText(p: Probe): string {
  const lines = [`${p.method} ${p.target}`, ...p.headers.map(([k, v]) => `${k}: ${v}`)];
  if (p.body !== null) lines.push('', clip(JSON.stringify(p.body).slice(1, -1)));
  return lines.join('\n');
}

export function answerText(a: NormalAnswer): string {
  return [`${a.status}`, ...a.headers.map(([k, v]) => `${k}: ${v}`), '', clip(a.body)].join('\n');
}

export function summaryLines(r: CompareResult): string[] {
  const lines = [
    `compare AAM ${r.aamVersion}: A=${r.sides.a} B=${r.sides.b}, seed ${r.seed}, ${r.total} requests`,
    ...MEASURES.map((m) => `  ${m.padEnd(8)} ${percent(r.agreed[m], r.total).padStart(9)}  (${r.agreed[m]}/${r.total})`),
    `  crashes  A ${r.crashes.a}, B ${r.crashes.b} ("critical error" pages)`,
    `  groups   ${r.groups.length} (${r.groups.reduce((s, g) => s + g.count, 0)} requests disagree)`,
  ];
  return lines;
}

function groupText(g: Group, i: number): string {
  const e = g.example;
  return [
    `#${i + 1} ×${g.count}  ${g.signature}`,
    `   features: ${g.common.join(' ') || '(none shared)'}`,
    `   first difference: ${e.difference}`,
    `   request #${e.probe.index}:`,
    ...requestText(e.probe).split('\n').map((l) => `     ${l}`),
    '   A:',
    ...answerText(e.a).split('\n').map((l) => `     ${l}`),
    '   B:',
    ...answerText(e.b).split('\n').map((l) => `     ${l}`),
  ].join('\n');
}

/** The terminal report: summary, then every group (the first `limit` with their example). */
export function textReport(r: CompareResult, limit = 20): string {
  const out = [...summaryLines(r), ''];
  r.groups.forEach((g, i) => {
    out.push(i < limit ? groupText(g, i) : `#${i + 1} ×${g.count}  ${g.signature}`);
    if (i < limit) out.push('');
  });
  return `${out.join('\n')}\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function htmlReport(r: CompareResult): string {
  const rows = MEASURES.map((m) => `<tr><td>${m}</td><td>${percent(r.agreed[m], r.total)}</td><td>${r.agreed[m]}/${r.total}</td></tr>`).join('');
  const groups = r.groups.map((g, i) => `<details${i < 5 ? ' open' : ''}><summary><b>#${i + 1} ×${g.count}</b> <code>${esc(g.signature)}</code></summary>
<p>features every request of the group has: <code>${esc(g.common.join(' ') || '(none shared)')}</code><br>first difference: ${esc(g.example.difference)}</p>
<div class="cols"><div><h4>request #${g.example.probe.index}</h4><pre>${esc(requestText(g.example.probe))}</pre></div>
<div><h4>A</h4><pre>${esc(answerText(g.example.a))}</pre></div><div><h4>B</h4><pre>${esc(answerText(g.example.b))}</pre></div></div></details>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>compare AAM ${esc(r.aamVersion)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:.5em;font-size:12px}
.cols{display:grid;grid-template-columns:1fr 1fr 1fr;gap:1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}details{margin:.6em 0}</style></head>
<body><h1>compare AAM ${esc(r.aamVersion)}</h1>
<p>A = <code>${esc(r.sides.a)}</code>, B = <code>${esc(r.sides.b)}</code>, seed ${r.seed}, ${r.total} requests;
crashes ("critical error" pages): A ${r.crashes.a}, B ${r.crashes.b}.</p>
<table><tr><th>measure</th><th>agreement</th><th>requests</th></tr>${rows}</table>
<h2>${r.groups.length} groups of disagreement</h2>
${groups || '<p>None: the two sides agree on every request.</p>'}
</body></html>
`;
}
