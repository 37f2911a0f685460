/**
 * TH1::Chi2TestX (ROOT hist/hist/src/TH1.cxx; N. Gagunashvili, "Comparison of weighted and
 * unweighted histograms", arXiv:physics/0605123), transcribed bin for bin including its edge
 * cases. Modes: UU (both unweighted), UW (unweighted vs weighted), WW (both weighted); NORM
 * (UU only) compares shapes of scaled unweighted histograms; UF/OF include under/overflows.
 */
import type { Histogram } from "../histograms/histogram";
import { binErrorSquared } from "../histograms/histogram";
import { chi2Prob } from "./math/gamma";
import type { TestResult } from "./result";
import { failed } from "./result";
import { binningMismatch, nonFinite } from "./validate";

export type Chi2Mode = "UU" | "UW" | "WW";

export interface Chi2Options {
  /** Comparison mode; when absent it is deduced from the histograms' weights as ROOT does. */
  readonly mode?: Chi2Mode;
  readonly norm?: boolean;
  readonly uf?: boolean;
  readonly of?: boolean;
}

export interface Chi2Result extends TestResult {
  readonly mode?: Chi2Mode;
  /** ROOT's igood: 0 no problem, 1 (2) a bin of h1 (h2) has < 1 event (UU) or < 10 effective events, 3 both. */
  readonly igood?: number;
  /** Normalised residuals per bin of the range, in ROOT's loop order (x fastest is ROOT's `res[i - i_start]` for 1D). */
  readonly residuals?: Float64Array;
}

/** Cells of the compared range, in ROOT's i (x), j (y) loop order. */
function rangeCells(h: Histogram, uf: boolean, of: boolean): Int32Array {
  const nx = h.x.nbins;
  const ny = h.y?.nbins ?? 0;
  const i0 = uf ? 0 : 1;
  const i1 = of ? nx + 1 : nx;
  const j0 = h.y ? (uf ? 0 : 1) : 0;
  const j1 = h.y ? (of ? ny + 1 : ny) : 0;
  const cells = new Int32Array((i1 - i0 + 1) * (j1 - j0 + 1));
  let k = 0;
  for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) cells[k++] = i + (nx + 2) * j;
  return cells;
}

/** TH1::GetStats s[0], s[1]: stored Σw, Σw² when present, else summed over bins 1..n. */
function sumAndSumw2(h: Histogram): [number, number] {
  if (h.stats && (h.stats.sumw !== 0 || h.stats.sumw2 !== 0)) return [h.stats.sumw, h.stats.sumw2];
  let s = 0;
  let s2 = 0;
  for (const c of rangeCells(h, false, false)) {
    s += h.contents[c] ?? 0;
    s2 += binErrorSquared(h, c);
  }
  return [s, s2];
}

/** ROOT's automatic choice of mode: a histogram is unweighted when |Σw − (Σw)²/Σw²| < 1. */
export function deduceMode(h1: Histogram, h2: Histogram): Chi2Mode {
  const [s1, w1] = sumAndSumw2(h1);
  const [s2, w2] = sumAndSumw2(h2);
  const eff1 = w1 ? (s1 * s1) / w1 : 0;
  const eff2 = w2 ? (s2 * s2) / w2 : 0;
  if (Math.abs(s1 - eff1) < 1) return Math.abs(s2 - eff2) < 1 ? "UU" : "UW";
  return "WW";
}

