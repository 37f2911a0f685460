import type { Histogram } from "../histograms/histogram";
import { binError, content, dimension, findBin, integral, maximumBin, maximumContent, minimumBin, realCells, require1D, require2D, resolveBin, sumOfWeights } from "./histogram-access";
import { MetricError } from "./metric-error";
import type { MetricResult } from "./metric-types";

/**
 * Sums and averages of chosen bins, after HDQM's backend/metrics/basic.py (MaxExcursion,
 * ROCfraction, StripBadComponent, FED25ErrorFraction, FractionInBinArray, MeanPosOnly,
 * MeanXRange, MeanY) and muon_metrics.py (MeanCh, NOutsideRange). Bin reads follow ROOT's
 * TH1::GetBinContent(ix, iy), which ignores iy on a 1D histogram; bin errors are ROOT's.
 */

/** Highest minus lowest real-bin content, errors of the two bins in quadrature (HDQM MaxExcursion). */
export function maxExcursion(h: Histogram): MetricResult {
  const hi = maximumBin(h);
  const lo = minimumBin(h);
  return { value: content(h, hi.ix, hi.iy) - content(h, lo.ix, lo.iy), error: Math.hypot(binError(h, hi.ix, hi.iy), binError(h, lo.ix, lo.iy)) };
}

/**
 * A bin's content as a percentage of a fixed total (HDQM ROCfraction): 100·c/total. The error is
 * 100·(ROOT bin error)/total; HDQM wrote 100·√c/total, the same for an unweighted histogram.
 */
export function binPercent(h: Histogram, bin: number | string, total: number, noError: boolean): MetricResult {
  const ix = resolveBin(h.x, bin, "bin");
  return { value: (100 * content(h, ix)) / total, error: noError ? 0 : (100 * binError(h, ix)) / total };
}

/** 100·Σ content(x, y) over the x bins of one y bin, over a norm (HDQM StripBadComponent); no error, as HDQM. */
export function binSumPercent(h: Histogram, xBins: readonly number[], yBin: number, norm: number): MetricResult {
  let s = 0;
  for (const ix of xBins) s += content(h, ix, yBin);
  return { value: (100 * s) / norm, error: 0 };
}

/**
 * Cells (all real cells, 1D or 2D) above `fraction` of the highest content, counted, divided by
 * `norm`, in percent (HDQM FED25ErrorFraction); the optional binomial error uses the number of
 * cells, as HDQM did.
 */
export function cellsAboveMaxFraction(h: Histogram, fraction: number, norm: number, withError: boolean): MetricResult {
  const ref = maximumContent(h) * fraction;
  const cells = realCells(h);
  const count = cells.filter(([ix, iy]) => content(h, ix, iy) > ref).length;
  const res = count / norm;
  if (withError && res > 1) throw new MetricError("not-computable", `${count} cells above the cut exceed the norm ${norm}`);
  return { value: 100 * res, error: withError ? 100 * Math.sqrt((res * (1 - res)) / cells.length) : 0 };
}

/** Σ content of some bins over Σ content of others, independent Poisson errors (HDQM FractionInBinArray). */
export function binSetRatio(h: Histogram, numerator: readonly number[], denominator: readonly number[]): MetricResult {
  const sum = (bins: readonly number[]) => bins.reduce((s, b) => s + content(h, b), 0);
  const num = sum(numerator);
  const den = sum(denominator);
  if (den === 0) throw new MetricError("not-computable", "the denominator bins are empty");
  return { value: num / den, error: num !== 0 ? Math.sqrt(1 / num + 1 / den) * (num / den) : 0 };
}

/**
 * Average content over x bins [xFirst, xLast] × y bins [yFirst, yLast], negative cells counted
 * as zero but still counted (HDQM MeanPosOnly: row 1; MeanXRange(a, b): columns a..b−1). HDQM
 * gives no error.
 */
export function nonNegativeMean(h: Histogram, x: readonly [number, number] | undefined, y: readonly [number, number] | undefined): MetricResult {
  const ny = dimension(h) === 2 && h.y ? h.y.nbins : 1;
  const [x0, x1] = x ?? [1, h.x.nbins];
  const [y0, y1] = y ?? [1, ny];
  let sum = 0;
  let count = 0;
  for (let ix = x0; ix <= x1; ix++) {
    for (let iy = y0; iy <= y1; iy++) {
      sum += Math.max(content(h, ix, iy), 0);
      count++;
    }
  }
  if (count === 0) throw new MetricError("empty", "no bins in the range");
  return { value: sum / count, error: 0 };
}

/**
 * Average of one y bin's contents over x bins 0..nx, i.e. the underflow column included and the
 * overflow not, dividing by nx + 1 (HDQM muon_metrics.MeanCh, kept as HDQM wrote it so trends
 * continue; see docs/hdqm-compatibility.md). No error, as HDQM.
 */
export function meanOverX(h: Histogram, yBin: number): MetricResult {
  const yAxis = require2D(h, "meanOverX");
  resolveBin(yAxis, yBin, "y bin");
  let sum = 0;
  for (let ix = 0; ix <= h.x.nbins; ix++) sum += content(h, ix, yBin);
  return { value: sum / (h.x.nbins + 1), error: 0 };
}

/** Σ real bins outside bins FindBin(low)..FindBin(high) (HDQM muon_metrics.NOutsideRange); no error, as HDQM. */
export function countOutsideRange(h: Histogram, low: number, high: number): MetricResult {
  require1D(h, "countOutsideRange");
  return { value: integral(h) - integral(h, findBin(h.x, low), findBin(h.x, high)), error: 0 };
}

/** TH1::GetSumOfWeights over TH1::GetEntries (HDQM MeanY); no error, as HDQM. */
export function sumOfWeightsPerEntry(h: Histogram): MetricResult {
  if (h.entries === 0) throw new MetricError("empty", `'${h.name}' has no entries`);
  return { value: sumOfWeights(h) / h.entries, error: 0 };
}
