/**
 * Reference comparisons of CMSSW's quality tests as in the CMSSW releases that still carried
 * them (DQMServices/Core/src/QTest.cc, Comp2RefEqualH / Comp2RefChi2 / Comp2RefKolmogorov).
 */
import type { Histogram } from "../../histograms/histogram";
import { binContent, binError } from "../../histograms/bin-values";
import { chi2Prob } from "../math/gamma";
import { kolmogorovProb } from "../math/kolmogorov-prob";
import type { TestResult } from "../result";
import type { Thresholds } from "../status";
import { binningMismatch } from "../validate";
import { checkInput, insufficient, invalid, qtestResult } from "./qtest-result";

function pairCheck(name: string, h: Histogram, ref: Histogram, kinds: readonly Histogram["kind"][]): TestResult | undefined {
  const bad = checkInput(name, h, kinds) ?? checkInput(name, ref, kinds);
  if (bad) return bad;
  if (h.kind !== ref.kind) return invalid(name, `data is ${h.kind}, reference is ${ref.kind}`);
  const mismatch = h.x.nbins !== ref.x.nbins || (h.y?.nbins ?? 0) !== (ref.y?.nbins ?? 0) ? "different number of channels" : undefined;
  return mismatch ? invalid(name, mismatch) : undefined;
}

/**
 * Comp2RefEqualH::runTest: 1 when the contents are identical over global cells 0..nbins+1, else 0.
 * For 2D histograms nbins is nx·ny, so (as in CMSSW) only the first nx·ny+2 global cells are compared.
 */
export function comp2RefEqualH(h: Histogram, ref: Histogram, t?: Thresholds): TestResult {
  const name = "Comp2RefEqualH";
  const bad = pairCheck(name, h, ref, ["TH1", "TH2", "TProfile"]);
  if (bad) return bad;
  const nbins = h.x.nbins * (h.y?.nbins ?? 1);
  for (let bin = 0; bin <= nbins + 1; bin++) if (binContent(h, bin) !== binContent(ref, bin)) return qtestResult(name, 0, t);
  return qtestResult(name, 1, t);
}

/**
 * Comp2RefChi2::runTest: χ² of the unit-normalised histograms over bins 1..n,
 * Σ (c1/s1 − c2/s2)² / (σ1²/s1² + σ2²/s2²), ndof = bins minus bins empty in both; the value is
 * CMSSW's TMath::Prob(0.5·χ², int(0.5·ndof)) — halved arguments included.
 */
export function comp2RefChi2(h: Histogram, ref: Histogram, t?: Thresholds): TestResult {
  const name = "Comp2RefChi2";
  const bad = pairCheck(name, h, ref, ["TH1", "TProfile"]);
  if (bad) return bad;
  const n = h.x.nbins;
  let sum1 = 0;
  let sum2 = 0;
  for (let i = 1; i <= n; i++) {
    sum1 += binContent(h, i);
    sum2 += binContent(ref, i);
  }
  if (sum1 === 0) return insufficient(name, "test histogram is empty");
  if (sum2 === 0) return insufficient(name, "reference histogram is empty");
  let ndof = n;
  let chi2 = 0;
  for (let i = 1; i <= n; i++) {
    const b1 = binContent(h, i) / sum1;
    const b2 = binContent(ref, i) / sum2;
    if (b1 === 0 && b2 === 0) {
      ndof--;
      continue;
    }
    const e1 = binError(h, i);
    const e2 = binError(ref, i);
    if (e1 === 0 && e2 === 0) return invalid(name, "bins with non-zero content and zero error");
    const d = b1 - b2;
    chi2 += (d * d) / ((e1 * e1) / (sum1 * sum1) + (e2 * e2) / (sum2 * sum2));
  }
  const value = chi2Prob(0.5 * chi2, Math.trunc(0.5 * ndof));
  return { ...qtestResult(name, value, t), statistic: chi2, ndf: ndof, pValue: Math.fround(value) };
}

/**
 * Comp2RefKolmogorov::runTest: KS over cells 0..n+1 normalised by the totals including
 * under/overflow; effective entries are the sums of bins 1..n unless the histogram looks weighted
 * ((entries − total)/total > 1e-5 and entries ≠ n) and has Σw², then (Σw)²/Σσ².
 */
export function comp2RefKolmogorov(h: Histogram, ref: Histogram, t?: Thresholds): TestResult {
  const name = "Comp2RefKolmogorov";
  const bad = pairCheck(name, h, ref, ["TH1", "TProfile"]);
  if (bad) return bad;
  const difprec = 1e-5;
  if (Math.abs(h.x.min - ref.x.min) > difprec || Math.abs(h.x.max - ref.x.max) > difprec) {
    return invalid(name, binningMismatch(h, ref) ?? "histograms with different binning");
  }
  const ncx = h.x.nbins;
  let sum1 = 0;
  let sum2 = 0;
  let w1 = 0;
  let w2 = 0;
  for (let bin = 1; bin <= ncx; bin++) {
    sum1 += binContent(h, bin);
    sum2 += binContent(ref, bin);
    w1 += binError(h, bin) ** 2;
    w2 += binError(ref, bin) ** 2;
  }
  if (sum1 === 0) return insufficient(name, "test histogram integral is zero");
  if (sum2 === 0) return insufficient(name, "reference histogram integral is zero");
  const tsum1 = sum1 + binContent(h, 0) + binContent(h, ncx + 1);
  const tsum2 = sum2 + binContent(ref, 0) + binContent(ref, ncx + 1);
  const effective = (x: Histogram, sum: number, tsum: number, w: number): number => {
    const weighted = (x.entries - tsum) / tsum > difprec && Math.trunc(x.entries) !== ncx;
    return weighted && x.sumw2 ? (sum * sum) / w : sum;
  };
  const esum1 = effective(h, sum1, tsum1, w1);
  const esum2 = effective(ref, sum2, tsum2, w2);
  const s1 = 1 / tsum1;
  const s2 = 1 / tsum2;
  let r1 = 0;
  let r2 = 0;
  let dfmax = 0;
  for (let bin = 0; bin <= ncx + 1; bin++) {
    r1 += s1 * binContent(h, bin);
    r2 += s2 * binContent(ref, bin);
    dfmax = Math.max(dfmax, Math.abs(r1 - r2));
  }
  const z = dfmax * Math.sqrt((esum1 * esum2) / (esum1 + esum2));
  const value = kolmogorovProb(z);
  return { ...qtestResult(name, value, t), statistic: dfmax, pValue: Math.fround(value) };
}
