import type { Histogram } from "../histograms/histogram";
import { binError, content, dimension, findBin, integral, resolveBin } from "./histogram-access";
import { MetricError } from "./metric-error";
import type { MetricResult } from "./metric-types";
import { mean, type StatAxis } from "./moments";

/**
 * Metrics reading the ME and one or two extra MEs (histo1Path, histo2Path), after HDQM's
 * backend/metrics/basic.py: RecoFraction, PixelEfficiency, PixelDigiPerClusterPix, EntriesRate.
 */

/** TH1::GetMean and GetMeanError, which ROOT returns as 0 for an empty histogram. */
function meanOrZero(h: Histogram, axis: StatAxis): MetricResult {
  try {
    return mean(h, axis);
  } catch (e) {
    if (e instanceof MetricError && e.code === "empty") return { value: 0, error: 0 };
    throw e;
  }
}

/**
 * A bin of the ME (by number or label) over histo1's entries (HDQM RecoFraction). The error is
 * ROOT's bin error over the entries; HDQM wrote √c, the same for an unweighted histogram.
 */
export function recoFraction(h: Histogram, other: Histogram, bin: number | string, noError: boolean): MetricResult {
  const ix = resolveBin(h.x, bin, "bin");
  const den = other.entries;
  if (den === 0) throw new MetricError("empty", `'${other.name}' has no entries`);
  return { value: content(h, ix) / den, error: noError ? 0 : binError(h, ix) / den };
}

/**
 * Hits over hits plus misses, each counted as GetMean()·GetEntries() of its histogram (the ME
 * holds the valid hits, histo1 the missing ones), with the binomial error √(ε(1−ε)/den) (HDQM
 * PixelEfficiency).
 */
export function pixelEfficiency(h: Histogram, missing: Histogram): MetricResult {
  const num = meanOrZero(h, "x").value * h.entries;
  const den = num + meanOrZero(missing, "x").value * missing.entries;
  if (den === 0) throw new MetricError("empty", "no valid or missing hits");
  const res = num / den;
  return { value: res, error: Math.sqrt(Math.max(res * (1 - res), 0) / den) };
}

/**
 * mean(ME) / (mean(histo1) · mean(histo2)), each the mean along z for 2D inputs (HDQM
 * PixelDigiPerClusterPix: GetMean(3) when the class name holds a "2"), along x otherwise. A
 * numerator below 1 is a failed measurement (HDQM stored 0). The error propagates the three
 * means' errors on the same axis in quadrature of relative errors; HDQM mixed the x-axis error
 * of the numerator with absolute denominator errors (see docs/hdqm-compatibility.md).
 */
export function digisPerCluster(h: Histogram, a: Histogram, b: Histogram): MetricResult {
  const axis: StatAxis = dimension(h) === 2 ? "z" : "x";
  const n = meanOrZero(h, axis);
  const d1 = meanOrZero(a, axis);
  const d2 = meanOrZero(b, axis);
  const den = d1.value * d2.value;
  if (den === 0) throw new MetricError("not-computable", "a denominator mean is zero");
  if (n.value < 1) throw new MetricError("not-computable", `numerator mean ${n.value} is below 1`);
  const res = n.value / den;
  return { value: res, error: Math.abs(res) * Math.hypot(n.error / n.value, d1.error / d1.value, d2.error / d2.value) };
}

/**
 * Σ ME bins from the bin holding x to the last real bin, per second of the lumisections seen:
 * histo1's non-empty bins × secondsPerLumisection (HDQM EntriesRate used 23 s), Poisson error.
 */
export function entriesRate(h: Histogram, lumis: Histogram, x: number, secondsPerLumisection: number): MetricResult {
  const sum = integral(h, findBin(h.x, x), h.x.nbins);
  let nls = 0;
  for (let i = 1; i <= lumis.x.nbins; i++) if (content(lumis, i) > 0) nls++;
  if (nls === 0) throw new MetricError("empty", `'${lumis.name}' has no filled lumisection`);
  const t = nls * secondsPerLumisection;
  return { value: sum / t, error: Math.sqrt(Math.abs(sum)) / t };
}
