/**
 * Issue 16, ROOT's KolmogorovTest option X (the parent of the pseudo-experiments, functions):
 * against the reference's own number computed in  scripts/vectors/make_compare_compat_vectors.py
 * (the reference's source lines are cited there).
 */
import { describe, expect, it } from "vitest";
import type { CompatVectors } from "./vectors/compat-vectors";
import { kolmogorovTest } from "./kolmogorov-test";
import { close, histFromCells, loadVectors } from "./vectors/load-vectors";

const v = loadVectors<CompatVectors>("compat");

describe("ROOT KolmogorovTest option X", () => {
  for (const c of v.ksX) {
    it(`${c.name}: the toys' p-value agrees with ROOT's procedure`, () => {
      const count = 20_000;
      const h1 = histFromCells([0, ...c.h1, 0], c.sumw2_1 ? [0, ...c.sumw2_1, 0] : undefined);
      const h2 = histFromCells([0, ...c.h2, 0], c.sumw2_2 ? [0, ...c.sumw2_2, 0] : undefined);
      const r = kolmogorovTest(h1, h2, { pseudoExperiments: { count, seed: 5 } });
      expect(close(r.statistic, c.d, 1e-12)).toBe(true);
      const sigma = Math.sqrt(c.sigma ** 2 + (c.p * (1 - c.p)) / count);
      expect(Math.abs(r.pValue - c.p), `p ${r.pValue} vs ROOT ${c.p} ± ${sigma}`).toBeLessThan(5 * sigma);
    });
  }
});

