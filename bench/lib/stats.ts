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

/** Median, smallest and largest of a list (NaN for an empty list). */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite) };
}

/** Ratios of runs measured side by side (`numerators[i] / denominators[i]`), as a spread. */
export function pairedRatios(numerators: readonly number[], denominators: readonly number[]): Spread {
  return spread(numerators.map((n, i) => ratio(n, denominators[i] ?? Number.NaN)));
}

/** Whether a spread is wide: its range exceeds a quarter of its median. */
export function isWide(s: Spread): boolean {
  return Number.isFinite(s.median) && s.median > 0 && (s.max - s.min) / s.median > 0.25;
}

/** `1.23× (1.10–1.40)`, or `n/a`. */
export function formatRatioSpread(s: Spread): string {
  if (!Number.isFinite(s.median)) return 'n/a';
  return `${formatRatio(s.median)} (${formatRatio(s.min)}–${formatRatio(s.max)})`;
}

/** `1.23 s (1.10–1.40 s)`, or `n/a`. */
export function formatMsSpread(s: Spread): string {
  if (!Number.isFinite(s.median)) return 'n/a';
  return `${formatMs(s.median)} (${formatMs(s.min)}–${formatMs(s.max)})`;
}
