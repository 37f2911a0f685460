/**
 * TH1::KolmogorovTest (ROOT hist/hist/src/TH1.cxx, after HBOOK's HDIFF): cumulative sums
 * normalised to their integrals, D = max |F1 − F2|, z = D·√(n1·n2/(n1+n2)) with effective
 * entries n = (Σw)²/Σσ², p = KolmogorovProb(z). A histogram with all-zero errors is treated as
 * an exact function (z = D·√n of the other). Options: N (combine with the normalisation
 * probability, Eadie et al. §11.6.2), M (return D), U/O (include under/overflow), X (p-value
 * from pseudo-experiments drawn from h1, seeded here so it is reproducible).
 */
import type { Histogram } from "../histograms/histogram";
import { binErrorSquared } from "../histograms/histogram";
import { chi2Prob } from "./math/gamma";
import { kolmogorovProb } from "./math/kolmogorov-prob";
import { seededRng } from "./math/rng";
import { sampleMultinomial } from "./math/multinomial";
import type { TestResult } from "./result";
import { failed } from "./result";
import { binningMismatch, nonFinite } from "./validate";

export interface KolmogorovOptions {
  readonly norm?: boolean;
  readonly maxDist?: boolean;
  readonly uf?: boolean;
  readonly of?: boolean;
  /** Option X: number of pseudo-experiments (ROOT uses 1000) and the RNG seed. */
  readonly pseudoExperiments?: { readonly count?: number; readonly seed?: number };
}

export interface KolmogorovResult extends TestResult {
  /** KS distance D. */
  readonly statistic: number;
  /** KolmogorovProb(z), combined with the normalisation term under N, or the pseudo-experiment fraction under X. */
  readonly pValue: number;
  /** What TH1::KolmogorovTest returns for these options: D under M, else pValue. */
  readonly score: number;
  readonly z?: number;
}

/** Maximum distance between the normalised cumulative sums of two cell arrays over [first, last]. */
export function maxCumulativeDistance(a: ArrayLike<number>, b: ArrayLike<number>, first: number, last: number, s1: number, s2: number): number {
  let r1 = 0;
  let r2 = 0;
  let dmax = 0;
  for (let i = first; i <= last; i++) {
    r1 += s1 * a[i]!;
    r2 += s2 * b[i]!;
    const d = Math.abs(r1 - r2);
    if (d > dmax) dmax = d;
  }
  return dmax;
}

export function kolmogorovTest(h1: Histogram, h2: Histogram, options: KolmogorovOptions = {}): KolmogorovResult {
  const test = "kolmogorov";
  const invalid = (status: "INVALID" | "INSUF_STAT", msg: string): KolmogorovResult => ({ ...failed(test, status, msg), statistic: Number.NaN, pValue: 0, score: 0 });
  if (h1.y || h2.y) return invalid("INVALID", "histograms must be 1-D");
  const mismatch = binningMismatch(h1, h2);
  if (mismatch) return invalid("INVALID", mismatch);
  const bad = nonFinite(h1) ?? nonFinite(h2);
  if (bad) return invalid("INVALID", bad);

  const ncx = h1.x.nbins;
  const first = options.uf ? 0 : 1;
  const last = options.of ? ncx + 1 : ncx;
  let sum1 = 0;
  let sum2 = 0;
  let w1 = 0;
  let w2 = 0;
  for (let bin = first; bin <= last; bin++) {
    sum1 += h1.contents[bin]!;
    sum2 += h2.contents[bin]!;
    w1 += binErrorSquared(h1, bin);
    w2 += binErrorSquared(h2, bin);
  }
  if (sum1 === 0) return invalid("INSUF_STAT", "histogram 1 integral is zero");
  if (sum2 === 0) return invalid("INSUF_STAT", "histogram 2 integral is zero");
  const afunc1 = !(w1 > 0);
  const afunc2 = !(w2 > 0);
  if (afunc1 && afunc2) return invalid("INVALID", "errors are zero for both histograms");
  const esum1 = afunc1 ? 0 : (sum1 * sum1) / w1;
  const esum2 = afunc2 ? 0 : (sum2 * sum2) / w2;

  const dfmax = maxCumulativeDistance(h1.contents, h2.contents, first, last, 1 / sum1, 1 / sum2);
  const z = afunc1 ? dfmax * Math.sqrt(esum2) : afunc2 ? dfmax * Math.sqrt(esum1) : dfmax * Math.sqrt((esum1 * esum2) / (esum1 + esum2));
  let prob = kolmogorovProb(z);

  if (options.norm && !(afunc1 || afunc2)) {
    const d12 = esum1 - esum2;
    const prb2 = chi2Prob((d12 * d12) / (esum1 + esum2), 1);
    prob = prob > 0 && prb2 > 0 ? prob * prb2 * (1 - Math.log(prob * prb2)) : 0;
  }
  if (options.pseudoExperiments && !(afunc1 || afunc2)) {
    prob = pseudoExperimentProb(h1, dfmax, esum1, esum2, options.pseudoExperiments.count ?? 1000, options.pseudoExperiments.seed ?? 1);
  }
  return { test, statistic: dfmax, pValue: prob, score: options.maxDist ? dfmax : prob, z, status: "OK" };
}

/**
 * Option X: draw two histograms of trunc(esum1) and trunc(esum2) entries from h1's shape (negative
 * bins set to zero, bins 1..n as TH1::FillRandom), and count how often their D (option "M", no
 * under/overflow) exceeds the observed one.
 */
function pseudoExperimentProb(h1: Histogram, dfmax: number, esum1: number, esum2: number, count: number, seed: number): number {
  const n = h1.x.nbins;
  const shape = new Float64Array(n);
  for (let i = 0; i < n; i++) shape[i] = Math.max(0, h1.contents[i + 1]!);
  const rng = seededRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const n1 = Math.trunc(esum1);
  const n2 = Math.trunc(esum2);
  let exceed = 0;
  for (let e = 0; e < count; e++) {
    sampleMultinomial(shape, n1, rng, a);
    sampleMultinomial(shape, n2, rng, b);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      s1 += a[i]!;
      s2 += b[i]!;
    }
    if (s1 === 0 || s2 === 0) continue;
    if (maxCumulativeDistance(a, b, 0, n - 1, 1 / s1, 1 / s2) > dfmax) exceed++;
  }
  return exceed / count;
}
