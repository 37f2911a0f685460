import { binCenter, type Histogram } from "../histograms/histogram";
import { binError, content, findBin, integral, maximumBin, require1D, require2D, resolveBin } from "./histogram-access";
import { MetricError } from "./metric-error";
import type { MetricResult } from "./metric-types";

/**
 * Counting metrics, after HDQM's backend/metrics/basic.py (Count, MaxBin, BinCount, BinCount2D,
 * BinRatio2D, Bin2DRatio, Fraction, Fraction1, Ratio, Ratio1, FractionInBin, EntriesCount,
 * RecoFraction). Values follow HDQM; errors use ROOT's bin errors (TH1::GetBinError) and the
 * binomial error √(f(1−f)/N) for fractions of a total that contains the numerator.
 */

/** TH1::GetEntries (fEntries): number of fills. */
export function entries(h: Histogram): MetricResult {
  return { value: h.entries, error: 0 };
}

/**
 * Centre of the highest bin (TH1::GetMaximumBin, TAxis::GetBinCenter), with no error as in HDQM
 * MaxBin: the value is a bin centre, not a measurement with a spread.
 */
export function maxBin(h: Histogram): MetricResult {
  require1D(h, "maxBin");
  if (h.entries === 0 && integral(h) === 0) throw new MetricError("empty", `'${h.name}' is empty`);
  const { ix } = maximumBin(h);
  return { value: binCenter(h.x, ix), error: 0 };
}

export interface BinContentParams {
  readonly x: number | string;
  readonly y?: number | string;
  /** HDQM BinCount2D's normErr: divide the bin error by √entries. */
  readonly normalizeError?: boolean;
  readonly noError?: boolean;
}

/** Content of one bin, addressed by number or label, in 1D or 2D. */
export function binContent(h: Histogram, p: BinContentParams): MetricResult {
  let ix: number;
  let iy = 0;
  if (p.y === undefined) {
    require1D(h, "binContent");
    ix = resolveBin(h.x, p.x, "x bin");
  } else {
    const yAxis = require2D(h, "binContent");
    ix = resolveBin(h.x, p.x, "x bin");
    iy = resolveBin(yAxis, p.y, "y bin");
  }
  let error = p.noError ? 0 : binError(h, ix, iy);
  if (p.normalizeError) error = h.entries > 0 ? error / Math.sqrt(h.entries) : 0;
  return { value: content(h, ix, iy), error };
}

/** Ratio of two bins of one 2D histogram (HDQM BinRatio2D), uncorrelated Poisson errors. */
export function binRatio2D(h: Histogram, num: readonly [number, number], den: readonly [number, number]): MetricResult {
  const yAxis = require2D(h, "binRatio2D");
  for (const [ix, iy] of [num, den]) {
    resolveBin(h.x, ix, "x bin");
    resolveBin(yAxis, iy, "y bin");
  }
  const n = content(h, num[0], num[1]);
  const d = content(h, den[0], den[1]);
  if (d === 0) throw new MetricError("not-computable", `denominator bin (${den[0]}, ${den[1]}) is empty`);
  const r = n / d;
  return { value: r, error: n === 0 ? 0 : Math.abs(r) * Math.sqrt(1 / Math.abs(n) + 1 / Math.abs(d)) };
}

/** HDQM Bin2DRatio: the same 2D bin in the main histogram over histo1 (optionally scaled by entries). */
export function bin2DRatio(h: Histogram, other: Histogram, ix: number, iy: number, normEntries: boolean): MetricResult {
  const yAxis = require2D(h, "bin2DRatio");
  require2D(other, "bin2DRatio");
  resolveBin(h.x, ix, "x bin");
  resolveBin(yAxis, iy, "y bin");
  let num = content(h, ix, iy);
  let den = content(other, ix, iy);
  let err: number;
  if (normEntries) {
    num *= h.entries;
    den *= other.entries;
    err = Math.sqrt(Math.abs(num));
  } else {
    err = h.entries > 0 ? binError(h, ix, iy) / Math.sqrt(h.entries) : 0;
  }
  if (den === 0) throw new MetricError("not-computable", `histo1 bin (${ix}, ${iy}) is empty`);
  return { value: num / den, error: err / Math.abs(den) };
}

