/** CompareLastFilledBin and CheckVariance — CMSSW DQMServices/Core/src/QTest.cc. */
import type { Histogram } from "../../histograms/histogram";
import { binContent } from "../../histograms/bin-values";
import type { TestResult } from "../result";
import type { Thresholds } from "../status";
import { cellAt, checkInput, invalid, qtestResult } from "./qtest-result";

/** TH1::FindLastBinAbove(threshold, axis): last bin along the axis with any cell above threshold, or −1. */
export function findLastBinAbove(h: Histogram, threshold: number, axis: 1 | 2): number {
  const nx = h.x.nbins;
  const ny = h.y ? h.y.nbins : 1;
  if (axis === 1 || !h.y) {
    for (let bx = nx; bx >= 1; bx--) for (let by = 1; by <= ny; by++) if (binContent(h, cellAt(h, bx, by)) > threshold) return bx;
    return -1;
  }
  for (let by = ny; by >= 1; by--) for (let bx = 1; bx <= nx; bx++) if (binContent(h, cellAt(h, bx, by)) > threshold) return by;
  return -1;
}

/**
 * CompareLastFilledBin::runTest: 1 when the last bin above `average` has a content in (min, max],
 * else 0; 1 for an empty histogram. The content is held in a float as in CMSSW, and a 1D
 * histogram with no bin above the threshold reads bin −1, which ROOT clamps to the underflow.
 */
export function compareLastFilledBin(h: Histogram, p: { min: number; max: number; average: number }, t?: Thresholds): TestResult {
  const name = "CompareLastFilledBin";
  const bad = checkInput(name, h, ["TH1", "TH2"]);
  if (bad) return bad;
  let value: number;
  if (!h.y) {
    const lastX = findLastBinAbove(h, p.average, 1);
    value = Math.fround(h.contents[cellAt(h, lastX)]!);
    if (h.entries === 0 || value < 0) return qtestResult(name, 1, t);
  } else {
    const lastX = findLastBinAbove(h, p.average, 1);
    const lastY = findLastBinAbove(h, p.average, 2);
    if (h.entries === 0 || lastX < 0 || lastY < 0) return qtestResult(name, 1, t);
    value = Math.fround(h.contents[cellAt(h, lastX, lastY)]!);
  }
  return qtestResult(name, value > Math.fround(p.min) && value <= Math.fround(p.max) ? 1 : 0, t);
}

/** CheckVariance::runTest: √(Σ(c − c̄)²/n) over bins 1..n (profiles: bin means); −1 when the sum is zero. */
export function checkVariance(h: Histogram, t?: Thresholds): TestResult {
  const name = "CheckVariance";
  const bad = checkInput(name, h, ["TH1", "TProfile"]);
  if (bad) return bad;
  const ncx = h.x.nbins;
  let sum = 0;
  for (let bin = 1; bin <= ncx; bin++) sum += binContent(h, bin);
  if (sum === 0) return invalid(name, "histogram sum is zero");
  const avg = sum / ncx;
  let sum2 = 0;
  for (let bin = 1; bin <= ncx; bin++) sum2 += (binContent(h, bin) - avg) ** 2;
  return qtestResult(name, Math.sqrt(sum2 / ncx), t);
}
