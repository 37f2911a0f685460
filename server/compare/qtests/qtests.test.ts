import { describe, expect, it } from "vitest";
import type { Histogram } from "../../histograms/histogram";
import { runTest } from "../run-test";
import { testSpecSchema } from "../config/test-config";
import { histFromSpec, loadVectors, type HistSpec } from "../vectors/load-vectors";
import { compareToMedian } from "./compare-to-median";
import { compareLastFilledBin } from "./bin-checks";
import { noisyChannel } from "./noisy-channel";
import { contentSigma } from "./content-sigma";

interface Case {
  test: string;
  h: HistSpec;
  ref?: HistSpec;
  params: Record<string, unknown>;
  value: number;
  statistic?: number;
  ndf?: number;
}
const cases = loadVectors<Case[]>("qtests");

describe("CMSSW quality tests against the Python transcription of QTest.cc", () => {
  cases.forEach((c, i) => {
    it(`${c.test} #${i}`, () => {
      const spec = testSpecSchema.parse({ name: c.test, match: ["**"], test: c.test, params: c.params });
      const r = runTest(spec, histFromSpec(c.h), c.ref ? [histFromSpec(c.ref)] : []);
      expect(r.score).toBe(c.value);
      if (c.statistic !== undefined) expect(r.statistic).toBeCloseTo(c.statistic, 10);
      if (c.ndf !== undefined) expect(r.ndf).toBe(c.ndf);
      const expected = c.value < 0.5 ? "ERROR" : c.value < 0.9 ? "WARNING" : "OK";
      if (c.test !== "CheckVariance") expect(r.status).toBe(expected);
    });
  });
});

function th2(nx: number, ny: number, f: (x: number, y: number) => number): Histogram {
  const contents = new Float64Array((nx + 2) * (ny + 2));
  for (let y = 1; y <= ny; y++) for (let x = 1; x <= nx; x++) contents[x + (nx + 2) * y] = f(x, y);
  return { kind: "TH2", name: "h2", title: "", x: { nbins: nx, min: 0, max: nx }, y: { nbins: ny, min: 0, max: ny }, contents, entries: contents.reduce((a, b) => a + b, 0) };
}

describe("quality tests on hand-computed cases", () => {
  it("NoisyChannel 2D flags one hot cell of 25", () => {
    const h = th2(5, 5, (x, y) => (x === 3 && y === 3 ? 100 : 10));
    expect(noisyChannel(h, { tolerance: 2, neighbours: 1 }).score).toBe(Math.fround(24 / 25));
  });

  it("CompareToMedian fails outliers of a TProfile2D column", () => {
    const nx = 2;
    const ny = 5;
    const cells = (nx + 2) * (ny + 2);
    const contents = new Float64Array(cells);
    const binEntries = new Float64Array(cells);
    for (let y = 1; y <= ny; y++) {
      for (let x = 1; x <= nx; x++) {
        const c = x + (nx + 2) * y;
        binEntries[c] = 10;
        contents[c] = 10 * (x === 1 && y === 4 ? 5 : 1); // mean 5 in one bin, 1 elsewhere
      }
    }
    const h: Histogram = { kind: "TProfile2D", name: "p", title: "", x: { nbins: nx, min: 0, max: 2 }, y: { nbins: ny, min: 0, max: 5 }, contents, binEntries, entries: 100 };
    const r = compareToMedian(h, { min: 0.5, max: 2, minMedian: 0, maxMedian: 100, useEmptyBins: false, statCut: 0 });
    expect(r.score).toBe(Math.fround(1 - 1 / 10));
  });

  it("CompareLastFilledBin reads the last bin above the threshold", () => {
    const h = th2(3, 3, (x, y) => x * y);
    expect(compareLastFilledBin(h, { min: 5, max: 10, average: 0 }).score).toBe(1);
    expect(compareLastFilledBin(h, { min: 9, max: 10, average: 0 }).score).toBe(0);
  });

  it("ContentSigma flags a dead and a noisy bin in a flat 1D histogram", () => {
    const contents = new Float64Array(22).fill(100);
    contents[0] = 0;
    contents[21] = 0;
    contents[5] = 0;
    contents[15] = 400;
    const h: Histogram = { kind: "TH1", name: "f", title: "", x: { nbins: 20, min: 0, max: 20 }, contents, entries: 2200 };
    const r = contentSigma(h, { toleranceNoisy: 3, toleranceDead: 3, noisy: true, dead: true, xBlocks: 999, yBlocks: 999, neighboursX: 2, neighboursY: 0, xMin: 0, xMax: 0, yMin: 0, yMax: 0 });
    expect(r.score).toBeLessThan(1);
    expect(r.score).toBeGreaterThan(0.8);
  });

  it("tests refuse kinds they do not handle with INVALID, and missing references with DID_NOT_RUN", () => {
    const h = th2(3, 3, () => 1);
    expect(runTest(testSpecSchema.parse({ name: "x", match: ["**"], test: "ContentsXRange" }), h).status).toBe("INVALID");
    expect(runTest(testSpecSchema.parse({ name: "x", match: ["**"], test: "Comp2RefChi2" }), h).status).toBe("DID_NOT_RUN");
  });
});
