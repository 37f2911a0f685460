import { describe, expect, it } from "vitest";
import { computeMetric, parseMetricParams } from "./compute-metric";
import { MetricError } from "./metric-error";
import type { CompareFn, MetricDeps, MetricInputs } from "./metric-types";
import { fromJson, h1, h2 } from "./test-histograms";

function run(fn: string, params: unknown, inputs: MetricInputs, deps: MetricDeps = {}) {
  const parsed = parseMetricParams(fn, params);
  if (!parsed.ok) throw new Error(parsed.issues.join("; "));
  return computeMetric({ function: fn, params: parsed.params }, inputs, deps);
}

function metricError(f: () => unknown): MetricError {
  try {
    f();
  } catch (e) {
    if (e instanceof MetricError) return e;
    throw e;
  }
  throw new Error("expected a MetricError");
}

describe("moments (TH1::GetMean/GetStdDev and their errors)", () => {
  it("uses bin centres without running sums: contents 1,2,1 on [0,3] → mean 1.5", () => {
    const r = run("mean", {}, { main: h1([1, 2, 1]) });
    // σ² = (1·1 + 1·1)/4 = 0.5, neff = 4 → error √0.5/2
    expect(r.value).toBeCloseTo(1.5, 14);
    expect(r.error).toBeCloseTo(Math.sqrt(0.5) / 2, 14);
    const sd = run("stdDev", {}, { main: h1([1, 2, 1]) });
    expect(sd.error).toBeCloseTo(Math.sqrt(0.5) * Math.sqrt(0.5 / 4), 14);
  });

  it("prefers the running sums when present", () => {
    const main = h1([1, 2, 1], 0, 3, { stats: { sumw: 4, sumw2: 4, sumwx: 4, sumwx2: 5 } });
    expect(run("mean", {}, { main }).value).toBe(1);
    expect(run("mean", { error: "stdDev" }, { main }).error).toBeCloseTo(Math.sqrt(5 / 4 - 1), 14);
  });

  it("gives y moments of a 2D histogram and of a profile", () => {
    expect(run("mean", { axis: "y" }, { main: h2([[1, 1], [0, 2]]) }).value).toBeCloseTo((0.5 * 2 + 1.5 * 2) / 4, 14);
    const profile = fromJson({ kind: "TProfile", name: "p", x: { nbins: 2, min: 0, max: 2 }, contents: [0, 10, 30, 0], sumw2: [0, 60, 500, 0], binEntries: [0, 2, 2, 0], entries: 4 });
    expect(run("mean", { axis: "y" }, { main: profile }).value).toBe(10);
  });

  it("raises typed errors for a missing axis or an empty histogram", () => {
    expect(metricError(() => run("mean", { axis: "z" }, { main: h1([1]) })).code).toBe("wrong-dimension");
    expect(metricError(() => run("mean", {}, { main: h1([0, 0]) })).code).toBe("empty");
  });
});

describe("counts", () => {
  const labelled = h1([5, 7, 9], 0, 3, { x: { nbins: 3, min: 0, max: 3, labels: ["a", "b", "c"] } });

  it("reads a bin by number or label with its Poisson error", () => {
    expect(run("binContent", { x: "b" }, { main: labelled })).toEqual({ value: 7, error: Math.sqrt(7) });
    expect(run("binContent", { x: 3, noError: true }, { main: labelled })).toEqual({ value: 9, error: 0 });
    expect(metricError(() => run("binContent", { x: "zz" }, { main: labelled })).code).toBe("bad-parameter");
    expect(metricError(() => run("binContent", { x: 9 }, { main: labelled })).code).toBe("bad-parameter");
  });

  it("reads 2D bins and their ratio", () => {
    const main = h2([[4, 1], [2, 8]]);
    expect(run("binContent", { x: 2, y: 2 }, { main }).value).toBe(8);
    const r = run("binRatio2D", { numerator: [1, 1], denominator: [2, 2] }, { main });
    expect(r.value).toBe(0.5);
    expect(r.error).toBeCloseTo(0.5 * Math.sqrt(1 / 4 + 1 / 8), 14);
    expect(metricError(() => run("binContent", { x: 1, y: 1 }, { main: labelled })).code).toBe("wrong-dimension");
  });

  it("computes fractions with binomial errors and range ratios", () => {
    const main = h1([10, 20, 30, 40], 0, 4);
    const f = run("fractionInRange", { low: 1, high: 2.5 }, { main });
    expect(f.value).toBeCloseTo(0.5, 14);
    expect(f.error).toBeCloseTo(Math.sqrt(0.25 / 100), 14);
    expect(run("fractionInRange", { low: 1, high: 2.5, complement: true }, { main }).value).toBeCloseTo(0.5, 14);
    expect(run("fractionInBin", { bin: 4 }, { main }).value).toBeCloseTo(0.4, 14);
    expect(run("rangeRatio", { low: 0, high: 0.5 }, { main }).value).toBeCloseTo(10 / 90, 14);
    expect(run("countFrom", { bin: 3 }, { main })).toEqual({ value: 70, error: Math.sqrt(70) });
    expect(run("countRatio", { binomial: true }, { main, histo1: h1([200]) }).value).toBe(0.5);
    expect(run("maxBin", {}, { main }).value).toBe(3.5);
    expect(run("entries", {}, { main }).value).toBe(100);
  });

  it("needs histo1 when the metric says so", () => {
    expect(metricError(() => run("countRatio", {}, { main: h1([1]) })).code).toBe("missing-input");
  });
});

