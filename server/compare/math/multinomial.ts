/**
 * Multinomial draws by conditional binomials: bin i gets Binomial(remaining, p_i / p_remaining).
 * Binomials use inversion for small means and a rounded normal approximation for large ones,
 * which is ample for the pseudo-experiments of KS option X (a distribution of D, not exact counts).
 */
import { gaussian, type Rng } from "./rng";

export function sampleBinomial(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  let k: number;
  if (n * q < 30) {
    // Inversion by sequential search of the CDF.
    const s = q / (1 - q);
    let pk = Math.pow(1 - q, n);
    let cdf = pk;
    const u = rng.next();
    k = 0;
    while (u > cdf && k < n) {
      pk *= (s * (n - k)) / (k + 1);
      cdf += pk;
      k++;
    }
  } else {
    const mean = n * q;
    k = Math.round(mean + Math.sqrt(mean * (1 - q)) * gaussian(rng));
    k = Math.min(n, Math.max(0, k));
  }
  return flip ? n - k : k;
}

/** Fills `out` with a multinomial draw of `n` entries over the (unnormalised, non-negative) weights. */
export function sampleMultinomial(weights: Float64Array, n: number, rng: Rng, out: Float64Array): void {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let remaining = n;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (remaining <= 0 || total <= 0) {
      out[i] = 0;
      continue;
    }
    const k = i === weights.length - 1 ? remaining : sampleBinomial(remaining, Math.min(1, w / total), rng);
    out[i] = k;
    remaining -= k;
    total -= w;
  }
}
