import { describe, expect, it } from "vitest";
import { kolmogorovTest, type KolmogorovOptions } from "./kolmogorov-test";
import { close, histFromSpec, loadVectors, type HistSpec } from "./vectors/load-vectors";

interface Case {
  name: string;
  h1: HistSpec;
  h2: HistSpec;
  options: KolmogorovOptions;
  expected: { d: number; z: number; p: number; scipyP: number };
}
const cases = loadVectors<Case[]>("kolmogorov");

describe("TH1::KolmogorovTest against the transcription and scipy", () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = kolmogorovTest(histFromSpec(c.h1), histFromSpec(c.h2), c.options);
      expect(r.status).toBe("OK");
      expect(close(r.statistic, c.expected.d, 1e-12)).toBe(true);
      expect(close(r.z!, c.expected.z, 1e-12)).toBe(true);
      expect(close(r.pValue, c.expected.p, 1e-12, 1e-15)).toBe(true);
      if (!c.options.norm) expect(Math.abs(r.pValue - c.expected.scipyP)).toBeLessThan(2e-7);
    });
  }

  it("option M returns the distance as ROOT's return value", () => {
    const c = cases[0]!;
    const r = kolmogorovTest(histFromSpec(c.h1), histFromSpec(c.h2), { maxDist: true });
    expect(r.score).toBe(r.statistic);
  });

  it("option X is seeded, reproducible and agrees with the analytic p-value in magnitude", () => {
    const c = cases[3]!; // shifted: a real difference
    const a = histFromSpec(c.h1);
    const b = histFromSpec(c.h2);
    const x1 = kolmogorovTest(a, b, { pseudoExperiments: { count: 200, seed: 42 } });
    const x2 = kolmogorovTest(a, b, { pseudoExperiments: { count: 200, seed: 42 } });
    expect(x1.pValue).toBe(x2.pValue);
    expect(x1.pValue).toBeLessThan(0.05);
    const same = kolmogorovTest(a, a, { pseudoExperiments: { count: 200, seed: 1 } });
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBeGreaterThan(0.9);
  });

  it("bad input gives a status, not an exception", () => {
    const a = histFromSpec(cases[0]!.h1);
    const empty = { ...a, contents: new Float64Array(a.contents.length) };
    expect(kolmogorovTest(a, empty).status).toBe("INSUF_STAT");
    const other = { ...a, x: { ...a.x, max: 2 } };
    expect(kolmogorovTest(a, other).status).toBe("INVALID");
  });
});
