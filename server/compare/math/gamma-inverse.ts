/** Inverse of the regularised lower incomplete gamma, x with P(a, x) = p (scipy.special.gammaincinv). */
import { igam, lnGamma } from "./gamma";
import { normalIsf } from "./normal";

export function gammaIncInv(a: number, p: number): number {
  if (!(a > 0) || !(p >= 0) || !(p <= 1)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // Wilson–Hilferty start (Abramowitz & Stegun 26.4.17), or the small-x series when it fails.
  const z = -normalIsf(p);
  let x = a * Math.pow(1 - 1 / (9 * a) + z / (3 * Math.sqrt(a)), 3);
  if (!(x > 0)) x = Math.exp((Math.log(p) + lnGamma(a + 1)) / a);
  const lga = lnGamma(a);
  // Halley iterations on P(a, x) − p.
  for (let i = 0; i < 100; i++) {
    const f = igam(a, x) - p;
    const dens = Math.exp((a - 1) * Math.log(x) - x - lga);
    if (!(dens > 0)) break;
    const ratio = f / dens;
    let step = ratio / Math.max(0.5, 1 - 0.5 * ratio * ((a - 1) / x - 1));
    if (x - step <= 0) step = x / 2;
    x -= step;
    if (Math.abs(step) <= 1e-15 * x) break;
  }
  return x;
}
