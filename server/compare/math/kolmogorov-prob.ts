/**
 * TMath::KolmogorovProb(z) (ROOT math/mathcore/src/TMath.cxx, from CERNLIB PROBKL G102):
 * P(K > z) for the Kolmogorov distribution. For 0.2 ≤ u < 0.755 the theta-function inversion
 * 1 − √(2π)/u · Σ_{k=1,3,5} exp(−k²π²/(8u²)); for 0.755 ≤ u < 6.8116 the alternating series
 * 2 Σ_{j=1}^{maxj} (−1)^{j−1} exp(−2j²u²) with maxj = max(1, nint(3/u)); 1 below, 0 above.
 */
const W = 2.50662827;
const C1 = -1.2337005501361697; // −π²/8

/** TMath::Nint: round half to even. */
function nint(x: number): number {
  const i = Math.floor(x + 0.5);
  return x + 0.5 === i && i % 2 !== 0 ? i - 1 : i;
}

export function kolmogorovProb(z: number): number {
  const u = Math.abs(z);
  if (u < 0.2) return 1;
  if (u < 0.755) {
    const v = 1 / (u * u);
    const e1 = Math.exp(C1 * v);
    // exp(C2·v) = exp(C1·v)⁹ and exp(C3·v) = exp(C1·v)²⁵.
    return 1 - (W * (e1 + e1 ** 9 + e1 ** 25)) / u;
  }
  if (u < 6.8116) {
    const v = u * u;
    const maxj = Math.max(1, nint(3 / u));
    // exp(−2j²v) as powers of exp(−2v): one exponential instead of four (terms beyond j = 1 are small corrections).
    const r0 = Math.exp(-2 * v);
    const sq = r0 * r0;
    const r1 = maxj > 1 ? sq * sq : 0;
    const r2 = maxj > 2 ? r1 * r1 * r0 : 0;
    const r3 = maxj > 3 ? r1 * r1 * r1 * r1 : 0;
    return 2 * (r0 - r1 + r2 - r3);
  }
  return 0;
}
