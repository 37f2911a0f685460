/** Normal-distribution tails and quantiles, accurate far into the tails (AutoDQM's pulls go to 37σ). */
import { igamc } from "./gamma";

/** Upper tail of the standard normal, Φc(x) = ½ erfc(x/√2), with erfc(y) = Q(½, y²) for y ≥ 0. */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 1 - normalSf(-x);
  return 0.5 * igamc(0.5, 0.5 * x * x);
}

/** Acklam's rational approximation of Φ⁻¹ (relative error 1.15e-9), refined below by Newton steps. */
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function acklamLowerTail(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** z such that Φc(z) = p, for 0 < p ≤ ½ (upper-tail quantile, scipy.stats.norm.isf). */
function upperQuantile(p: number): number {
  let z = -acklamLowerTail(p);
  // Newton on ln Φc: keeps relative accuracy when p is 1e-300.
  for (let i = 0; i < 4; i++) {
    const sf = normalSf(z);
    const pdf = Math.exp(-0.5 * z * z - 0.9189385332046727);
    if (!(sf > 0) || !(pdf > 0)) break;
    const step = (Math.log(sf) - Math.log(p)) * (sf / pdf);
    z += step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

/** Inverse upper tail of the standard normal (scipy.stats.norm.isf). */
export function normalIsf(p: number): number {
  if (!(p > 0)) return p === 0 ? Infinity : Number.NaN;
  if (p >= 1) return p === 1 ? -Infinity : Number.NaN;
  return p <= 0.5 ? upperQuantile(p) : -upperQuantile(1 - p);
}

/** √(χ²₁ isf(p)) = Φc⁻¹(p/2): the two-sided significance of a probability (AutoDQM `Sigmas`). */
export function sigmasFromProb(p: number): number {
  return normalIsf(0.5 * p);
}
