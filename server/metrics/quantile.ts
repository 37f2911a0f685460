import { binLowEdge, binWidth, type Histogram } from "../histograms/histogram";
import { content, require1D } from "./histogram-access";
import { MetricError } from "./metric-error";
import type { MetricResult } from "./metric-types";
import { axisSums, effectiveEntries } from "./moments";

/**
 * Quantile of a 1D histogram, TH1::GetQuantiles semantics (ROOT hist/hist/src/TH1.cxx with
 * TH1::ComputeIntegral): F[0] = 0, F[i] = Σ_{k≤i} c_k / Σ c over bins 1..n; j = the largest
 * index in 0..n−1 with F[j] ≤ p (TMath::BinarySearch); x_p = low(j+1) + w(j+1)·(p − F[j]) / (F[j+1] − F[j]).
 *
 * Error: the asymptotic standard deviation of a sample quantile, √(p(1−p)/N_eff) / f(x_p), with
 * f the density of the bin holding x_p (Kendall & Stuart, The Advanced Theory of Statistics,
 * vol. 1, §10.10). HDQM's own Quantile.h helper did not publish its error formula.
 */
export function quantile(h: Histogram, p: number): MetricResult {
  require1D(h, "quantile");
  if (!(p >= 0 && p <= 1)) throw new MetricError("bad-parameter", `quantile fraction ${p} is outside [0, 1]`);
  const n = h.x.nbins;
  const cdf = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) {
    const c = content(h, i);
    if (c < 0) throw new MetricError("not-computable", `'${h.name}' has a negative bin (${i}); no quantile`);
    cdf[i] = (cdf[i - 1] ?? 0) + c;
  }
  const sum = cdf[n] ?? 0;
  if (sum === 0) throw new MetricError("empty", `'${h.name}' is empty`);
  for (let i = 1; i <= n; i++) cdf[i] = (cdf[i] ?? 0) / sum;

  let j = 0;
  for (let i = 0; i < n; i++) if ((cdf[i] ?? 0) <= p) j = i;
  const lo = cdf[j] ?? 0;
  const dint = (cdf[j + 1] ?? 0) - lo;
  const width = binWidth(h.x, j + 1);
  let x = binLowEdge(h.x, j + 1);
  if (dint > 0) x += (width * (p - lo)) / dint;

  const neff = effectiveEntries(axisSums(h, "x"));
  const density = dint / width;
  const error = density > 0 && neff > 0 ? Math.sqrt((p * (1 - p)) / neff) / density : 0;
  return { value: x, error };
}