export function chi2Test(h1: Histogram, h2: Histogram, options: Chi2Options = {}): Chi2Result {
  const test = "chi2";
  const mismatch = binningMismatch(h1, h2);
  if (mismatch) return { ...failed(test, "INVALID", mismatch), pValue: 0 };
  const bad = nonFinite(h1) ?? nonFinite(h2);
  if (bad) return { ...failed(test, "INVALID", bad), pValue: 0 };

  const mode = options.mode ?? deduceMode(h1, h2);
  const norm = Boolean(options.norm) && mode === "UU";
  const cells = rangeCells(h1, Boolean(options.uf), Boolean(options.of));
  const c1 = h1.contents;
  const c2 = h2.contents;
  const e1 = (cell: number): number => binErrorSquared(h1, cell);
  const e2 = (cell: number): number => binErrorSquared(h2, cell);
  let ndf = cells.length - 1;

  let sum1 = 0;
  let sum2 = 0;
  let sumw1 = 0;
  let sumw2 = 0;
  if (norm) {
    // NORM: contents scaled back to effective counts n = round(c²/σ²) before comparing.
    for (const b of cells) {
      const q1 = e1(b);
      const q2 = e2(b);
      sum1 += q1 > 0 ? Math.floor(((c1[b] ?? 0) * (c1[b] ?? 0)) / q1 + 0.5) : 0;
      sum2 += q2 > 0 ? Math.floor(((c2[b] ?? 0) * (c2[b] ?? 0)) / q2 + 0.5) : 0;
      sumw1 += q1;
      sumw2 += q2;
    }
    if (sumw1 <= 0 || sumw2 <= 0) return { ...failed(test, "INSUF_STAT", "cannot use NORM when one histogram has all zero errors"), pValue: 0, mode };
  } else {
    for (const b of cells) {
      sum1 += c1[b] ?? 0;
      sum2 += c2[b] ?? 0;
      if (mode === "WW") sumw1 += e1(b);
      if (mode === "UW" || mode === "WW") sumw2 += e2(b);
    }
  }
  if (sum1 === 0 || sum2 === 0) return { ...failed(test, "INSUF_STAT", "one histogram is empty"), statistic: 0, ndf, pValue: 0, mode };
  if (mode === "WW" && sumw1 <= 0 && sumw2 <= 0) return { ...failed(test, "INVALID", "both histograms have all zero errors"), statistic: 0, ndf, pValue: 0, mode };

  const res = new Float64Array(cells.length);
  let chi2 = 0;
  let m = 0;
  let n = 0;

  if (mode === "UU") {
    const sum = sum1 + sum2;
    for (let k = 0; k < cells.length; k++) {
      const b = cells[k]!;
      let cnt1 = c1[b] ?? 0;
      let cnt2 = c2[b] ?? 0;
      if (norm) {
        const q1 = e1(b);
        const q2 = e2(b);
        cnt1 = q1 > 0 ? Math.floor((cnt1 * cnt1) / q1 + 0.5) : 0;
        cnt2 = q2 > 0 ? Math.floor((cnt2 * cnt2) / q2 + 0.5) : 0;
      }
      // ROOT tests Int_t(cnt) == 0, truncating towards zero.
      if (Math.trunc(cnt1) === 0 && Math.trunc(cnt2) === 0) {
        ndf--;
        continue;
      }
      const cntsum = cnt1 + cnt2;
      const nexp1 = (cntsum * sum1) / sum;
      if (cnt1 < 1) m++;
      if (cnt2 < 1) n++;
      // Haberman's adjustment of the residual.
      const correc = (1 - sum1 / sum) * (1 - cntsum / sum);
      res[k] = (cnt1 - nexp1) / Math.sqrt(nexp1) / Math.sqrt(correc);
      const delta = sum2 * cnt1 - sum1 * cnt2;
      chi2 += (delta * delta) / cntsum;
    }
    chi2 /= sum1 * sum2;
  } else if (mode === "UW") {
    for (let k = 0; k < cells.length; k++) {
      const b = cells[k]!;
      let cnt1 = c1[b] ?? 0;
      const cnt2 = c2[b] ?? 0;
      let e2sq = e2(b);
      if (cnt1 * cnt1 === 0 && cnt2 * cnt2 === 0) {
        ndf--;
        continue;
      }
      if (cnt2 * cnt2 === 0 && e2sq === 0) {
        // Empty weighted bin without error: borrow the average squared weight Σw²/Σw.
        if (sumw2 > 0) e2sq = sumw2 / sum2;
        else return { ...failed(test, "INVALID", `h2 has a bin (cell ${b}) with zero content and zero error`), statistic: 0, ndf, pValue: 0, mode };
      }
      if (cnt1 < 1) m++;
      if (e2sq > 0 && (cnt2 * cnt2) / e2sq < 10) n++;
      let var1 = sum2 * cnt2 - sum1 * e2sq;
      let var2 = var1 * var1 + 4 * sum2 * sum2 * cnt1 * e2sq;
      // ROOT's guard against a vanishing denominator: bump cnt1 and sum1 (which stays bumped for later bins).
      while (var1 * var1 + cnt1 === 0 || var1 + var2 === 0) {
        sum1++;
        cnt1++;
        var1 = sum2 * cnt2 - sum1 * e2sq;
        var2 = var1 * var1 + 4 * sum2 * sum2 * cnt1 * e2sq;
      }
      var2 = Math.sqrt(var2);
      while (var1 + var2 === 0) {
        sum1++;
        cnt1++;
        var1 = sum2 * cnt2 - sum1 * e2sq;
        var2 = var1 * var1 + 4 * sum2 * sum2 * cnt1 * e2sq;
        while (var1 * var1 + cnt1 === 0 || var1 + var2 === 0) {
          sum1++;
          cnt1++;
          var1 = sum2 * cnt2 - sum1 * e2sq;
          var2 = var1 * var1 + 4 * sum2 * sum2 * cnt1 * e2sq;
        }
        var2 = Math.sqrt(var2);
      }
      const probb = (var1 + var2) / (2 * sum2 * sum2);
      const nexp1 = probb * sum1;
      const nexp2 = probb * sum2;
      const delta1 = cnt1 - nexp1;
      const delta2 = cnt2 - nexp2;
      chi2 += (delta1 * delta1) / nexp1;
      if (e2sq > 0) {
        chi2 += (delta2 * delta2) / e2sq;
        const temp1 = (sum2 * e2sq) / var2;
        let temp2 = 1 + (sum1 * e2sq - sum2 * cnt2) / var2;
        temp2 = temp1 * temp1 * sum1 * probb * (1 - probb) + (temp2 * temp2 * e2sq) / 4;
        res[k] = -delta2 / Math.sqrt(temp2);
      } else {
        res[k] = delta1 / Math.sqrt(nexp1);
      }
    }
  } else {
    for (let k = 0; k < cells.length; k++) {
      const b = cells[k]!;
      const cnt1 = c1[b] ?? 0;
      const cnt2 = c2[b] ?? 0;
      const e1sq = e1(b);
      const e2sq = e2(b);
      if (cnt1 * cnt1 === 0 && cnt2 * cnt2 === 0) {
        ndf--;
        continue;
      }
      if (e1sq === 0 && e2sq === 0) return { ...failed(test, "INVALID", `both histograms have a bin (cell ${b}) with zero errors`), statistic: 0, ndf, pValue: 0, mode };
      const sigma = sum1 * sum1 * e2sq + sum2 * sum2 * e1sq;
      const delta = sum2 * cnt1 - sum1 * cnt2;
      chi2 += (delta * delta) / sigma;
      const probb = (cnt1 * sum1 * e2sq + cnt2 * sum2 * e1sq) / sigma;
      if (e1sq > e2sq) {
        const d1 = cnt1 - sum1 * probb;
        res[k] = d1 / Math.sqrt(e1sq * (1 - (e2sq * sum1 * sum1) / sigma));
      } else {
        const d2 = cnt2 - sum2 * probb;
        res[k] = -d2 / Math.sqrt(e2sq * (1 - (e1sq * sum2 * sum2) / sigma));
      }
      if (e1sq > 0 && (cnt1 * cnt1) / e1sq < 10) m++;
      if (e2sq > 0 && (cnt2 * cnt2) / e2sq < 10) n++;
    }
  }
  const igood = (m ? 1 : 0) + (n ? 2 : 0);
  const pValue = chi2Prob(chi2, ndf);
  return { test, statistic: chi2, ndf, pValue, score: pValue, status: "OK", mode, igood, residuals: res };
}
