/** Shared plumbing of the CMSSW quality tests (DQMServices/Core/src/QTest.cc). */
import type { Histogram } from "../../histograms/histogram";
import type { TestResult } from "../result";
import { DEFAULT_THRESHOLDS, statusFromScore, type Thresholds } from "../status";
import { nonFinite } from "../validate";

/**
 * QCriterion::runTest returns a float: the value is rounded to single precision, as CMSSW
 * stores and compares it. A negative value means the test could not run (INVALID), unless the
 * caller names a more precise status.
 */
export function qtestResult(test: string, value: number, thresholds: Thresholds = DEFAULT_THRESHOLDS, why?: { status: "INVALID" | "INSUF_STAT"; message: string }): TestResult {
  const score = Math.fround(value);
  if (why || score < 0 || Number.isNaN(score)) {
    return { test, statistic: score, score: -1, status: why?.status ?? "INVALID", message: why?.message ?? "test could not run" };
  }
  return { test, statistic: score, score, status: statusFromScore(score, thresholds) };
}

export function invalid(test: string, message: string): TestResult {
  return qtestResult(test, -1, DEFAULT_THRESHOLDS, { status: "INVALID", message });
}

export function insufficient(test: string, message: string): TestResult {
  return qtestResult(test, -1, DEFAULT_THRESHOLDS, { status: "INSUF_STAT", message });
}

/** Returns an INVALID result when the histogram's kind is not accepted or its values are not finite. */
export function checkInput(test: string, h: Histogram, kinds: readonly Histogram["kind"][]): TestResult | undefined {
  if (!kinds.includes(h.kind)) return invalid(test, `${test} does not accept ${h.kind}`);
  const bad = nonFinite(h);
  return bad ? invalid(test, bad) : undefined;
}

/** TH1::GetBin(binx, biny) with ROOT's clamping to [0, n+1]; a 1D histogram ignores biny. */
export function cellAt(h: Histogram, binx: number, biny = 0): number {
  const nx = h.x.nbins;
  const x = Math.min(Math.max(binx, 0), nx + 1);
  if (!h.y) return x;
  const y = Math.min(Math.max(biny, 0), h.y.nbins + 1);
  return x + (nx + 2) * y;
}

/** Number of y bins as TH1::GetNbinsY reports it (1 for a 1D histogram). */
export function nbinsY(h: Histogram): number {
  return h.y ? h.y.nbins : 1;
}
