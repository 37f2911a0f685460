import type { Histogram } from "../histograms/histogram";
import { MetricError } from "./metric-error";
import type { MetricDeps, MetricResult } from "./metric-types";
import { mean } from "./moments";

/**
 * Comparisons to a reference histogram, after HDQM's basic.MeanDiff, Kolmogorov, Chi2 and
 * NormChi2. The tests themselves belong to the comparison engine and are injected.
 */

/** mean − mean_ref, errors in quadrature (TH1::GetMean / GetMeanError on both). */
export function meanDifference(h: Histogram, ref: Histogram): MetricResult {
  const a = mean(h);
  const b = mean(ref);
  return { value: a.value - b.value, error: Math.hypot(a.error, b.error) };
}

function comparators(deps: MetricDeps) {
  if (!deps.compare) throw new MetricError("missing-input", "no comparison engine was provided");
  return deps.compare;
}

/** Kolmogorov–Smirnov probability (HDQM: TH1::KolmogorovTest, returned with no error). */
export function kolmogorov(h: Histogram, ref: Histogram, deps: MetricDeps): MetricResult {
  return { value: comparators(deps).kolmogorov(h, ref).pValue, error: 0 };
}

/** χ² statistic (HDQM: TH1::Chi2Test "UU NORM CHI2"). */
export function chi2(h: Histogram, ref: Histogram, deps: MetricDeps): MetricResult {
  return { value: comparators(deps).chi2(h, ref).statistic, error: 0 };
}

/** χ²/ndf (HDQM: TH1::Chi2Test "UU NORM CHI2/NDF"). */
export function normalizedChi2(h: Histogram, ref: Histogram, deps: MetricDeps): MetricResult {
  const r = comparators(deps).chi2(h, ref);
  if (!r.ndf) throw new MetricError("not-computable", "the χ² comparison reported no degrees of freedom");
  return { value: r.statistic / r.ndf, error: 0 };
}
