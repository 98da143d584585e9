/** Small pure statistics helpers for the benchmark tables. */

/** Median of a non-empty list (mean of the two middle values for even lengths); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  if (sorted.length % 2 === 1) return hi;
  const lo = sorted[mid - 1] ?? Number.NaN;
  return (lo + hi) / 2;
}

/** `numerator / denominator`, or NaN when either side is not a positive finite number. */
export function ratio(numerator: number, denominator: number): number {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0 || numerator < 0) {
    return Number.NaN;
  }
  return numerator / denominator;
}

/** Formats a ratio as `12.3×`, or `n/a`. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

/** Formats milliseconds as `850 ms` or `12.34 s`, or `n/a`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Formats kibibytes as mebibytes (`123.4 MiB`), or `n/a`. */
export function formatKib(kib: number): string {
  if (!Number.isFinite(kib)) return 'n/a';
  return `${(kib / 1024).toFixed(1)} MiB`;
}

/** Formats a share as a percentage with one decimal (`99.2 %`), or `n/a`. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return 'n/a';
  return `${((100 * part) / whole).toFixed(1)} %`;
}