describe("quantile, profile mean, turn-on", () => {
  it("interpolates the cumulative distribution inside the bin (TH1::GetQuantiles)", () => {
    // Uniform 4 bins on [0, 4]: F at edges 0, .25, .5, .75, 1 → median 2, 0.3 → 1.2.
    const main = h1([25, 25, 25, 25], 0, 4);
    expect(run("quantile", { fraction: 0.5 }, { main }).value).toBeCloseTo(2, 14);
    expect(run("quantile", { fraction: 0.3 }, { main }).value).toBeCloseTo(1.2, 14);
    // Empty bins: the quantile lands at the end of the flat part, as ROOT's BinarySearch does.
    expect(run("quantile", { fraction: 0.5 }, { main: h1([50, 0, 0, 50], 0, 4) }).value).toBeCloseTo(3, 14);
  });

  it("averages the non-empty cells of a map and one column", () => {
    const main = h2([[2, 0], [4, 6]]);
    expect(run("profileMean", {}, { main }).value).toBe(4);
    expect(run("meanYForXBin", { xBin: 1 }, { main }).value).toBe(3);
  });

  it("finds turn-on points and the plateau of an efficiency curve", () => {
    const eff = [0.01, 0.05, 0.1, 0.3, 0.6, 0.85, 0.95, 0.97, 0.98, 0.98, 0.98, 0.98];
    const main = h1(eff, 0, 12, { sumw2: [0, ...eff.map((e) => (0.01 * e) ** 2), 0], entries: 10000 });
    const half = run("turnOnPoint", { efficiency: 0.5 }, { main });
    // between centres 3.5 (0.3) and 4.5 (0.6)
    expect(half.value).toBeCloseTo(3.5 + (0.2 / 0.3) * 1, 12);
    expect(run("turnOnWidth", {}, { main }).value).toBeGreaterThan(0);
    expect(run("turnOnPlateau", {}, { main }).value).toBeCloseTo(0.98, 2);
    expect(metricError(() => run("turnOnPoint", { efficiency: 0.99 }, { main })).code).toBe("not-computable");
  });
});

describe("reference comparisons through an injected engine", () => {
  const standIn: CompareFn = (data, ref) => ({ statistic: Math.abs(data.entries - ref.entries), pValue: 0.25, ndf: 4 });
  const deps = { compare: { kolmogorov: standIn, chi2: standIn } };
  const main = h1([1, 2, 3]);
  const reference = h1([1, 1, 1]);

  it("passes data and reference to the engine", () => {
    expect(run("kolmogorov", {}, { main, reference }, deps).value).toBe(0.25);
    expect(run("chi2", {}, { main, reference }, deps).value).toBe(3);
    expect(run("normalizedChi2", {}, { main, reference }, deps).value).toBe(0.75);
    expect(run("meanDifference", {}, { main, reference }).value).toBeCloseTo(11 / 6 - 1.5, 14);
  });

  it("fails clearly without a reference or an engine", () => {
    expect(metricError(() => run("kolmogorov", {}, { main })).code).toBe("missing-input");
    expect(metricError(() => run("kolmogorov", {}, { main, reference })).code).toBe("missing-input");
  });
});

describe("fits on bad input", () => {
  it("rejects 2D histograms, empty ranges and bad params", () => {
    expect(metricError(() => run("gaussianFit", { parameter: "mean", range: [0, 1], initial: [0, 1, 1] }, { main: h2([[1]]) })).code).toBe("wrong-dimension");
    expect(metricError(() => run("flatLine", { range: [10, 20] }, { main: h1([5, 5, 5]) })).code).toBe("fit-failed");
    expect(parseMetricParams("gaussianFit", { parameter: "width", range: [1, 0] }).ok).toBe(false);
  });
});
