/**
 * Issue 16, CMSSW QTest edge cases (0 neighbours, NoisyChannel's float tolerance,
 * CompareToMedian's negative value): against the reference's own number computed in
 * scripts/vectors/make_compare_compat_vectors.py (the reference's source lines are cited there).
 */
import { describe, expect, it } from "vitest";
import type { CompatVectors } from "../vectors/compat-vectors";
import type { Histogram } from "../../histograms/histogram";
import { compareOnce } from "../compare-once";
import { histFromCells, histFromInner, loadVectors } from "../vectors/load-vectors";

const v = loadVectors<CompatVectors>("compat");

describe("CMSSW quality-test edge cases", () => {
  const q = v.qtests;
  it("NoisyChannel compares against a float tolerance", () => {
    const r = compareOnce({ spec: { test: "NoisyChannel", params: { tolerance: q.noisyTolerance.tolerance, neighbours: 1 } }, data: histFromCells(q.noisyTolerance.contents) });
    expect(r.score).toBe(q.noisyTolerance.value);
  });
  it("NoisyChannel with 0 neighbours keeps CMSSW's 1", () => {
    const r = compareOnce({ spec: { test: "NoisyChannel", params: { tolerance: q.noisyZeroNeighbours.tolerance, neighbours: 0 } }, data: histFromCells(q.noisyZeroNeighbours.contents) });
    expect(r.score).toBe(q.noisyZeroNeighbours.value);
  });
  it("ContentSigma with 0 neighbours keeps CMSSW's 1", () => {
    const c = q.contentSigmaZeroNeighbours;
    const r = compareOnce({ spec: { test: "ContentSigma", params: { toleranceNoisy: c.toleranceNoisy, toleranceDead: c.toleranceDead, xBlocks: c.xBlocks, neighboursX: c.neighboursX } }, data: histFromCells(c.contents) });
    expect(r.score).toBe(c.value);
  });
  it("CompareToMedian's negative value is an ERROR with that value, as QCriterion reports it", () => {
    const c = q.compareToMedianNegative;
    const nx = c.nx;
    const ny = c.ny;
    const inner = (f: (x: number, y: number) => number): number[] => Array.from({ length: nx * ny }, (_, k) => f(k % nx, Math.trunc(k / nx)));
    const h: Histogram = { ...histFromInner(inner((x, y) => c.means[x]![y]! * c.entries[x]![y]!), nx, ny), kind: "TProfile2D", binEntries: histFromInner(inner((x, y) => c.entries[x]![y]!), nx, ny).contents };
    const r = compareOnce({ spec: { test: "CompareToMedian", params: c.params }, data: h });
    expect(r.status).toBe(c.status);
    expect(r.statistic).toBe(c.value);
  });
});

