/**
 * Golden JSON `{"<run>": [[firstLS, lastLS], …]}` (inclusive ranges of lumisections good for
 * physics). HDQM's old tool took only the run numbers; here the ranges count: a run's share of
 * certified lumisections and its certified luminosity go with every point.
 */
import { z } from "zod";
import { MAX_TREND_RUNS } from "./trend-limits";

export type GoldenJson = Record<string, [number, number][]>;

const lsRange = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([a, b]) => a <= b, { message: "a range must be [first, last] with first ≤ last" });

export const goldenJsonSchema = z
  .record(z.string().regex(/^\d+$/, "run numbers are the keys"), z.array(lsRange))
  .refine((o) => Object.keys(o).length > 0, { message: "the golden JSON lists no runs" })
  .refine((o) => Object.keys(o).length <= MAX_TREND_RUNS, { message: `at most ${MAX_TREND_RUNS.toLocaleString("en-US")} runs` });

export interface GoldenRun {
  readonly run: number;
  readonly ranges: readonly (readonly [number, number])[];
}

/** Runs and merged, sorted ranges; runs with no range are dropped (nothing certified). */
export function goldenRuns(json: GoldenJson): GoldenRun[] {
  return Object.entries(json)
    .map(([run, ranges]) => ({ run: Number(run), ranges: mergeRanges(ranges) }))
    .filter((r) => r.ranges.length > 0)
    .sort((a, b) => a.run - b.run);
}

export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Certified lumisections of a run, clipped to its lumisection count when known. */
export function certifiedLsCount(ranges: readonly (readonly [number, number])[], lsCount: number | null): number {
  let n = 0;
  for (const [a, b] of ranges) {
    const hi = lsCount !== null ? Math.min(b, lsCount) : b;
    if (hi >= a) n += hi - a + 1;
  }
  return n;
}
