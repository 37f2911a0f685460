import { describe, expect, it } from "vitest";
import type { Histogram } from "../histograms/histogram";
import { binPulls, plotLine } from "./comparison-plot";

function th1(contents: number[], min = 0, max = contents.length): Histogram {
  const all = Float64Array.from([0, ...contents, 0]);
  return { kind: "TH1", name: "h", title: "", x: { nbins: contents.length, min, max }, contents: all, entries: contents.reduce((a, b) => a + b, 0) };
}

describe("plotLine", () => {
  it("gives n + 1 edges and the inner bins, without under/overflow", () => {
    const h = { ...th1([1, 2, 3, 4], -2, 2), contents: Float64Array.from([99, 1, 2, 3, 4, 77]) };
    expect(plotLine(h, "data")).toEqual({ label: "data", edges: [-2, -1, 0, 1, 2], contents: [1, 2, 3, 4] });
  });
  it("does not draw 2D histograms", () => {
    expect(plotLine({ ...th1([1, 2]), y: { nbins: 1, min: 0, max: 1 } }, "data")).toBeNull();
  });
});

describe("binPulls", () => {
  it("is zero where data equal the scaled reference and null where both bins are empty", () => {
    const pulls = binPulls(th1([10, 0, 30]), th1([20, 0, 60]));
    expect(pulls[0]).toBeCloseTo(0, 12);
    expect(pulls[1]).toBeNull();
    expect(pulls[2]).toBeCloseTo(0, 12);
  });
  it("is negative where the data fall below the reference", () => {
    const [a, b] = binPulls(th1([100, 400]), th1([250, 250]));
    expect(a!).toBeLessThan(-3);
    expect(b!).toBeGreaterThan(3);
  });
  it("is empty when the binnings differ", () => {
    expect(binPulls(th1([1, 2, 3]), th1([1, 2]))).toEqual([]);
  });
});
