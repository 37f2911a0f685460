/**
 * Asymmetric Poisson errors.
 * - `garwoodInterval`: the Garwood (1936) central interval [χ²(α/2; 2n)/2, χ²(1−α/2; 2n+2)/2],
 *   ROOT's TH1::kPoisson bin errors (TH1::GetBinErrorLow/Up).
 * - `autodqmErrors`: AutoDQM's pull-value plugin (plugins/pullvals.py) computes
 *   |χ².interval(0.6827, 2n)/2 − 1 − n| for the lower and upper end, with 0 where n = 0.
 */
import { gammaIncInv } from "../math/gamma-inverse";

const CL = 0.6827;

export function garwoodInterval(n: number, cl = 0.682689492): [number, number] {
  const alpha = 1 - cl;
  const low = n > 0 ? gammaIncInv(n, alpha / 2) : 0;
  const up = gammaIncInv(n + 1, 1 - alpha / 2);
  return [low, up];
}

/** [lowerSideError, upperSideError] as AutoDQM's pull values use them (index 0 and 1 of its errs array). */
export function autodqmErrors(n: number): [number, number] {
  if (!(n > 0)) return [0, 0];
  const lo = gammaIncInv(n, (1 - CL) / 2);
  const hi = gammaIncInv(n, (1 + CL) / 2);
  return [Math.abs(lo - 1 - n), Math.abs(hi - 1 - n)];
}
