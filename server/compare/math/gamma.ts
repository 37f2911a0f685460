/**
 * Log-gamma and the regularised incomplete gamma functions, the basis of every χ² p-value here.
 * igam/igamc follow Cephes (S. Moshier, `igam.c`): power series below the transition, Legendre's
 * continued fraction above it — the same algorithm behind ROOT::Math::inc_gamma_c (which
 * TMath::Prob calls via chisquared_cdf_c) and scipy.special.gammaincc.
 */

const MACHEP = 1.1102230246251565e-16;
const MAXLOG = 709.782712893384;
const BIG = 4.503599627370496e15;
const BIGINV = 2.220446049250313e-16;
const HALF_LOG_2PI = 0.9189385332046727;

/** Lanczos (g = 7, n = 9) coefficients — Numerical Recipes 3rd ed. §6.1 / Godfrey's table. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos below 10, Stirling's series above; reflection for x < 0.5). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  if (x >= 10) {
    // Stirling: (x−½)ln x − x + ½ln 2π + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷)
    const r = 1 / x;
    const r2 = r * r;
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
  }
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln Γ(n/2) for n = 0..MAX_HALF, cached: the χ² p-value of a batch reuses a handful of ndf. */
const MAX_HALF = 4096;
const halfCache = new Float64Array(MAX_HALF + 1).fill(Number.NaN);
function lnGammaOf(a: number): number {
  const twice = a * 2;
  if (twice <= MAX_HALF && Number.isInteger(twice)) {
    let v = halfCache[twice]!;
    if (Number.isNaN(v)) {
      v = lnGamma(a);
      halfCache[twice] = v;
    }
    return v;
  }
  return lnGamma(a);
}

/** Regularised lower incomplete gamma P(a, x) — Cephes igam. */
export function igam(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x > 1 && x > a) return 1 - igamc(a, x);
  let ax = a * Math.log(x) - x - lnGammaOf(a);
  if (ax < -MAXLOG) return 0;
  ax = Math.exp(ax);
  let r = a;
  let c = 1;
  let ans = 1;
  do {
    r += 1;
    c *= x / r;
    ans += c;
  } while (c / ans > MACHEP);
  return (ans * ax) / a;
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x) — Cephes igamc. */
export function igamc(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  if (x < 1 || x < a) return 1 - igam(a, x);
  let ax = a * Math.log(x) - x - lnGammaOf(a);
  if (ax < -MAXLOG) return 0;
  ax = Math.exp(ax);
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  let t: number;
  do {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    } else t = 1;
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > BIG) {
      pkm2 *= BIGINV;
      pkm1 *= BIGINV;
      qkm2 *= BIGINV;
      qkm1 *= BIGINV;
    }
  } while (t > MACHEP);
  return ans * ax;
}

/**
 * TMath::Prob(chi2, ndf) (ROOT math/mathcore/src/TMath.cxx): upper tail of χ² with ndf degrees
 * of freedom; 0 for ndf ≤ 0, 1 for χ² = 0, 0 for χ² < 0.
 */
export function chi2Prob(chi2: number, ndf: number): number {
  if (ndf <= 0) return 0;
  if (chi2 <= 0) return chi2 < 0 ? 0 : 1;
  if (Number.isNaN(chi2)) return Number.NaN;
  return igamc(0.5 * ndf, 0.5 * chi2);
}
