/**
 * MeanWithinExpected — CMSSW DQMServices/Core/src/QTest.cc. Range mode: 1 when the mean is in
 * [xmin, xmax], else 0. Sigma/RMS modes: TMath::Prob(χ², 1) with χ = (mean − expected)/σ, σ the
 * given sigma or the histogram's RMS; a zero σ gives 0.
 */
import type { Histogram } from "../../histograms/histogram";
import { histogramMean, histogramStdDev } from "../../histograms/bin-values";
import { chi2Prob } from "../math/gamma";
import type { TestResult } from "../result";
import type { Thresholds } from "../status";
import { checkInput, insufficient, invalid, qtestResult } from "./qtest-result";

export type MeanWithinExpectedParams =
  | { readonly mode: "range"; readonly xmin: number; readonly xmax: number; readonly minEntries?: number }
  | { readonly mode: "sigma"; readonly mean: number; readonly sigma: number; readonly minEntries?: number }
  | { readonly mode: "rms"; readonly mean: number; readonly minEntries?: number };

export function meanWithinExpected(h: Histogram, p: MeanWithinExpectedParams, t?: Thresholds): TestResult {
  const name = "MeanWithinExpected";
  const minEntries = p.minEntries ?? 0;
  if (minEntries !== 0 && h.entries < minEntries) return insufficient(name, `${h.entries} entries < minEntries ${minEntries}`);
  const bad = checkInput(name, h, ["TH1"]);
  if (bad) return bad;
  const mean = histogramMean(h);
  switch (p.mode) {
    case "range":
      return qtestResult(name, mean <= p.xmax && mean >= p.xmin ? 1 : 0, t);
    case "sigma": {
      if (p.sigma === 0) return qtestResult(name, 0, t);
      const chi = (mean - p.mean) / p.sigma;
      return qtestResult(name, chi2Prob(chi * chi, 1), t);
    }
    case "rms": {
      const rms = histogramStdDev(h);
      if (rms === 0) return qtestResult(name, 0, t);
      const chi = (mean - p.mean) / rms;
      return qtestResult(name, chi2Prob(chi * chi, 1), t);
    }
    default:
      return invalid(name, "neither range, sigma nor RMS mode");
  }
}
