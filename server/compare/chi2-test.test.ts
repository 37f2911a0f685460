import { describe, expect, it } from "vitest";
import { chi2Test, type Chi2Options } from "./chi2-test";
import { close, histFromSpec, loadVectors, type HistSpec } from "./vectors/load-vectors";

interface Case {
  name: string;
  h1: HistSpec;
  h2: HistSpec;
  options: Chi2Options;
  expected: { chi2: number; ndf: number; p: number; igood: number; residuals: number[] } | null;
}
const v = loadVectors<{ cases: Case[]; contingency: { chi2: number; ndf: number; p: number } }>("chi2");

describe("TH1::Chi2TestX against the independent transcription + scipy", () => {
  for (const c of v.cases) {
    it(c.name, () => {
      const r = chi2Test(histFromSpec(c.h1), histFromSpec(c.h2), c.options);
      if (!c.expected) {
        expect(["INVALID", "INSUF_STAT"]).toContain(r.status);
        expect(r.pValue).toBe(0);
        return;
      }
      expect(r.status).toBe("OK");
      expect(r.ndf).toBe(c.expected.ndf);
      expect(close(r.statistic, c.expected.chi2, 1e-12)).toBe(true);
      expect(close(r.pValue!, c.expected.p, 1e-10, 1e-300)).toBe(true);
      expect(r.igood).toBe(c.expected.igood);
      c.expected.residuals.forEach((e, i) => expect(close(r.residuals![i]!, e, 1e-10, 1e-12), `residual ${i}`).toBe(true));
    });
  }

  it("UU equals scipy's Pearson χ² of the 2×k contingency table", () => {
    const c = v.cases[0]!;
    const r = chi2Test(histFromSpec(c.h1), histFromSpec(c.h2), { mode: "UU" });
    expect(close(r.statistic, v.contingency.chi2, 1e-12)).toBe(true);
    expect(r.ndf).toBe(v.contingency.ndf);
    expect(close(r.pValue!, v.contingency.p, 1e-10)).toBe(true);
  });

  it("deduces UU for unweighted and WW for weighted histograms", () => {
    const [uu, ww] = [v.cases[0]!, v.cases[5]!];
    expect(chi2Test(histFromSpec(uu.h1), histFromSpec(uu.h2)).mode).toBe("UU");
    expect(chi2Test(histFromSpec(ww.h1), histFromSpec(ww.h2)).mode).toBe("WW");
  });

  it("returns a typed status for bad input instead of throwing", () => {
    const a = histFromSpec(v.cases[0]!.h1);
    const shorter = { ...a, x: { ...a.x, nbins: a.x.nbins - 1 }, contents: a.contents.slice(1) };
    expect(chi2Test(a, shorter).status).toBe("INVALID");
    const nan = { ...a, contents: Float64Array.from(a.contents, (x, i) => (i === 3 ? Number.NaN : x)) };
    expect(chi2Test(a, nan).status).toBe("INVALID");
    const inf = { ...a, contents: Float64Array.from(a.contents, (x, i) => (i === 3 ? Infinity : x)) };
    expect(chi2Test(inf, a).status).toBe("INVALID");
  });
});
