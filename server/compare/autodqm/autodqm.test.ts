import { describe, expect, it } from "vitest";
import type { Histogram } from "../../histograms/histogram";
import { close, loadVectors } from "../vectors/load-vectors";
import { betaBinomial } from "./beta-binomial";
import { autodqmErrors } from "./poisson-errors";
import { pullValues, type Normalisation } from "./pull-values";

interface V {
  pulls: { normalisation: Normalisation; nx: number; ny: number; data: number[]; ref: number[]; chi2: number; maxPull: number }[];
  betaBinomial: { name: string; data: number[]; refs: number[][]; chi2: number; maxPull: number; pulls: number[]; used: number }[];
  autodqmErrors: { n: number; errs: [number, number] }[];
}
const v = loadVectors<V>("autodqm");

/** Builds a histogram from inner bins (x fastest), zero under/overflow. */
function fromInner(values: number[], nx: number, ny: number): Histogram {
  const twoD = ny > 1;
  const contents = new Float64Array((nx + 2) * (twoD ? ny + 2 : 1));
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) contents[i + 1 + (nx + 2) * (twoD ? j + 1 : 0)] = values[i + nx * j]!;
  return { kind: twoD ? "TH2" : "TH1", name: "h", title: "", x: { nbins: nx, min: 0, max: nx }, ...(twoD ? { y: { nbins: ny, min: 0, max: ny } } : {}), contents, entries: values.reduce((a, b) => a + b, 0) };
}

describe("AutoDQM pull values against the plugin's formulas in Python/scipy", () => {
  it("errors from χ² intervals", () => {
    for (const c of v.autodqmErrors) c.errs.forEach((e, i) => expect(close(autodqmErrors(c.n)[i]!, e, 1e-9, 1e-12), `n=${c.n}`).toBe(true));
  });
  for (const c of v.pulls) {
    it(`χ² and max pull, ${c.normalisation} normalisation`, () => {
      const r = pullValues(fromInner(c.data, c.nx, c.ny), fromInner(c.ref, c.nx, c.ny), { normalisation: c.normalisation, minEntries: 0 });
      expect(close(r.statistic, c.chi2, 1e-9)).toBe(true);
      expect(close(r.maxPull!, c.maxPull, 1e-9)).toBe(true);
    });
  }
});

describe("AutoDQM beta-binomial against scipy.stats.betabinom", () => {
  for (const c of v.betaBinomial) {
    it(c.name, () => {
      const n = c.data.length;
      const r = betaBinomial(fromInner(c.data, n, 1), c.refs.map((x) => fromInner(x, n, 1)));
      expect(r.ndf).toBe(c.used);
      expect(close(r.statistic, c.chi2, 1e-7)).toBe(true);
      expect(close(r.maxPull!, c.maxPull, 1e-7)).toBe(true);
      c.pulls.forEach((p, i) => expect(close(r.pulls![i]!, p, 1e-7, 1e-9), `bin ${i}: ${r.pulls![i]} vs ${p}`).toBe(true));
    });
  }
  it("empty data is INSUF_STAT", () => {
    const z = fromInner(new Array<number>(5).fill(0), 5, 1);
    expect(betaBinomial(z, [fromInner([1, 2, 3, 4, 5], 5, 1)]).status).toBe("INSUF_STAT");
  });
});
