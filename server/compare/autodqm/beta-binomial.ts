/**
 * AutoDQM beta-binomial pulls (AutoDQM plugins/beta_binomial.py). For each reference, the
 * probability of the data count k of n under BetaBinomial(n, R+1, N−R+1) — R, N the reference
 * bin and total, both shrunk by a relative tolerance — is taken relative to the most likely
 * count; the per-bin probability is averaged over references, turned into a significance
 * √(χ²₁ isf(p)) and signed against the probability-weighted reference. χ² = Σ pull²/bins used
 * (bins where data or reference is non-zero); the max pull is corrected for the number of bins.
 */
import type { Histogram } from "../../histograms/histogram";
import { lnGamma } from "../math/gamma";
import { chi2Prob } from "../math/gamma";
import { sigmasFromProb } from "../math/normal";
import type { TestResult } from "../result";
import { failed } from "../result";
import { binningMismatch, nonFinite } from "../validate";
import { innerBins } from "./pull-values";

export interface BetaBinomialOptions {
  readonly tolerance?: number;
  readonly chi2Cut?: number;
  readonly pullCut?: number;
  readonly minEntries?: number;
}

export interface BetaBinomialResult extends TestResult {
  readonly maxPull?: number;
  readonly isOutlier?: boolean;
  readonly pulls?: Float64Array;
}

/** numpy.round: half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** ln of the beta-binomial pmf (scipy.stats.betabinom.logpmf). */
function betaBinomialLogPmf(k: number, n: number, a: number, b: number): number {
  if (k < 0 || k > n) return -Infinity;
  const lbeta = (x: number, y: number): number => lnGamma(x) + lnGamma(y) - lnGamma(x + y);
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + lbeta(k + a, n - k + b) - lbeta(a, b);
}

/** AutoDQM `Prob` with func 'BetaB': reference bin and total shrunk by 1/√(1 + (R·tol²)²). */
function prob(k: number, n: number, ref: number, nRef: number, tol: number): number {
  const scale = Math.pow(1 + Math.pow(ref * tol * tol, 2), -0.5);
  const nRefTol = roundHalfEven(scale * nRef);
  const refTol = roundHalfEven(ref * scale);
  return Math.exp(betaBinomialLogPmf(k, n, refTol + 1, nRefTol - refTol + 1));
}

/** AutoDQM `ProbRel`: probability of the observed count relative to the most likely one. */
function probRel(k: number, n: number, ref: number, nRef: number, tol: number): number {
  const mean = (n * ref) / nRef;
  const up = Math.min(Math.ceil(mean), n);
  const down = Math.max(Math.floor(mean), 0);
  const maxProb = Math.max(prob(up, n, ref, nRef, tol), prob(down, n, ref, nRef, tol));
  const thisProb = prob(k, n, ref, nRef, tol);
  if (thisProb > maxProb) return 1;
  return maxProb !== 0 ? thisProb / maxProb : 0;
}

/** AutoDQM `maxPullNorm`: the max pull as the significance of seeing it anywhere among nBins bins. */
export function maxPullNorm(maxPull: number, nBins: number): number {
  const sign = Math.sign(maxPull);
  const probGood = chi2Prob(Math.pow(Math.min(Math.abs(maxPull), 37), 2), 1);
  const probGoodNorm = nBins * probGood < 0.01 ? nBins * probGood : 1 - Math.pow(1 - probGood, nBins);
  return sigmasFromProb(Math.max(probGoodNorm, 1e-300)) * sign;
}

export function betaBinomial(data: Histogram, refs: readonly Histogram[], o: BetaBinomialOptions = {}): BetaBinomialResult {
  const test = "betaBinomial";
  const tol = o.tolerance ?? 0.01;
  for (const r of refs) {
    const mismatch = binningMismatch(data, r);
    if (mismatch) return failed(test, "INVALID", mismatch);
    const bad = nonFinite(r);
    if (bad) return failed(test, "INVALID", bad);
  }
  const bad = nonFinite(data);
  if (bad) return failed(test, "INVALID", bad);
  const d = innerBins(data).values.map(roundHalfEven);
  const rs = refs.map((r) => innerBins(r).values.map(roundHalfEven)).filter((r) => r.reduce((s, v) => s + v, 0) > 0);
  const nData = d.reduce((s, v) => s + v, 0);
  if (nData <= 0 || rs.length === 0) return failed(test, "INSUF_STAT", "data or every reference is empty");
  if (nData < (o.minEntries ?? 1)) return failed(test, "INSUF_STAT", `data has ${nData} entries (minimum ${o.minEntries ?? 1})`);

  const nBins = d.length;
  const refTotals = rs.map((r) => r.reduce((s, v) => s + v, 0));
  const probs = rs.map((r, iR) => {
    const p = new Float64Array(nBins);
    for (let i = 0; i < nBins; i++) p[i] = Math.max(probRel(d[i]!, nData, r[i]!, refTotals[iR]!, tol), 1e-300);
    return p;
  });
  const pulls = new Float64Array(nBins);
  let chi2 = 0;
  let used = 0;
  let maxP = -Infinity;
  let minP = Infinity;
  for (let i = 0; i < nBins; i++) {
    let psum = 0;
    for (const p of probs) psum += p[i]!;
    let weighted = 0;
    let refSum = 0;
    rs.forEach((r, iR) => {
      weighted += (r[i]! / refTotals[iR]!) * (probs[iR]![i]! / psum);
      refSum += r[i]!;
    });
    weighted *= nData;
    const pull = sigmasFromProb(Math.max(psum / rs.length, 1e-300)) * Math.sign(d[i]! - weighted);
    pulls[i] = pull;
    chi2 += pull * pull;
    if (refSum + d[i]! !== 0) used++;
    maxP = Math.max(maxP, pull);
    minP = Math.min(minP, pull);
  }
  chi2 /= used;
  let maxPull = maxPullNorm(maxP, used);
  const minPull = maxPullNorm(minP, used);
  if (Math.abs(minPull) > maxPull) maxPull = minPull;
  const isOutlier = chi2 > (o.chi2Cut ?? 10) || Math.abs(maxPull) > (o.pullCut ?? 10);
  return { test, statistic: chi2, ndf: used, maxPull, isOutlier, pulls, status: isOutlier ? "ERROR" : "OK" };
}
