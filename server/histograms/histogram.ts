/**
 * The histogram model shared by comparisons, metrics, storage and display.
 *
 * Layout follows ROOT's: every axis has `nbins` real bins plus an underflow (index 0) and an
 * overflow (index nbins + 1). A 2D histogram's global bin is `ix + (nx + 2) * iy`
 * (TH1::GetBin). Arrays are typed and contiguous so the comparison engine never allocates
 * per bin.
 */

export type HistogramKind = "TH1" | "TH2" | "TProfile" | "TProfile2D";

export interface Axis {
  readonly nbins: number;
  readonly min: number;
  readonly max: number;
  /** Variable bin edges (nbins + 1 values); absent for fixed-width binning. */
  readonly edges?: Float64Array;
  /** Alphanumeric bin labels (index 0 is bin 1); absent when the axis is numeric. */
  readonly labels?: readonly string[];
}

/** ROOT's running sums (TH1::GetStats): fTsumw, fTsumw2, fTsumwx, fTsumwx2 (and y, xy in 2D). */
export interface HistogramStats {
  readonly sumw: number;
  readonly sumw2: number;
  readonly sumwx: number;
  readonly sumwx2: number;
  readonly sumwy?: number;
  readonly sumwy2?: number;
  readonly sumwxy?: number;
}

export interface Histogram {
  readonly kind: HistogramKind;
  readonly name: string;
  readonly title: string;
  readonly x: Axis;
  /** Present for TH2 and TProfile2D. */
  readonly y?: Axis;
  /**
   * Bin contents including under/overflow, length (nx + 2) or (nx + 2)(ny + 2).
   * For profiles this is ROOT's fArray: the per-bin sum of w·y (or w·z).
   */
  readonly contents: Float64Array;
  /**
   * Per-bin sum of squared weights (ROOT's fSumw2), same length as contents; absent for an
   * unweighted histogram, whose bin errors are then √content. For profiles: sum of w·y².
   */
  readonly sumw2?: Float64Array;
  /** Profiles only: per-bin sum of weights (ROOT's fBinEntries). */
  readonly binEntries?: Float64Array;
  /** Profiles only: per-bin sum of squared weights (ROOT's fBinSumw2), when weighted. */
  readonly binSumw2?: Float64Array;
  /** Profiles only: ROOT's error option ("" = error of the mean, "s" = spread, …). */
  readonly errorOption?: string;
  /** ROOT's fEntries (number of Fill calls), which can differ from the sum of contents. */
  readonly entries: number;
  /** Running sums as ROOT stored them; absent when the source does not carry them. */
  readonly stats?: HistogramStats;
}

/** Number of cells including under/overflow along an axis. */
export function cellsAlong(axis: Axis): number {
  return axis.nbins + 2;
}

/** ROOT's global bin number for (ix, iy) — TH1::GetBin. */
export function globalBin(h: Histogram, ix: number, iy = 0): number {
  return ix + cellsAlong(h.x) * iy;
}

/** Lower edge of bin i (1-based; 0 is underflow) — TAxis::GetBinLowEdge. */
export function binLowEdge(axis: Axis, i: number): number {
  if (axis.edges) {
    const e = axis.edges[Math.min(Math.max(i - 1, 0), axis.nbins)];
    return e ?? axis.min;
  }
  return axis.min + ((i - 1) * (axis.max - axis.min)) / axis.nbins;
}

/** Centre of bin i (1-based) — TAxis::GetBinCenter. */
export function binCenter(axis: Axis, i: number): number {
  if (axis.edges && i >= 1 && i <= axis.nbins) {
    return 0.5 * ((axis.edges[i - 1] ?? 0) + (axis.edges[i] ?? 0));
  }
  const width = (axis.max - axis.min) / axis.nbins;
  return axis.min + (i - 0.5) * width;
}

/** Width of bin i (1-based) — TAxis::GetBinWidth. */
export function binWidth(axis: Axis, i: number): number {
  if (axis.edges && i >= 1 && i <= axis.nbins) return (axis.edges[i] ?? 0) - (axis.edges[i - 1] ?? 0);
  return (axis.max - axis.min) / axis.nbins;
}

/** True when the histogram carries per-bin squared weights (ROOT: GetSumw2N() > 0). */
export function isWeighted(h: Histogram): boolean {
  return h.sumw2 !== undefined;
}

/** Squared error of a (non-profile) cell: sumw2 when weighted, else the content (Poisson). */
export function binErrorSquared(h: Histogram, cell: number): number {
  if (h.sumw2) return h.sumw2[cell] ?? 0;
  return Math.abs(h.contents[cell] ?? 0);
}
