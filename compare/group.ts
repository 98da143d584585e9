/** Group disagreements by signature: a count, the features every member shares, and one minimal example. */
import type { Verdict } from './types.js';

export interface Group {
  signature: string;
  count: number;
  /** features present in every member */
  common: string[];
  /** the member with the fewest features, then the shortest request */
  example: Verdict;
}

function size(v: Verdict): number {
  return v.probe.features.length * 10_000 + v.probe.target.length + (v.probe.body?.length ?? 0);
}

export function groupVerdicts(verdicts: readonly Verdict[]): Group[] {
  const bySig = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    if (v.agree.whole) continue;
    const list = bySig.get(v.signature);
    if (list) list.push(v);
    else bySig.set(v.signature, [v]);
  }
  const groups: Group[] = [];
  for (const [signature, members] of bySig) {
    const first = members[0] as Verdict;
    const common = first.probe.features.filter((f) => members.every((m) => m.probe.features.includes(f)));
    const example = members.reduce((best, m) => (size(m) < size(best) ? m : best), first);
    groups.push({ signature, count: members.length, common, example });
  }
  return groups.sort((x, y) => y.count - x.count || x.signature.localeCompare(y.signature));
}
