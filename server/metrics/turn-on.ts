import { binCenter, binWidth, type Histogram } from "../histograms/histogram";
import { binError, content, require1D } from "./histogram-access";
import { MetricError } from "./metric-error";
import type { MetricResult } from "./metric-types";

/**
 * Trigger turn-on curves (efficiency vs E_T), after HDQM's backend/metrics/L1T_metrics.py
 * (TurnOnCurveEffPoint, TurnOnCurveHalfWidth, TurnOnCurveRange, TurnOnPlateauEff, EffMeanRange,
 * EffStdDev). The input is an efficiency histogram: bin content = efficiency, bin error = its
 * uncertainty. HDQM rounded turn-on points and their errors to 2 decimals; they are kept exact
 * here (a trend of E_T in GeV should not move in 0.01 steps; see docs/hdqm-compatibility.md).
 */

/** First bin i (1..n−2) with ε_i ≤ ε < ε_{i+1}; 0 when the curve never crosses ε. */
function crossingBin(h: Histogram, eff: number): number {
  for (let i = 1; i < h.x.nbins - 1; i++) if (content(h, i) <= eff && content(h, i + 1) > eff) return i;
  return 0;
}

/** Bin error, or a binomial estimate from the entries when the stored error is unusable. */
function yError(h: Histogram, i: number): number {
  const e = binError(h, i);
  const c = content(h, i);
  if (e < c) return e;
  return c / Math.sqrt((c * h.entries) / (h.x.nbins * 2));
}

/**
 * E_T where the efficiency reaches `eff`, by linear interpolation between bins i and i+1; the
 * error adds in quadrature the bins' width/√12 and their efficiency errors through the slope.
 */
export function turnOnPoint(h: Histogram, eff: number): MetricResult {
  require1D(h, "turnOnPoint");
  if (!(eff > 0 && eff < 1)) throw new MetricError("bad-parameter", `efficiency ${eff} is outside (0, 1)`);
  const i = crossingBin(h, eff);
  if (i === 0) throw new MetricError("not-computable", `the curve never crosses ${eff}`);
  const y1 = content(h, i);
  const y2 = content(h, i + 1);
  const w1 = (y2 - eff) / (y2 - y1);
  const w2 = (eff - y1) / (y2 - y1);
  const slopeInv = (binCenter(h.x, i + 1) - binCenter(h.x, i)) / (y2 - y1);
  const ex1 = binWidth(h.x, i) / Math.sqrt(12);
  const ex2 = binWidth(h.x, i + 1) / Math.sqrt(12);
  const ey1 = yError(h, i);
  const ey2 = yError(h, i + 1);
  if (y1 <= 0 || ey1 / y1 > 0.2 || ey2 / y2 > 0.2) {
    throw new MetricError("not-computable", `efficiency errors above 20% around the ${eff} crossing`);
  }
  return {
    value: w1 * binCenter(h.x, i) + w2 * binCenter(h.x, i + 1),
    error: Math.hypot(w1 * ex1, w2 * ex2, slopeInv * w1 * ey1, slopeInv * w2 * ey2),
  };
}

/** E_T(80%) − E_T(20%) (HDQM TurnOnCurveHalfWidth): not computable unless the 20 % crossing bin comes before the 80 % one. */
export function turnOnWidth(h: Histogram): MetricResult {
  require1D(h, "turnOnWidth");
  const i20 = crossingBin(h, 0.2);
  const i80 = crossingBin(h, 0.8);
  if (i20 === 0 || i20 >= i80) throw new MetricError("not-computable", `the 20 % crossing (bin ${i20}) is not before the 80 % one (bin ${i80})`);
  const low = turnOnPoint(h, 0.2);
  const high = turnOnPoint(h, 0.8);
  return { value: high.value - low.value, error: Math.hypot(low.error, high.error) };
}

/**
 * Inverse-variance mean efficiency over bins [first, last] skipping empty ones (HDQM
 * EffMeanRange): each bin weighs its equivalent entries (ε/σ)²; error mean/√Σweights.
 */
export function efficiencyMean(h: Histogram, first = 1, last = h.x.nbins): MetricResult {
  require1D(h, "efficiencyMean");
  let weights = 0;
  let sum = 0;
  for (let i = first; i <= last; i++) {
    const c = content(h, i);
    const e = binError(h, i);
    if (c === 0 || e === 0) continue;
    const w = (c / e) ** 2;
    weights += w;
    sum += w * c;
  }
  if (weights === 0) throw new MetricError("empty", `no non-empty bins in '${h.name}'`);
  const m = sum / weights;
  return { value: m, error: m / Math.sqrt(weights) };
}

/**
 * Spread of the efficiency over bins [first, last] (HDQM EffVariance, which is EffStdDev): the
 * (ε/σ)²-weighted standard deviation of the non-empty bins, with HDQM's approximate error
 * mean·meanError / (√(number of bins) · std).
 */
export function efficiencyStdDev(h: Histogram, first = 1, last = h.x.nbins): MetricResult {
  const m = efficiencyMean(h, first, last);
  let weights = 0;
  let sum2 = 0;
  for (let i = first; i <= last; i++) {
    const c = content(h, i);
    const e = binError(h, i);
    if (c === 0 || e === 0) continue;
    const w = (c / e) ** 2;
    weights += w;
    sum2 += w * c * c;
  }
  const std = Math.sqrt(Math.max(sum2 / weights - m.value * m.value, 0));
  if (std === 0) throw new MetricError("not-computable", "every bin has the same efficiency; no spread");
  return { value: std, error: (m.value * m.error) / (Math.sqrt(last + 1 - first) * std) };
}

/**
 * Centre of the rise of a turn-on curve, ± half its length (HDQM TurnOnCurveRange): from the
 * first empty bin followed by a filled one (bin 0, the underflow, if none) to the last bin,
 * among 1..n−2, neither empty nor at 1.
 */
export function turnOnRange(h: Histogram): MetricResult {
  require1D(h, "turnOnRange");
  let start = 0;
  for (let i = 1; i < h.x.nbins - 1; i++) {
    if (content(h, i) === 0 && content(h, i + 1) > 0) {
      start = i;
      break;
    }
  }
  let saturate = 0;
  for (let i = 1; i < h.x.nbins - 1; i++) if (content(h, i) !== 0 && content(h, i) !== 1) saturate = i;
  if (saturate === 0) throw new MetricError("not-computable", "no bin strictly between 0 and 1");
  const a = binCenter(h.x, start);
  const b = binCenter(h.x, saturate);
  return { value: (b + a) / 2, error: (b - a) / 2 };
}

/** Plateau efficiency: the mean from the bin past E_T(50%) + 2·width to the end (HDQM TurnOnPlateauEff). */
export function turnOnPlateau(h: Histogram): MetricResult {
  const start = turnOnPoint(h, 0.5).value + 2 * turnOnWidth(h).value;
  for (let i = 1; i < h.x.nbins; i++) {
    if (binCenter(h.x, i) < start && binCenter(h.x, i + 1) >= start) return efficiencyMean(h, i + 1, h.x.nbins);
  }
  throw new MetricError("not-computable", `plateau start ${start} is beyond the histogram`);
}
