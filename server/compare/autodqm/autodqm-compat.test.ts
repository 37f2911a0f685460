/**
 * Issue 16, AutoDQM master's pull values (empty reference rows/columns, TProfile2D means,
 * min_entries, 1D inputs): against the reference's own number computed in
 * scripts/vectors/make_compare_compat_vectors.py (the reference's source lines are cited there).
 */
import { describe, expect, it } from "vitest";
import type { CompatVectors } from "../vectors/compat-vectors";
import { betaBinomial } from "./beta-binomial";
import { pullValues } from "./pull-values";
import { compareOnce } from "../compare-once";
import { close, histFromInner, loadVectors, profile2dFromInner } from "../vectors/load-vectors";

const v = loadVectors<CompatVectors>("compat");

describe("AutoDQM pull values as AutoDQM's master computes them", () => {
  for (const c of v.pulls) {
    it(c.name, () => {
      const r = pullValues(histFromInner(c.data, c.nx, c.ny), histFromInner(c.ref, c.nx, c.ny), { normalisation: c.normalisation, minEntries: 0 });
      expect(close(r.statistic, c.chi2, 1e-9), `χ² ${r.statistic} vs ${c.chi2}`).toBe(true);
      expect(close(r.maxPull!, c.maxPull, 1e-9), `max pull ${r.maxPull} vs ${c.maxPull}`).toBe(true);
    });
  }

  it("TProfile2D inputs are the bin means (uproot values()), for pull values and beta-binomial", () => {
    const { nx, ny } = v.profile2d;
    const data = profile2dFromInner(v.profile2d.data, nx, ny);
    const ref = profile2dFromInner(v.profile2d.ref, nx, ny);
    const p = pullValues(data, ref, { minEntries: 0 });
    expect(close(p.statistic, v.profile2d.pullValues.chi2, 1e-9), `χ² ${p.statistic} vs ${v.profile2d.pullValues.chi2}`).toBe(true);
    expect(close(p.maxPull!, v.profile2d.pullValues.maxPull, 1e-9)).toBe(true);
    const b = betaBinomial(data, [ref]);
    expect(b.ndf).toBe(v.profile2d.betaBinomial.used);
    expect(close(b.statistic, v.profile2d.betaBinomial.chi2, 1e-7), `χ² ${b.statistic} vs ${v.profile2d.betaBinomial.chi2}`).toBe(true);
    expect(close(b.maxPull!, v.profile2d.betaBinomial.maxPull, 1e-7, 1e-9)).toBe(true);
  });

  it("the default min_entries is AutoDQM's 10,000: 28,000 entries with a hot bin are an outlier", () => {
    const c = v.minEntries;
    expect(c.entries).toBeGreaterThan(10_000);
    expect(c.entries).toBeLessThan(100_000);
    expect(c.isOutlier).toBe(true);
    const r = compareOnce({ spec: { test: "pullValues" }, data: histFromInner(c.data, c.nx, c.ny), references: [histFromInner(c.ref, c.nx, c.ny)] });
    expect(r.status).toBe("ERROR");
    expect(close(r.statistic, c.chi2, 1e-9)).toBe(true);
  });

  it("the pullValues test refuses 1D histograms as AutoDQM does, unless allow1D is set", () => {
    const a = histFromInner([5, 6, 7], 3);
    expect(compareOnce({ spec: { test: "pullValues" }, data: a, references: [a] }).status).toBe("INVALID");
    expect(compareOnce({ spec: { test: "pullValues", params: { allow1D: true, minEntries: 0 } }, data: a, references: [a] }).status).toBe("OK");
  });
});

