import { binError as rootBinError, binContent as rootBinContent } from "../histograms/bin-values";
import { globalBin, type Axis, type Histogram } from "../histograms/histogram";
import { MetricError } from "./metric-error";

/** Read-only helpers over the shared model, with ROOT's bin conventions (1-based, 0 = underflow). */

export function isProfile(h: Histogram): boolean {
  return h.kind === "TProfile" || h.kind === "TProfile2D";
}

export function dimension(h: Histogram): 1 | 2 {
  return h.kind === "TH2" || h.kind === "TProfile2D" ? 2 : 1;
}

export function require1D(h: Histogram, metric: string): void {
  if (dimension(h) !== 1) throw new MetricError("wrong-dimension", `${metric} needs a 1D histogram, got ${h.kind} '${h.name}'`);
}

export function require2D(h: Histogram, metric: string): Axis {
  if (dimension(h) !== 2 || !h.y) throw new MetricError("wrong-dimension", `${metric} needs a 2D histogram, got ${h.kind} '${h.name}'`);
  return h.y;
}

/**
 * TH1::GetBin: a 1D histogram ignores iy (ROOT's GetBinContent(i, 1) on a TH1 is bin i), and
 * indices are clamped to the under/overflow cells as TH1::GetBin does.
 */
export function cellOf(h: Histogram, ix: number, iy = 0): number {
  const cx = Math.min(Math.max(ix, 0), h.x.nbins + 1);
  if (dimension(h) === 1 || !h.y) return cx;
  return globalBin(h, cx, Math.min(Math.max(iy, 0), h.y.nbins + 1));
}

/** TH1::GetBinContent; for profiles the bin mean fArray/fBinEntries (TProfile::GetBinContent). */
export function content(h: Histogram, ix: number, iy = 0): number {
  return rootBinContent(h, cellOf(h, ix, iy));
}

/**
 * TH1::GetBinError: √sumw2 (√content when unweighted); for profiles the error on the bin mean
 * (TProfileHelper::GetBinError with the profile's error option), as ROOT's fits use it.
 */
export function binError(h: Histogram, ix: number, iy = 0): number {
  return rootBinError(h, cellOf(h, ix, iy));
}

export function checkBin(axis: Axis, i: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i > axis.nbins + 1) {
    throw new MetricError("bad-parameter", `${what} ${i} is outside 0..${axis.nbins + 1}`);
  }
}

/** TAxis::FindFixBin: 0 below range, nbins+1 at or above the upper edge. */
export function findBin(axis: Axis, x: number): number {
  if (x < axis.min) return 0;
  if (x >= axis.max) return axis.nbins + 1;
  if (axis.edges) {
    let lo = 0;
    let hi = axis.nbins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((axis.edges[mid] ?? Infinity) <= x) lo = mid;
      else hi = mid;
    }
    return lo + 1;
  }
  return 1 + Math.floor((axis.nbins * (x - axis.min)) / (axis.max - axis.min));
}

/** A bin given as a number, or as an alphanumeric label (TAxis::FindBin(const char*)). */
export function resolveBin(axis: Axis, bin: number | string, what: string): number {
  if (typeof bin === "number") {
    checkBin(axis, bin, what);
    return bin;
  }
  const index = axis.labels?.indexOf(bin) ?? -1;
  if (index < 0) throw new MetricError("bad-parameter", `${what} label '${bin}' not found on the axis`);
  return index + 1;
}

/**
 * TH1::Integral(first, last) over a 1D histogram, under/overflow included if asked: Σ bin
 * contents (bin means for a profile, as ROOT's RetrieveBinContent); a last bin beyond the
 * overflow or before the first is the overflow, as in TH1::DoIntegral.
 */
export function integral(h: Histogram, first = 1, last = h.x.nbins): number {
  const from = Math.max(first, 0);
  const to = last > h.x.nbins + 1 || last < from ? h.x.nbins + 1 : last;
  let sum = 0;
  for (let i = from; i <= to; i++) sum += content(h, i);
  return sum;
}

/** TH1::GetMaximumBin over the real bins (first bin wins ties, as in ROOT). */
export function maximumBin(h: Histogram): { ix: number; iy: number } {
  const ny = h.y ? h.y.nbins : 0;
  let best = { ix: 1, iy: ny > 0 ? 1 : 0 };
  let max = -Infinity;
  for (let iy = ny > 0 ? 1 : 0; iy <= ny; iy++) {
    for (let ix = 1; ix <= h.x.nbins; ix++) {
      const c = content(h, ix, iy);
      if (c > max) {
        max = c;
        best = { ix, iy };
      }
    }
  }
  return best;
}

export function requireInput(h: Histogram | undefined, which: string, metric: string): Histogram {
  if (!h) throw new MetricError("missing-input", `${metric} needs the ${which} histogram`);
  return h;
}

/** Real cells of a 1D or 2D histogram as [ix, iy] (iy = 0 in 1D), x running fastest. */
export function realCells(h: Histogram): [number, number][] {
  const cells: [number, number][] = [];
  const ny = dimension(h) === 2 && h.y ? h.y.nbins : 0;
  for (let iy = ny > 0 ? 1 : 0; iy <= ny; iy++) for (let ix = 1; ix <= h.x.nbins; ix++) cells.push([ix, iy]);
  return cells;
}

/** TH1::GetMinimumBin over the real bins (first bin wins ties). */
export function minimumBin(h: Histogram): { ix: number; iy: number } {
  let best = { ix: 1, iy: dimension(h) === 2 ? 1 : 0 };
  let min = Infinity;
  for (const [ix, iy] of realCells(h)) {
    const c = content(h, ix, iy);
    if (c < min) {
      min = c;
      best = { ix, iy };
    }
  }
  return best;
}

/** TH1::GetMaximum with no maximum set: the highest real-bin content. */
export function maximumContent(h: Histogram): number {
  const { ix, iy } = maximumBin(h);
  return content(h, ix, iy);
}

/** TH1::GetSumOfWeights: Σ real-bin contents, which for a profile are the bin means (TH1 sums RetrieveBinContent; TProfile does not override it). */
export function sumOfWeights(h: Histogram): number {
  let s = 0;
  for (const [ix, iy] of realCells(h)) s += content(h, ix, iy);
  return s;
}
