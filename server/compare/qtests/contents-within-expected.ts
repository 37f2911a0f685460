/**
 * ContentsWithinExpected — CMSSW DQMServices/Core/src/QTest.cc. With useEmptyBins (the normal
 * test, TH2/TProfile/TProfile2D) a bin fails when its content (profile: mean) is outside the mean
 * range, its error outside the RMS range, or it deviates from the average of all bins by more
 * than toleranceMean·|average|; profile bins with fewer than minEntries/nbins entries are
 * skipped but still counted. Without useEmptyBins (the "AS" test, TH2 only) only non-empty bins
 * are checked against the mean range.
 */
import type { Histogram } from "../../histograms/histogram";
import { binContent, binError } from "../../histograms/bin-values";
import type { TestResult } from "../result";
import type { Thresholds } from "../status";
import { cellAt, checkInput, nbinsY, qtestResult } from "./qtest-result";

export interface ContentsWithinExpectedParams {
  readonly useEmptyBins: boolean;
  readonly minEntries?: number;
  readonly meanRange?: readonly [number, number];
  readonly rmsRange?: readonly [number, number];
  readonly toleranceMean?: number;
}

export function contentsWithinExpected(h: Histogram, p: ContentsWithinExpectedParams, t?: Thresholds): TestResult {
  const name = "ContentsWithinExpected";
  const bad = checkInput(name, h, p.useEmptyBins ? ["TH2", "TProfile", "TProfile2D"] : ["TH2"]);
  if (bad) return bad;
  const ncx = h.x.nbins;
  const ncy = nbinsY(h);
  const [minMean, maxMean] = p.meanRange ?? [0, 0];

  if (!p.useEmptyBins) {
    let fail = 0;
    for (let cx = 1; cx <= ncx; cx++) {
      for (let cy = 1; cy <= ncy; cy++) {
        const c = h.contents[cellAt(h, cx, cy)]!;
        if (c !== 0 && (c < minMean || c > maxMean)) fail++;
      }
    }
    return qtestResult(name, (ncx * ncy - fail) / (ncx * ncy), t);
  }

  // minEntries_ is unsigned in CMSSW, so minEntries/(ncx·ncy) is an integer division.
  const minPerBin = h.binEntries ? Math.trunc((p.minEntries ?? 0) / (ncx * ncy)) : 0;
  const skipped = (cell: number): boolean => h.binEntries !== undefined && h.binEntries[cell]! < minPerBin;
  let average = 0;
  if (p.toleranceMean !== undefined) {
    let sum = 0;
    let nsum = 0;
    for (let cx = 1; cx <= ncx; cx++) {
      for (let cy = 1; cy <= ncy; cy++) {
        const cell = cellAt(h, cx, cy);
        if (skipped(cell)) continue;
        sum += binContent(h, cell);
        nsum++;
      }
    }
    if (nsum > 0) average = sum / nsum;
  }
  let fail = 0;
  for (let cx = 1; cx <= ncx; cx++) {
    for (let cy = 1; cy <= ncy; cy++) {
      const cell = cellAt(h, cx, cy);
      if (skipped(cell)) continue;
      const mean = binContent(h, cell);
      const failMean = p.meanRange !== undefined && (mean < minMean || mean > maxMean);
      const rms = p.rmsRange ? binError(h, cell) : 0;
      const failRms = p.rmsRange !== undefined && (rms < p.rmsRange[0] || rms > p.rmsRange[1]);
      const failTol = p.toleranceMean !== undefined && Math.abs(mean - average) > p.toleranceMean * Math.abs(average);
      if (failMean || failRms || failTol) fail++;
    }
  }
  return qtestResult(name, (ncx * ncy - fail) / (ncx * ncy), t);
}
