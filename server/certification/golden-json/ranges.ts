/** Lumisection lists ↔ the golden JSON's inclusive ranges. */
export type LsRange = [number, number];

/** Sorted, merged inclusive ranges of the given lumisection numbers. */
export function toRanges(lumisections: Iterable<number>): LsRange[] {
  const sorted = [...new Set(lumisections)].sort((a, b) => a - b);
  const out: LsRange[] = [];
  for (const ls of sorted) {
    const last = out[out.length - 1];
    if (last && ls === last[1] + 1) last[1] = ls;
    else out.push([ls, ls]);
  }
  return out;
}

export function rangesContain(ranges: readonly LsRange[], ls: number): boolean {
  return ranges.some(([a, b]) => ls >= a && ls <= b);
}
