/** Markdown rendering for RESULTS.md: pure, deterministic. */

/** Escapes the characters that would break a Markdown table cell. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Renders a GitHub-flavoured Markdown table. Rows shorter than the header are padded with empty cells. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${header.map((_, i) => escapeCell(cells[i] ?? '')).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** `met` / `missed` / `not measured` for a target check. */
export function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'not measured';
  return met ? 'met' : 'missed';
}
