/**
 * CompareToMedian — CMSSW DQMServices/Core/src/QTest.cc, for TProfile2D. Per x column the
 * median of the y bins (the upper median: nth_element at size/2, empty bins left out unless
 * useEmptyBins) sets the cuts [median·min, median·max]; a zero median falls back to the absolute
 * cuts [minMedian, maxMedian]; a median outside those cuts fails the whole column; columns with
 * median·entries < statCut are skipped. CMSSW keeps the median and cuts in single precision.
 */
import type { Histogram } from "../../histograms/histogram";
import { binContent } from "../../histograms/bin-values";
import type { TestResult } from "../result";
import type { Thresholds } from "../status";
import { cellAt, checkInput, qtestResult } from "./qtest-result";

export interface CompareToMedianParams {
  readonly min: number;
  readonly max: number;
  readonly minMedian: number;
  readonly maxMedian: number;
  readonly useEmptyBins: boolean;
  readonly statCut: number;
}

export function compareToMedian(h: Histogram, p: CompareToMedianParams, t?: Thresholds): TestResult {
  const name = "CompareToMedian";
  const bad = checkInput(name, h, ["TProfile2D"]);
  if (bad) return bad;
  const f = Math.fround;
  const nx = h.x.nbins;
  const ny = h.y!.nbins;
  const entriesOf = (cell: number): number => Math.trunc(h.binEntries![cell]!);
  let nbins = 0;
  let failed = 0;
  let median = 0;
  for (let bx = 1; bx <= nx; bx++) {
    const values: number[] = [];
    let entries = 0;
    for (let by = 1; by <= ny; by++) {
      const cell = cellAt(h, bx, by);
      const c = binContent(h, cell);
      if (c === 0 && !p.useEmptyBins) continue;
      values.push(c);
      entries = entriesOf(cell);
    }
    if (values.length === 0) continue;
    nbins += values.length;
    values.sort((a, b) => a - b);
    median = f(values[Math.trunc(values.length / 2)]!);

    const column = (fails: (c: number) => boolean): void => {
      for (let by = 1; by <= ny; by++) {
        const cell = cellAt(h, bx, by);
        if (entriesOf(cell) === 0) continue;
        if (fails(binContent(h, cell))) failed++;
      }
    };
    if (median === 0) {
      column((c) => c > f(p.maxMedian) || c < f(p.minMedian));
      continue;
    }
    if (f(median * entries) < f(p.statCut)) continue;
    if (median > f(p.maxMedian) || median < f(p.minMedian)) {
      column(() => true);
      continue;
    }
    const minCut = f(median * f(p.min));
    const maxCut = f(median * f(p.max));
    column((c) => c > maxCut || c < minCut);
  }
  if (nbins === 0) return qtestResult(name, 1, t);
  const value = f(1 - f(failed / nbins));
  // Bins with entries but a zero mean are left out of nbins yet can fail, so CMSSW's value can
  // go below 0; QCriterion then reports ERROR with that value (it ran; it is not "could not run").
  if (value < 0) return { test: name, statistic: value, score: value, status: "ERROR", message: `${failed} failing bins against ${nbins} bins used for the medians` };
  return qtestResult(name, value, t);
}
