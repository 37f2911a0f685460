/**
 * TH1::KolmogorovTest (ROOT hist/hist/src/TH1.cxx, after HBOOK's HDIFF): cumulative sums
 * normalised to their integrals, D = max |F1 − F2|, z = D·√(n1·n2/(n1+n2)) with effective
 * entries n = (Σw)²/Σσ², p = KolmogorovProb(z). A histogram with all-zero errors is treated as
 * an exact function (z = D·√n of the other). Options: N (combine with the normalisation
 * probability, Eadie et al. §11.6.2), M (return D), U/O (include under/overflow), X (p-value
 * from pseudo-experiments drawn as ROOT draws them, seeded here so it is reproducible).
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
  if (options.pseudoExperiments) {
    // ROOT runs the toys also when one histogram is a function (afunc1 or afunc2, never both here).
    prob = pseudoExperimentProb(h1, h2, { dfmax, esum1, esum2, afunc1, afunc2 }, options.pseudoExperiments.count ?? 1000, options.pseudoExperiments.seed ?? 1);
  }
  return { test, statistic: dfmax, pValue: prob, score: options.maxDist ? dfmax : prob, z, status: "OK" };
}

interface Observed {
  readonly dfmax: number;
  readonly esum1: number;
  readonly esum2: number;
  readonly afunc1: boolean;
  readonly afunc2: boolean;
}

/**
 * Option X as TH1::KolmogorovTest runs it: the parent is h1 when h1 is a function (zero errors)
 * or has more effective entries (`if (afunc1 || esum1 > esum2) h1->Copy(hparent)`), else h2;
 * negative parent bins are set to zero. Each toy draws trunc(esum) entries from the parent over
 * bins 1..n (TH1::FillRandom) for each histogram that is not a function; with a function the toy
 * is compared to the parent itself. The p-value is the fraction of toys whose distance (option
 * "M", no under/overflow; 0 when a toy is empty) exceeds the observed one.
 */
function pseudoExperimentProb(h1: Histogram, h2: Histogram, o: Observed, count: number, seed: number): number {
  const n = h1.x.nbins;
  const parentHist = o.afunc1 || o.esum1 > o.esum2 ? h1 : h2;
  const parent = new Float64Array(n);
  for (let i = 0; i < n; i++) parent[i] = Math.max(0, parentHist.contents[i + 1]!);
  let parentSum = 0;
  for (let i = 0; i < n; i++) parentSum += parent[i]!;
  const rng = seededRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const n1 = Math.trunc(o.esum1);
  const n2 = Math.trunc(o.esum2);
  const sumOf = (x: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i]!;
    return s;
  };
  const distance = (x: Float64Array, sx: number, y: Float64Array, sy: number): number => (sx === 0 || sy === 0 ? 0 : maxCumulativeDistance(x, y, 0, n - 1, 1 / sx, 1 / sy));
  let exceed = 0;
  for (let e = 0; e < count; e++) {
    if (!o.afunc1) sampleMultinomial(parent, n1, rng, a);
    if (!o.afunc2) sampleMultinomial(parent, n2, rng, b);
    const d = o.afunc1 ? distance(parent, parentSum, b, sumOf(b)) : o.afunc2 ? distance(parent, parentSum, a, sumOf(a)) : distance(a, sumOf(a), b, sumOf(b));
    if (d > o.dfmax) exceed++;
  }
  return exceed / count;
}
