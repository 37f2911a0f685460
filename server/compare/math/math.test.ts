import { describe, expect, it } from "vitest";
import { close, loadVectors } from "../vectors/load-vectors";
import { chi2Prob } from "./gamma";
import { gammaIncInv } from "./gamma-inverse";
import { kolmogorovProb } from "./kolmogorov-prob";
import { normalIsf } from "./normal";

interface Dist {
  chi2sf: { chi2: number; ndf: number; p: number }[];
  gammaincinv: { a: number; p: number; x: number }[];
  normisf: { p: number; z: number }[];
  kolmogorovProb: { z: number; root: number; scipy: number }[];
}
const v = loadVectors<Dist>("distributions");

describe("special functions against scipy", () => {
  it("TMath::Prob equals scipy.stats.chi2.sf to 1e-12 relative", () => {
    for (const c of v.chi2sf) expect(close(chi2Prob(c.chi2, c.ndf), c.p, 1e-11, 1e-300), `${c.chi2}/${c.ndf}: ${chi2Prob(c.chi2, c.ndf)} vs ${c.p}`).toBe(true);
  });
  it("TMath::Prob edge cases follow ROOT", () => {
    expect(chi2Prob(3, 0)).toBe(0);
    expect(chi2Prob(0, 5)).toBe(1);
    expect(chi2Prob(-1, 5)).toBe(0);
  });
  it("gammaincinv matches scipy", () => {
    for (const c of v.gammaincinv) expect(close(gammaIncInv(c.a, c.p), c.x, 1e-10), `${c.a},${c.p}`).toBe(true);
  });
  it("normal isf matches scipy deep into the tail", () => {
    for (const c of v.normisf) expect(close(normalIsf(c.p), c.z, 1e-11, 1e-14), `${c.p}: ${normalIsf(c.p)} vs ${c.z}`).toBe(true);
  });
  it("KolmogorovProb equals the transcription and scipy's kstwobign to ROOT's accuracy", () => {
    for (const c of v.kolmogorovProb) {
      expect(kolmogorovProb(c.z)).toBeCloseTo(c.root, 15);
      expect(Math.abs(kolmogorovProb(c.z) - c.scipy)).toBeLessThan(2e-7);
    }
  });
});