export type Denominator = "entries" | "integral" | "integralWithFlow";

function total(h: Histogram, d: Denominator): number {
  if (d === "entries") return h.entries;
  return d === "integral" ? integral(h) : integral(h, 0, h.x.nbins + 1);
}

/** Σ content of bins FindBin(low)..FindBin(high) (HDQM: histo.Integral(FindBin(low), FindBin(high))). */
function inRange(h: Histogram, low: number, high: number): number {
  return integral(h, findBin(h.x, low), findBin(h.x, high));
}

function binomial(k: number, n: number): MetricResult {
  if (n <= 0) throw new MetricError("empty", "the denominator is zero");
  const f = k / n;
  return { value: f, error: Math.sqrt(Math.max(f * (1 - f), 0) / n) };
}

/** Fraction of the total inside [low, high] (HDQM Fraction), or outside it (HDQM Fraction1 with complement). */
export function fractionInRange(h: Histogram, low: number, high: number, complement: boolean, denominator: Denominator): MetricResult {
  require1D(h, "fractionInRange");
  const t = total(h, denominator);
  const s = inRange(h, low, high);
  return binomial(complement ? t - s : s, t);
}

/** Entries inside [low, high] over those outside (HDQM Ratio), or the inverse (Ratio1); Poisson errors. */
export function rangeRatio(h: Histogram, low: number, high: number, inverse: boolean): MetricResult {
  require1D(h, "rangeRatio");
  const s = inRange(h, low, high);
  const t = inverse ? integral(h, 0, h.x.nbins + 1) : integral(h);
  const [n, d] = inverse ? [t - s, s] : [s, t - s];
  if (d === 0) throw new MetricError("not-computable", "the denominator is zero");
  return { value: n / d, error: n > 0 ? (n / d) * Math.sqrt(1 / n + 1 / d) : 1 / d };
}

/** Fraction of the entries in one bin (HDQM FractionInBin), binomial error. */
export function fractionInBin(h: Histogram, bin: number | string): MetricResult {
  require1D(h, "fractionInBin");
  return binomial(content(h, resolveBin(h.x, bin, "bin"), 0), h.entries);
}

/** Σ content from a bin (or the bin holding x) to the last real bin (HDQM BinsCount / EntriesCount). */
export function countFrom(h: Histogram, from: { bin?: number; x?: number }): MetricResult {
  require1D(h, "countFrom");
  const first = from.bin ?? findBin(h.x, from.x ?? h.x.min);
  const s = integral(h, first, h.x.nbins);
  return { value: s, error: Math.sqrt(Math.abs(s)) };
}

export type CountKind = "entries" | "integral";

/**
 * Ratio of two histograms' counts (main over histo1): binomial error when the numerator is a
 * subset of the denominator (an efficiency), else independent Poisson counts.
 */
export function countRatio(h: Histogram, other: Histogram, count: CountKind, binomialError: boolean): MetricResult {
  const n = count === "entries" ? h.entries : integralAll(h);
  const d = count === "entries" ? other.entries : integralAll(other);
  if (d === 0) throw new MetricError("empty", `'${other.name}' has no ${count}`);
  if (binomialError) return binomial(n, d);
  const r = n / d;
  return { value: r, error: n > 0 ? r * Math.sqrt(1 / n + 1 / d) : 0 };
}

function integralAll(h: Histogram): number {
  const ny = h.y ? h.y.nbins : 0;
  let s = 0;
  for (let iy = ny > 0 ? 1 : 0; iy <= ny; iy++) for (let ix = 1; ix <= h.x.nbins; ix++) s += content(h, ix, iy);
  return s;
}
