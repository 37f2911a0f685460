/** ContentsXRange, ContentsYRange and DeadChannel — CMSSW DQMServices/Core/src/QTest.cc. */
import type { Histogram } from "../../histograms/histogram";
import { binCenter } from "../../histograms/histogram";
import type { TestResult } from "../result";
import type { Thresholds } from "../status";
import { cellAt, checkInput, qtestResult } from "./qtest-result";

/** ContentsXRange::runTest: fraction of all entries (under/overflow included) whose bin centre is in [xmin, xmax]; the axis range by default. */
export function contentsXRange(h: Histogram, p: { xmin?: number; xmax?: number }, t?: Thresholds): TestResult {
  const name = "ContentsXRange";
  const bad = checkInput(name, h, ["TH1"]);
  if (bad) return bad;
  const ranged = p.xmin !== undefined && p.xmax !== undefined;
  const xmin = ranged ? p.xmin! : h.x.min;
  const xmax = ranged ? p.xmax! : h.x.max;
  let sum = 0;
  let fail = 0;
  for (let bin = 0; bin <= h.x.nbins + 1; bin++) {
    const c = h.contents[bin]!;
    const x = binCenter(h.x, bin);
    sum += c;
    if (x < xmin || x > xmax) fail += c;
  }
  return qtestResult(name, sum === 0 ? 1 : (sum - fail) / sum, t);
}

/**
 * ContentsYRange::runTest: fraction of bins 1..n whose content is in [ymin, ymax]; with
 * useEmptyBins false, empty bins always pass (the "AS" variant). Without a range every bin passes.
 */
export function contentsYRange(h: Histogram, p: { ymin?: number; ymax?: number; useEmptyBins?: boolean }, t?: Thresholds): TestResult {
  const name = "ContentsYRange";
  const bad = checkInput(name, h, ["TH1"]);
  if (bad) return bad;
  if (p.ymin === undefined || p.ymax === undefined) return qtestResult(name, 1, t);
  const ncx = h.x.nbins;
  let fail = 0;
  for (let bin = 1; bin <= ncx; bin++) {
    const c = h.contents[bin]!;
    const useBin = p.useEmptyBins ?? true ? true : c !== 0;
    if (useBin && (c < p.ymin || c > p.ymax)) fail++;
  }
  return qtestResult(name, (ncx - fail) / ncx, t);
}

/** DeadChannel::runTest: fraction of bins (1D or 2D, no under/overflow) with content above the threshold. */
export function deadChannel(h: Histogram, p: { threshold?: number }, t?: Thresholds): TestResult {
  const name = "DeadChannel";
  const bad = checkInput(name, h, ["TH1", "TH2"]);
  if (bad) return bad;
  const ncx = h.x.nbins;
  if (!h.y) {
    // A 1D test without a threshold accepts every bin (rangeInitialized_ false).
    if (p.threshold === undefined) return qtestResult(name, 1, t);
    let fail = 0;
    for (let bin = 1; bin <= ncx; bin++) if (h.contents[bin]! <= p.threshold) fail++;
    return qtestResult(name, (ncx - fail) / ncx, t);
  }
  const ymin = p.threshold ?? 0;
  const ncy = h.y.nbins;
  let fail = 0;
  for (let cx = 1; cx <= ncx; cx++) for (let cy = 1; cy <= ncy; cy++) if (h.contents[cellAt(h, cx, cy)]! <= ymin) fail++;
  return qtestResult(name, (ncx * ncy - fail) / (ncx * ncy), t);
}
